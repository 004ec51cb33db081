import { spearman } from '../engine/rankCorrelation'
import {
  FLAT_ROW_THRESHOLD,
  MIN_PAIRS_FOR_RHO,
  TRANSFER_ESTIMATORS,
  transferRecordIn,
  trustLevel,
  type EstimatorChoice,
  type EstimatorFit,
  type TransferEstimator,
  type TransferRecord,
  type TransferTrust
} from '../shared/transferability'
import type { VersionRecord, Workspace } from '../workspace/index'
import { versionTaskIds } from './views'

/** One measured pair: the new task, the earlier task whose features it was probed on, every estimate and the probe. */
export interface MeasuredPair {
  taskId: number
  sourceTaskId: number
  estimates: Record<TransferEstimator, number>
  measured: number
}

export function transferRecordOf(v: VersionRecord): TransferRecord | null {
  return transferRecordIn(v.metrics)
}

/**
 * Every (earlier task, new task) pair measured so far in the workspace: one per training of a
 * task from a given parent (a retrained, rejected candidate measured the same pair again — the
 * newest measurement counts once), pairs without a holdout left out.
 */
export function measuredPairs(ws: Workspace): MeasuredPair[] {
  const newest = new Map<string, VersionRecord>()
  for (const v of ws.listVersions()) {
    if (!transferRecordOf(v)) continue
    const key = `${v.parentId}:${v.taskId}`
    const seen = newest.get(key)
    if (!seen || seen.id < v.id) newest.set(key, v)
  }
  const pairs: MeasuredPair[] = []
  for (const v of newest.values()) {
    const rec = transferRecordOf(v)!
    const sources = versionTaskIds(v).slice(0, -1)
    rec.measured.forEach((m, j) => {
      if (m === null || j >= sources.length) return
      const estimates = Object.fromEntries(TRANSFER_ESTIMATORS.map((e) => [e, rec.estimates[e]?.[j] ?? NaN])) as Record<
        TransferEstimator,
        number
      >
      if (Object.values(estimates).some((x) => !Number.isFinite(x))) return
      pairs.push({ taskId: v.taskId, sourceTaskId: sources[j], estimates, measured: m })
    })
  }
  return pairs
}

/**
 * Spearman ρ of each estimator against measured transfer over all pairs (pooled across new
 * tasks), and the estimator the setting resolves to: a fixed estimator as set; `auto` → the one
 * with the highest ρ once there are MIN_PAIRS_FOR_RHO pairs, the paper's H-score before that.
 * With `auto` and enough pairs but no ρ above 0, guidance is switched off (`guide` false): the
 * beef cuts showed why — every estimator ranked the cuts at ρ ≤ 0.18, and at n = 15 the best one
 * was a shrinkage row at ρ −0.13, which `auto` would otherwise have followed. A fixed setting is the
 * user's choice and is followed whatever ρ says.
 */
export function transferTrust(pairs: MeasuredPair[], choice: EstimatorChoice): TransferTrust {
  const measured = pairs.map((p) => p.measured)
  const fits: EstimatorFit[] = TRANSFER_ESTIMATORS.map((e) => ({
    estimator: e,
    rho: spearman(
      pairs.map((p) => p.estimates[e]),
      measured
    ),
    n: pairs.length
  }))
  let estimator: TransferEstimator = choice === 'auto' ? 'hscore' : choice
  let guide = true
  if (choice === 'auto' && pairs.length >= MIN_PAIRS_FOR_RHO) {
    let best: EstimatorFit | null = null
    for (const f of fits) if (f.rho !== null && (best === null || f.rho > best.rho!)) best = f
    if (best) estimator = best.estimator
    guide = best !== null && best.rho! > 0
  }
  const fit = fits.find((f) => f.estimator === estimator)!
  const level = trustLevel(fit.rho, fit.n)
  return { choice, estimator, rho: fit.rho, n: fit.n, level, guide, fits, flatThreshold: FLAT_ROW_THRESHOLD }
}

export function workspaceTrust(ws: Workspace): TransferTrust {
  return transferTrust(measuredPairs(ws), ws.getSettings().transferEstimator ?? 'auto')
}
