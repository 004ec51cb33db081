/**
 * The ROI report's baselines measured on the workspace's own tasks (`keizoku baselines`, the
 * Reports screen's "Measure baselines"): one summary per method, averaged over its seeds, with
 * the 95 % interval over seeds when there are ≥ 2, and for each baseline whether its accuracy
 * difference to the lineage is more than seed-to-seed noise:
 *
 *   paired   (≥ 2 seeds both sides share): interval of the per-seed differences; noise if it holds 0
 *   spread   (≥ 2 seeds on one side): d ± t · s_pooled · √(1/n_K + 1/n_B); noise if |d| ≤ that
 *   one-seed (one seed each): no spread known — the report says so instead of a verdict
 *
 * The lineage itself is one seed; re-running its own method as a baseline (other seeds) adds
 * seeds to its side. Runs that skipped tasks (training data dropped) are compared with the
 * lineage on the same tasks (measuredBaselines.ts).
 */
import type { BaselineRunRecord, SkippedTask, VersionRecord, Workspace } from '../../workspace'
import type { CLMetrics } from '../../engine/metrics'
import { lineageMetricsOn, runMetrics, runsForLineage, runTrainSeconds } from './measuredBaselines'
import { tQuantile975 } from '../../shared/seedSummary'
import { mean, seedInterval, type SeedInterval } from './seedStats'
import type { MetricsResult } from './types'

export interface SeedValues {
  seed: number
  accuracy: number | null
  forgetting: number | null
  bwt: number | null
  trainSeconds: number | null
}

export interface MeasuredSpread {
  accuracy: SeedInterval | null
  forgetting: SeedInterval | null
  trainSeconds: SeedInterval | null
}

export interface NoiseVerdict {
  baseline: string
  /** Final average accuracy, lineage minus baseline (fraction). */
  difference: number
  kind: 'paired' | 'spread' | 'one-seed'
  lo: number | null
  hi: number | null
  /** Seed-to-seed standard deviation behind the interval. */
  sd: number | null
  seedsMain: number
  seedsBase: number
  /** True: not more than noise; false: outside the interval; null: one seed each, unknown. */
  within: boolean | null
}

export interface MeasuredRuns {
  versionId: number
  lineageSeed: number
  lineageTasks: number
  /** Tasks every run learned (the lineage's minus the skipped ones). */
  tasks: number
  skipped: SkippedTask[]
  olderRuns: number
  runIds: number[]
  backends: string[]
  perMethod: Array<{ method: string; main: boolean; perSeed: SeedValues[]; runs: BaselineRunRecord[] }>
  noise: NoiseVerdict[]
}

function values(seed: number, m: MetricsResult, trainSeconds: number | null): SeedValues {
  return {
    seed,
    accuracy: m.metrics?.average_accuracy ?? null,
    forgetting: m.metrics?.forgetting ?? null,
    bwt: m.metrics?.bwt ?? null,
    trainSeconds
  }
}

function numbers(xs: Array<number | null>): number[] | null {
  return xs.every((x): x is number => x !== null) ? xs : null
}

export function spreadOf(perSeed: SeedValues[]): MeasuredSpread {
  const iv = (k: 'accuracy' | 'forgetting' | 'trainSeconds'): SeedInterval | null => {
    const xs = numbers(perSeed.map((s) => s[k]))
    return xs ? seedInterval(xs) : null
  }
  // A training time is never negative; with two seeds mean − t·sd/√n can be (12.706 for one degree of freedom).
  const time = iv('trainSeconds')
  return {
    accuracy: iv('accuracy'),
    forgetting: iv('forgetting'),
    trainSeconds: time && { ...time, lo: Math.max(0, time.lo) }
  }
}

/** Metrics averaged over seeds (null where a seed lacks one). */
export function meanMetrics(perSeed: SeedValues[]): MetricsResult {
  const acc = numbers(perSeed.map((s) => s.accuracy))
  const fgt = numbers(perSeed.map((s) => s.forgetting))
  const bwt = numbers(perSeed.map((s) => s.bwt))
  if (!acc || !fgt || !bwt || perSeed.length === 0)
    return { metrics: null, problem: 'not measured on every seed', fwtNote: null }
  const m: CLMetrics = { average_accuracy: mean(acc), forgetting: mean(fgt), bwt: mean(bwt), fwt: null }
  return { metrics: m, problem: null, fwtNote: 'not_stored' }
}

