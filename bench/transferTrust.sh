#!/usr/bin/env bash
# Measures how well each transferability estimator predicts measured transfer (linear-probe
# holdout accuracy) on a workspace learned task by task through the CLI:
#   bash bench/transferTrust.sh beef|permuted|split OUT_DIR [STEPS]
# Each task is trained with `hemb` and the defaults (STEPS, when given, overrides only the
# training steps), approved, and at the end
# `keizoku transfer --json` writes every estimator's matrix, the measured matrix and the ρ values.
set -euo pipefail
kind=$1
out=$2
steps=${3:-}
steps_arg=()
if [ -n "$steps" ]; then steps_arg=(--steps "$steps"); fi
cli=(npx tsx src/cli/index.ts)
rm -rf "$out"
"${cli[@]}" init "$out" >/dev/null
names=()
if [ "$kind" = beef ]; then
  for f in resources/demo/beef-enose/[1-8].*.csv; do
    name=$(basename "$f" .csv)
    "${cli[@]}" task add "$out" --name "$name" --csv "$f" --label Label --ignore TVC,Minute --group-by Minute/60 >/dev/null
    names+=("$name")
  done
else
  for k in 0 1 2 3 4; do
    "${cli[@]}" task add "$out" --name "$kind-$k" --builtin "$kind-mnist:$k" >/dev/null
    names+=("$kind-$k")
  done
fi
v=0
for name in "${names[@]}"; do
  "${cli[@]}" train "$out" --task "$name" "${steps_arg[@]}" --by bench --json >"$out/train-$name.json" 2>/dev/null
  v=$((v + 1))
  "${cli[@]}" approve "$out" --version "$v" --by bench --override --comment "bench run" >/dev/null
done
"${cli[@]}" transfer "$out" --json >"$out/transfer.json"
"${cli[@]}" transfer "$out"
npx tsx bench/transferTrustSummary.ts "$out"
