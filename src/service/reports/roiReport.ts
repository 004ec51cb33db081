/**
 * The ROI report's numbers (shown by roiHtml.ts and roiCsv.ts): Keizoku's method (the reported
 * lineage) against the baselines that were actually measured — in this workspace (versions
 * trained with another method) or on a benchmark (a bench results file, labelled as such) —
 * plus the methods that were not measured.
 *
 * Per method: final average accuracy, forgetting, BWT (from its accuracy matrix through the
 * engine's clMetrics), total training time (Σ timings.trainMs of its versions, or the bench wall
 * time), model storage and retained old training data.
 *
 *   model storage (float32)   = 4 B × (shared + perTask × T)   (+ 8 B × shared for EWC: F̃ and θ*)
 *   one model per task        = 4 B × mainNet × T
 *
 * Costs (settings.costs; GB = 10⁹ B), for Keizoku K against baseline B on the same tasks:
 *   compute      = training hours × computePerHour                       (one-off)
 *   storage      = (model bytes + retained data bytes) / 10⁹ × storagePerGBMonth   (per month)
 *   value        = (ACC_K − ACC_B) × 100 × T × valuePerAccuracyPoint      (per month)
 *   savings      = storage_B − storage_K + value                         (per month)
 *   extra        = compute_K − compute_B                                 (one-off)
 *   payback      = extra / savings months   (immediately when extra ≤ 0; never when savings ≤ 0)
 */
import { METHODS } from '../../shared/domain/methods'
import type { CostSettings, VersionRecord, Workspace } from '../../workspace'
import {
  accuracyMatrix,
  collectLineage,
  matrixMetrics,
  parameterCounts,
  trainMillis,
  untrainedAccuracies
} from './collect'
import {
  collectMeasured,
  meanMetrics,
  spreadOf,
  type MeasuredRuns,
  type MeasuredSpread,
  type NoiseVerdict
} from './roiMeasured'
import { storageCrossover, type StorageCrossover } from './storageCrossover'
import type { BenchResults, MetricsResult } from './types'
import type { MeanInterval, PairedComparison } from '../../shared/seedSummary'

/** Baselines the issue asks for at minimum; the report always says whether they were measured. */
export const REQUIRED_BASELINES = ['independent', 'finetune'] as const

export interface MethodSummary {
  method: string
  source: 'workspace' | 'bench'
  main: boolean
  /** Where the numbers come from, e.g. 'versions #3 … #7' or 'results.json, seeds 1, 2'. */
  provenance: string
  at: string | null
  versionIds: number[]
  /** Bench seeds the numbers are averaged over (bench only). */
  seeds: number[]
  /** Bench only: mean ± 95 % interval over the seeds per metric (empty for the workspace). */
  intervals?: Record<string, MeanInterval>
  tasks: number
  metrics: MetricsResult
  trainSeconds: number | null
  modelBytes: number | null
  modelBytesHow: string
  perTaskModelsBytes: number | null
  /** Old training data the method itself needs to keep (no method here replays data). */
  dataKeptBytes: number
  /** Baseline runs on this workspace's tasks the numbers come from (measured baselines only). */
  runIds?: number[]
  parameterCounts?: { shared: number; perTask: number; mainNet: number } | null
  /** 95 % intervals over seeds (≥ 2 seeds), else null. */
  spread?: MeasuredSpread | null
}

export interface CostComparison {
  source: 'workspace' | 'bench'
  main: string
  baseline: string
  tasks: number
  computeMain: number | null
  computeBase: number | null
  storageMain: number | null
  storageBase: number | null
  accuracyValue: number | null
  monthlySavings: number | null
  extraCost: number | null
  paybackMonths: number | null
  verdict: 'immediate' | 'months' | 'never' | 'unknown'
  /** Is the accuracy difference more than seed-to-seed noise (measured baselines only)? */
  noise?: NoiseVerdict
}

export interface RoiData {
  workspaceName: string
  generatedAt: string
  reportedVersionId: number | null
  mainMethod: string | null
  workspace: MethodSummary[]
  bench: {
    file: string
    benchmark: string | null
    createdAt: string | null
    methods: MethodSummary[]
    paired: PairedComparison[]
  } | null
  notMeasured: string[]
  snapshotBytes: number | null
  retained: { bytes: number; tasksKeeping: number; tasks: number }
  costs: CostSettings
  costsSet: boolean
  comparisons: CostComparison[]
  /** Baselines measured on this workspace's tasks for the reported version; null when none. */
  measured: MeasuredRuns | null
  /** The reported lineage over all its tasks (the results table may show it on fewer). */
  lineageFull: MethodSummary | null
  storage: StorageCrossover | null
}

function storageBytes(method: string, p: { shared: number; perTask: number } | null, T: number): number | null {
  if (!p) return null
  return 4 * (p.shared + p.perTask * T) + (method === 'ewc' ? 8 * p.shared : 0)
}

