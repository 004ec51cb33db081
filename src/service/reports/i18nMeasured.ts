/**
 * Strings of the ROI report's measured-baselines and storage-crossover parts, English and
 * Japanese (the Japanese dictionary must have every English key: the type enforces it).
 */
import type { ReportLang } from './types'

const en = {
  measuredTitle: 'Baselines measured on this workspace’s tasks',
  measuredHow: (runs: string, seeds: string, backends: string, versions: string) =>
    `Baseline runs ${runs} (seeds ${seeds}; backend ${backends}) learned the same tasks in the same order, on the same train/holdout splits and with the same per-task settings (steps, batch, learning rates) as the lineage (versions ${versions}).`,
  skippedTasks: (n: number, T: number, names: string) =>
    `Compared on ${n} of ${T} tasks: ${names} skipped because the training data was dropped. The lineage’s numbers in this table are on the same ${n} tasks.`,
  olderRuns: (n: number) =>
    `${n} baseline run(s) were measured for an earlier version of this lineage; they are not used. Measure again (Reports → Measure baselines, or \`keizoku baselines DIR\`) to include the newer tasks.`,
  noneMeasured:
    'No baseline was measured on this workspace’s tasks. Measure them with Reports → Measure baselines, or `keizoku baselines DIR --methods independent,finetune,ewc --seeds 1,2,3`.',
  interval: (lo: string, hi: string, n: number) => `95 %: ${lo} … ${hi} (${n} seeds)`,
  noiseTitle: 'Is the accuracy difference real?',
  noisePaired: (base: string, d: string, lo: string, hi: string, n: number) =>
    `Against ${base}: ${d} on ${n} seeds measured with both; 95 % interval of the paired differences ${lo} … ${hi}.`,
  noiseSpread: (base: string, d: string, lo: string, hi: string, sd: string) =>
    `Against ${base}: ${d}; 95 % interval ${lo} … ${hi} (seed-to-seed standard deviation ${sd}).`,
  noiseOneSeed: (base: string, d: string) =>
    `Against ${base}: ${d}, but with one seed on each side the seed-to-seed spread is unknown, so this difference cannot be told from noise. Measure with ≥ 2 seeds (\`keizoku baselines DIR --seeds 1,2,3\`).`,
  withinNoise:
    'This is within the seed-to-seed noise: it is not a measured difference, and its “value of the accuracy difference” below should not be counted on.',
  beyondNoise: 'This is more than the seed-to-seed noise: a measured difference.',
  withinNoiseShort: 'rests on an accuracy difference within the seed-to-seed noise',
  storageOnly: 'Savings per month from storage alone',
  crossoverTitle: 'When does the hypernetwork store less?',
  crossoverFixed: 'Hypernetwork, fixed part (Θ incl. chunk embeddings)',
  crossoverMainNet: 'One main network',
  crossoverRatio: 'Fixed part ÷ one main network',
  crossoverPerTask: 'Added per task (task embedding)',
  crossoverAt: 'Stores less than separate models from',
  crossoverNever: 'never (a task embedding is not smaller than a main network)',
  tasksOn: (n: number) => `${n} tasks on`,
  crossoverHere: (T: number, h: string, sep: string) =>
    `This workspace (T = ${T}): hypernetwork ${h} · separate models ${sep}`,
  crossoverMeasured: (T: number, b: string) => `Separate models as measured (independent baseline, ${T} tasks): ${b}`,
  crossoverBelow: (T: number, at: number) =>
    `With ${T} tasks this workspace is below the crossover: the hypernetwork still stores more than ${T} separate models; it stores less from task ${at} on.`,
  crossoverAbove: (T: number, at: number) =>
    `With ${T} tasks this workspace is past the crossover (from ${at} tasks on): the hypernetwork stores less than separate models, and the gap grows with every task.`,
  crossoverFinetune:
    'Fine-tuning one shared network stores less than both, but it is the method that forgets: compare its forgetting in the table above.'
}

export type MeasuredStrings = typeof en