export function accuracyNoise(baseline: string, main: SeedValues[], base: SeedValues[]): NoiseVerdict | null {
  const a = main.filter((s) => s.accuracy !== null)
  const b = base.filter((s) => s.accuracy !== null)
  if (a.length === 0 || b.length === 0) return null
  const accA = a.map((s) => s.accuracy!)
  const accB = b.map((s) => s.accuracy!)
  const difference = mean(accA) - mean(accB)
  const common = a.filter((s) => b.some((t) => t.seed === s.seed))
  const out = { baseline, difference, seedsMain: a.length, seedsBase: b.length }
  if (common.length >= 2) {
    const d = common.map((s) => s.accuracy! - b.find((t) => t.seed === s.seed)!.accuracy!)
    const iv = seedInterval(d)!
    return {
      ...out,
      difference: iv.mean,
      kind: 'paired',
      lo: iv.lo,
      hi: iv.hi,
      sd: iv.sd,
      within: iv.lo <= 0 && iv.hi >= 0
    }
  }
  const sides = [accA, accB].filter((xs) => xs.length >= 2)
  if (sides.length === 0) return { ...out, kind: 'one-seed', lo: null, hi: null, sd: null, within: null }
  const df = sides.reduce((s, xs) => s + xs.length - 1, 0)
  const ss = sides.reduce((s, xs) => {
    const m = mean(xs)
    return s + xs.reduce((t, x) => t + (x - m) ** 2, 0)
  }, 0)
  const sd = Math.sqrt(ss / df)
  const half = tQuantile975(df) * sd * Math.sqrt(1 / accA.length + 1 / accB.length)
  return {
    ...out,
    kind: 'spread',
    lo: difference - half,
    hi: difference + half,
    sd,
    within: Math.abs(difference) <= half
  }
}

/** The runs measured on the lineage ending at `last`, per method with per-seed numbers; null when none. */
export function collectMeasured(ws: Workspace, last: VersionRecord): MeasuredRuns | null {
  const { runs, older, lineage } = runsForLineage(ws, last.id)
  if (runs.length === 0) return null
  // runsForLineage keeps only runs on the newest run's task list.
  const same = runs
  const { taskIds, skipped } = runs.reduce((a, r) => (r.id > a.id ? r : a))
  const lineageOn = lineageMetricsOn(lineage, taskIds)
  const mainSeeds: SeedValues[] = [values(last.seed, lineageOn.metrics, lineageOn.trainSeconds)]
  const byMethod = new Map<string, BaselineRunRecord[]>()
  for (const r of same) byMethod.set(r.method, [...(byMethod.get(r.method) ?? []), r])
  const perMethod: MeasuredRuns['perMethod'] = []
  for (const [method, list] of byMethod) {
    const perSeed = list.map((r) => values(r.seed, runMetrics(r), runTrainSeconds(r)))
    if (method === last.method) {
      // The lineage's own method on other seeds: more seeds for the lineage's side.
      mainSeeds.push(...perSeed.filter((s) => s.seed !== last.seed))
      continue
    }
    perMethod.push({ method, main: false, perSeed, runs: list })
  }
  perMethod.sort((a, b) => a.method.localeCompare(b.method))
  const mainRuns = byMethod.get(last.method) ?? []
  perMethod.unshift({ method: last.method, main: true, perSeed: mainSeeds, runs: mainRuns })
  const noise = perMethod
    .filter((m) => !m.main)
    .map((m) => accuracyNoise(m.method, mainSeeds, m.perSeed))
    .filter((v): v is NoiseVerdict => v !== null)
  return {
    versionId: last.id,
    lineageSeed: last.seed,
    lineageTasks: lineage.tasks.length,
    tasks: taskIds.length,
    skipped,
    olderRuns: older.length,
    runIds: same.map((r) => r.id),
    backends: [...new Set(same.map((r) => r.backend))],
    perMethod,
    noise
  }
}