function summariseVersions(ws: Workspace, last: VersionRecord, main: boolean): MethodSummary {
  const lineage = collectLineage(ws, last.id)
  const matrix = accuracyMatrix(lineage)
  const T = lineage.tasks.length
  const ms = trainMillis(lineage.versions)
  const pcVersion = [...lineage.versions].reverse().find((v) => parameterCounts(v) !== null) ?? null
  const pc = pcVersion ? parameterCounts(pcVersion) : null
  const first = lineage.versions[0]
  return {
    method: last.method,
    source: 'workspace',
    main,
    provenance: first.id === last.id ? `#${last.id}` : `#${first.id} … #${last.id}`,
    at: last.createdAt,
    versionIds: lineage.versions.map((v) => v.id),
    seeds: [],
    intervals: {},
    tasks: T,
    metrics: matrixMetrics(
      matrix.rows.map((r) => r.values),
      untrainedAccuracies(lineage)
    ),
    trainSeconds: ms === null ? null : ms / 1000,
    modelBytes: storageBytes(last.method, pc, T),
    modelBytesHow: pcVersion ? `#${pcVersion.id}` : '',
    perTaskModelsBytes: pc ? 4 * pc.mainNet * T : null,
    dataKeptBytes: 0,
    parameterCounts: pc
  }
}

function summariseBench(bench: BenchResults, mainMethod: string | null): MethodSummary[] {
  return bench.methods.map((b) => {
    const T = b.R.length
    const R = b.R.map((row) => row.map((v) => (Number.isFinite(v) ? v : null)))
    const model = storageBytes(b.method, b.parameterCounts, T) ?? (b.bytesPerTask !== null ? b.bytesPerTask * T : null)
    return {
      method: b.method,
      source: 'bench' as const,
      main: b.method === (mainMethod ?? 'hemb'),
      provenance: bench.file,
      at: bench.createdAt,
      versionIds: [],
      seeds: b.seeds,
      intervals: b.intervals,
      tasks: T,
      metrics: matrixMetrics(R, b.b),
      trainSeconds: b.wallSeconds,
      modelBytes: model,
      modelBytesHow: b.parameterCounts ? 'parameterCounts' : b.bytesPerTask !== null ? 'bytesPerTask × T' : '',
      perTaskModelsBytes: b.parameterCounts ? 4 * b.parameterCounts.mainNet * T : null,
      dataKeptBytes: 0
    }
  })
}

/** A method measured by baseline runs on this workspace's tasks, averaged over its seeds. */
function summariseRuns(m: MeasuredRuns['perMethod'][number], tasks: number): MethodSummary {
  const newest = m.runs.reduce((a, r) => (r.id > a.id ? r : a))
  const pc = newest.result.parameterCounts
  const secs = m.perSeed.map((x) => x.trainSeconds)
  return {
    method: m.method,
    source: 'workspace',
    main: false,
    provenance: m.runs.map((r) => `#${r.id}`).join(', '),
    at: newest.createdAt,
    versionIds: [],
    seeds: m.perSeed.map((x) => x.seed),
    tasks,
    metrics: meanMetrics(m.perSeed),
    trainSeconds: secs.every((x) => x !== null) ? (secs as number[]).reduce((a, x) => a + x, 0) / secs.length : null,
    modelBytes: storageBytes(m.method, pc, tasks),
    modelBytesHow: `#${newest.id}`,
    perTaskModelsBytes: 4 * pc.mainNet * tasks,
    dataKeptBytes: 0,
    runIds: m.runs.map((r) => r.id),
    parameterCounts: pc,
    spread: spreadOf(m.perSeed)
  }
}

/** The lineage on the runs' tasks, with the extra seeds of re-runs of its own method. */
function lineageOnRuns(full: MethodSummary, measured: MeasuredRuns): MethodSummary {
  const main = measured.perMethod.find((m) => m.main)!
  const same = measured.tasks === full.tasks && main.perSeed.length === 1
  const secs = main.perSeed.map((x) => x.trainSeconds)
  const pc = full.parameterCounts ?? null
  return {
    ...full,
    seeds: main.perSeed.map((x) => x.seed),
    tasks: measured.tasks,
    // One seed on every task: keep the lineage's own metrics (with FWT); else the seed mean.
    metrics: same ? full.metrics : meanMetrics(main.perSeed),
    trainSeconds: secs.every((x) => x !== null) ? (secs as number[]).reduce((a, x) => a + x, 0) / secs.length : null,
    modelBytes: storageBytes(full.method, pc, measured.tasks),
    perTaskModelsBytes: pc ? 4 * pc.mainNet * measured.tasks : null,
    runIds: main.runs.map((r) => r.id),
    spread: spreadOf(main.perSeed)
  }
}