const ja: MeasuredStrings = {
  measuredTitle: 'このワークスペースのタスクで測定したベースライン',
  measuredHow: (runs, seeds, backends, versions) =>
    `ベースライン実行 ${runs}（シード ${seeds}、バックエンド ${backends}）は、系列（バージョン ${versions}）と同じタスクを同じ順序で、同じ学習/ホールドアウト分割と同じタスクごとの設定（ステップ数、バッチ、学習率）で学習しました。`,
  skippedTasks: (n, T, names) =>
    `${T} タスク中 ${n} タスクで比較: ${names} は学習データが削除されているため除外しました。この表の系列の数値も同じ ${n} タスクのものです。`,
  olderRuns: (n) =>
    `この系列の以前のバージョンに対して測定したベースライン実行が ${n} 件ありますが、使用していません。新しいタスクを含めるには再測定してください（レポート → ベースラインを測定、または \`keizoku baselines DIR\`）。`,
  noneMeasured:
    'このワークスペースのタスクではベースラインが測定されていません。レポート → ベースラインを測定、または `keizoku baselines DIR --methods independent,finetune,ewc --seeds 1,2,3` で測定してください。',
  interval: (lo, hi, n) => `95 %: ${lo} … ${hi}（${n} シード）`,
  noiseTitle: '精度の差は本物か',
  noisePaired: (base, d, lo, hi, n) =>
    `${base} に対して: ${d}（両方で測定した ${n} シード）。対応のある差の 95 % 区間 ${lo} … ${hi}。`,
  noiseSpread: (base, d, lo, hi, sd) => `${base} に対して: ${d}。95 % 区間 ${lo} … ${hi}（シード間の標準偏差 ${sd}）。`,
  noiseOneSeed: (base, d) =>
    `${base} に対して: ${d}。ただし両側とも 1 シードのためシード間のばらつきが分からず、この差はノイズと区別できません。2 シード以上で測定してください（\`keizoku baselines DIR --seeds 1,2,3\`）。`,
  withinNoise: 'これはシード間のノイズの範囲内です。測定された差ではなく、下の「精度差の価値」は当てにできません。',
  beyondNoise: 'これはシード間のノイズより大きく、測定された差です。',
  withinNoiseShort: 'シード間のノイズの範囲内の精度差に基づく値です',
  storageOnly: 'ストレージのみによる月々の削減額',
  crossoverTitle: 'ハイパーネットワークはいつから小さくなるか',
  crossoverFixed: 'ハイパーネットワークの固定部分（Θ とチャンク埋め込み）',
  crossoverMainNet: 'メインネットワーク 1 つ',
  crossoverRatio: '固定部分 ÷ メインネットワーク 1 つ',
  crossoverPerTask: 'タスクごとの追加（タスク埋め込み）',
  crossoverAt: '個別モデルより小さくなるのは',
  crossoverNever: 'なし（タスク埋め込みがメインネットワークより小さくない）',
  tasksOn: (n) => `${n} タスク以降`,
  crossoverHere: (T, h, sep) => `このワークスペース（T = ${T}）: ハイパーネットワーク ${h} ・ 個別モデル ${sep}`,
  crossoverMeasured: (T, b) => `測定した個別モデル（independent ベースライン、${T} タスク）: ${b}`,
  crossoverBelow: (T, at) =>
    `${T} タスクのこのワークスペースは分岐点より手前です。ハイパーネットワークは ${T} 個の個別モデルよりまだ大きく、${at} タスク目から小さくなります。`,
  crossoverAbove: (T, at) =>
    `${T} タスクのこのワークスペースは分岐点（${at} タスク）を越えています。ハイパーネットワークは個別モデルより小さく、その差はタスクごとに広がります。`,
  crossoverFinetune:
    '共有ネットワーク 1 つのファインチューニングはどちらよりも小さいですが、忘却する手法です。上の表の忘却を比べてください。'
}

export function measuredStrings(lang: ReportLang): MeasuredStrings {
  return lang === 'ja' ? ja : en
}
