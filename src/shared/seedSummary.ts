/**
 * Summaries over seeds for `keizoku bench` and the reports that read its files.
 *
 * Mean with a two-sided 95 % Student-t interval over n seeds:
 *   x̄ = (1/n) Σ x_i,   s² = Σ (x_i − x̄)² / (n − 1),   half-width = t_{0.975, n−1} · s / √n.
 * Paired comparison of methods A and B on the seeds both ran: d_i = x_{A,i} − x_{B,i}, and the
 * same interval over the d_i. Pairing removes what a seed does to both methods alike (the task
 * permutations, the data order), so it is tighter than comparing two unpaired intervals. An
 * interval that contains 0 is no evidence of a difference.
 */

export interface MeanInterval {
  n: number
  mean: number
  /** Sample standard deviation; null for n < 2. */
  sd: number | null
  /** Half-width of the 95 % interval; null for n < 2. */
  half: number | null
}

/** t_{0.975, df} for df = 1 … 30 (standard tables). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042
]

/** Two-sided 95 % Student-t quantile; beyond df 30 the Cornish–Fisher expansion around z = 1.96. */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a whole number ≥ 1, got ${df}`)
  if (df <= T975.length) return T975[df - 1]
  const z = 1.959964
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df)
}

export function meanInterval(xs: number[]): MeanInterval {
  const n = xs.length
  if (n === 0) return { n: 0, mean: NaN, sd: null, half: null }
  const mean = xs.reduce((a, v) => a + v, 0) / n
  if (n < 2) return { n, mean, sd: null, half: null }
  const sd = Math.sqrt(xs.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1))
  return { n, mean, sd, half: (tQuantile975(n - 1) * sd) / Math.sqrt(n) }
}

/** One (method, seed) run with its scalar results (null = not defined, e.g. FWT without b). */
export interface SeedRun {
  method: string
  seed: number
  values: Record<string, number | null>
}

export interface MethodSeedSummary {
  method: string
  seeds: number[]
  values: Record<string, MeanInterval>
}

export interface PairedComparison {
  a: string
  b: string
  metric: string
  /** Seeds both methods ran, ascending. */
  seeds: number[]
  /** d_i = A − B per seed, in the order of `seeds`. */
  differences: number[]
  difference: MeanInterval
}

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}

/** Mean ± interval of every value of every method, in the order methods first appear. */
export function summariseSeeds(runs: SeedRun[]): MethodSeedSummary[] {
  const methods = [...new Set(runs.map((r) => r.method))]
  return methods.map((method) => {
    const mine = runs.filter((r) => r.method === method)
    const keys = [...new Set(mine.flatMap((r) => Object.keys(r.values)))]
    const values: Record<string, MeanInterval> = {}
    for (const k of keys) values[k] = meanInterval(mine.map((r) => r.values[k]).filter(finite))
    return { method, seeds: mine.map((r) => r.seed), values }
  })
}

/**
 * Paired comparisons A − B for each pair whose methods both ran, on each metric, over the seeds
 * where both have a finite value (a seed run twice for a method counts its first run).
 */
export function pairedComparisons(
  runs: SeedRun[],
  pairs: Array<[string, string]>,
  metrics: string[]
): PairedComparison[] {
  const out: PairedComparison[] = []
  const bySeed = (method: string): Map<number, SeedRun> => {
    const m = new Map<number, SeedRun>()
    for (const r of runs) if (r.method === method && !m.has(r.seed)) m.set(r.seed, r)
    return m
  }
  for (const [a, b] of pairs) {
    const ra = bySeed(a)
    const rb = bySeed(b)
    if (ra.size === 0 || rb.size === 0) continue
    for (const metric of metrics) {
      const seeds = [...ra.keys()]
        .filter((s) => rb.has(s) && finite(ra.get(s)!.values[metric]) && finite(rb.get(s)!.values[metric]))
        .sort((x, y) => x - y)
      if (seeds.length === 0) continue
      const differences = seeds.map((s) => ra.get(s)!.values[metric]! - rb.get(s)!.values[metric]!)
      out.push({ a, b, metric, seeds, differences, difference: meanInterval(differences) })
    }
  }
  return out
}

/** The guidance question of the H-embedding paper: hemb against plain HNET and a random guide. */
export const GUIDANCE_PAIRS: Array<[string, string]> = [
  ['hemb', 'hnet'],
  ['hemb', 'hnet-random']
]

/** "0.9012 ± 0.0031" (or just the mean when there is no interval). */
export function formatInterval(m: MeanInterval, digits = 4): string {
  if (!Number.isFinite(m.mean)) return '—'
  const sign = (v: number): string => v.toFixed(digits)
  return m.half === null ? sign(m.mean) : `${sign(m.mean)} ± ${m.half.toFixed(digits)}`
}