export function compare(
  main: MethodSummary,
  base: MethodSummary,
  c: CostSettings,
  retainedBytes: number
): CostComparison {
  const T = main.tasks
  const compute = (m: MethodSummary): number | null =>
    m.trainSeconds === null ? null : (m.trainSeconds / 3600) * c.computePerHour
  const storage = (m: MethodSummary, extra: number): number | null =>
    m.modelBytes === null ? null : ((m.modelBytes + m.dataKeptBytes + extra) / 1e9) * c.storagePerGBMonth
  const accK = main.metrics.metrics?.average_accuracy
  const accB = base.metrics.metrics?.average_accuracy
  const accuracyValue =
    accK === undefined || accB === undefined || base.tasks !== T
      ? null
      : (accK - accB) * 100 * T * c.valuePerAccuracyPoint
  // The workspace keeps the same training data whichever method is used, so it cancels out;
  // it is added to both sides only to make the storage figures real totals.
  const storageMain = storage(main, retainedBytes)
  const storageBase = storage(base, retainedBytes)
  const computeMain = compute(main)
  const computeBase = compute(base)
  const monthlySavings =
    storageMain === null || storageBase === null || accuracyValue === null
      ? null
      : storageBase - storageMain + accuracyValue
  const extraCost = computeMain === null || computeBase === null ? null : computeMain - computeBase
  let verdict: CostComparison['verdict'] = 'unknown'
  let paybackMonths: number | null = null
  if (extraCost !== null && extraCost <= 0) verdict = 'immediate'
  else if (monthlySavings !== null && monthlySavings <= 0) verdict = 'never'
  else if (extraCost !== null && monthlySavings !== null) {
    verdict = 'months'
    paybackMonths = extraCost / monthlySavings
  }
  return {
    source: main.source,
    main: main.method,
    baseline: base.method,
    tasks: T,
    computeMain,
    computeBase,
    storageMain,
    storageBase,
    accuracyValue,
    monthlySavings,
    extraCost,
    paybackMonths,
    verdict
  }
}

export function collectRoi(ws: Workspace, opts: { versionId?: number; bench?: BenchResults; now: Date }): RoiData {
  const settings = ws.getSettings()
  const lineage = collectLineage(ws, opts.versionId)
  const last = lineage.versions.at(-1) ?? null
  const mainMethod = last?.method ?? null
  const workspace: MethodSummary[] = []
  const lineageFull = last ? summariseVersions(ws, last, true) : null
  const measured = last ? collectMeasured(ws, last) : null
  if (lineageFull) workspace.push(measured ? lineageOnRuns(lineageFull, measured) : lineageFull)
  // Other methods trained in this workspace: the newest version of each, with its own chain.
  const inLineage = new Set(lineage.versions.map((v) => v.id))
  const newestByMethod = new Map<string, VersionRecord>()
  for (const v of ws.listVersions()) {
    if (v.method === mainMethod || inLineage.has(v.id) || v.status === 'rejected') continue
    const cur = newestByMethod.get(v.method)
    if (!cur || v.id > cur.id) newestByMethod.set(v.method, v)
  }
  for (const v of [...newestByMethod.values()].sort((a, b) => a.method.localeCompare(b.method))) {
    workspace.push(summariseVersions(ws, v, false))
  }
  for (const m of measured?.perMethod.filter((x) => !x.main) ?? []) workspace.push(summariseRuns(m, measured!.tasks))
  const bench = opts.bench
    ? {
        file: opts.bench.file,
        benchmark: opts.bench.benchmark,
        createdAt: opts.bench.createdAt,
        methods: summariseBench(opts.bench, mainMethod),
        paired: opts.bench.paired
      }
    : null
  const seen = new Set([...workspace.map((m) => m.method), ...(bench?.methods.map((m) => m.method) ?? [])])
  const known = [...new Set<string>([...REQUIRED_BASELINES, ...METHODS])]
  const notMeasured = known.filter((m) => !seen.has(m))

  const taskIds = new Set(lineage.tasks.map((t) => t.id))
  const lineageTasks = ws.listTasks().filter((t) => taskIds.has(t.id))
  const keeping = lineageTasks.filter((t) => t.trainDroppedAt === null && t.trainBytes > 0)
  const retained = {
    bytes: keeping.reduce((s, t) => s + t.trainBytes, 0),
    tasksKeeping: keeping.length,
    tasks: lineageTasks.length
  }
  let snapshotBytes: number | null = null
  if (last) {
    try {
      snapshotBytes = ws.getArtifact(last.snapshotHash).byteLength
    } catch {
      snapshotBytes = null
    }
  }
  const c = settings.costs
  const costsSet = c.computePerHour > 0 || c.storagePerGBMonth > 0 || c.valuePerAccuracyPoint > 0
  const comparisons: CostComparison[] = []
  const mainWs = workspace.find((m) => m.main)
  if (mainWs)
    for (const b of workspace.filter((m) => !m.main)) {
      const k = compare(mainWs, b, c, retained.bytes)
      const noise = b.runIds ? measured?.noise.find((n) => n.baseline === b.method) : undefined
      comparisons.push(noise ? { ...k, noise } : k)
    }
  const mainBench = bench?.methods.find((m) => m.main)
  if (mainBench && bench)
    for (const b of bench.methods.filter((m) => !m.main)) comparisons.push(compare(mainBench, b, c, 0))
  return {
    workspaceName: settings.name,
    generatedAt: opts.now.toISOString(),
    reportedVersionId: last?.id ?? null,
    mainMethod,
    workspace,
    bench,
    notMeasured,
    snapshotBytes,
    retained,
    costs: c,
    costsSet,
    comparisons,
    measured,
    lineageFull,
    storage: lineageFull ? storageCrossover(lineageFull, workspace) : null
  }
}
