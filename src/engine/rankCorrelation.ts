/**
 * Spearman's rank correlation with ties: ρ = Pearson correlation of the ranks, ties given the
 * mean of the ranks they span (the "fractional ranking" of scipy.stats.spearmanr):
 *
 *   ρ = Σ_i (r_i − r̄)(q_i − q̄) / √(Σ_i (r_i − r̄)² · Σ_i (q_i − q̄)²).
 *
 * null when fewer than 3 pairs or when either side does not vary (ρ is undefined then — a
 * constant measured transfer says nothing about an estimator).
 */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new Error(`spearman: ${x.length} values against ${y.length}`)
  if (x.length < 3) return null
  const rx = fractionalRanks(x)
  const ry = fractionalRanks(y)
  const mean = (x.length + 1) / 2
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < x.length; i++) {
    const a = rx[i] - mean
    const b = ry[i] - mean
    sxy += a * b
    sxx += a * a
    syy += b * b
  }
  if (sxx === 0 || syy === 0) return null
  return sxy / Math.sqrt(sxx * syy)
}

/** Ranks 1 … n in ascending order of value; equal values share the mean of their ranks. */
export function fractionalRanks(v: readonly number[]): number[] {
  const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b])
  const ranks = new Array<number>(v.length)
  for (let i = 0; i < order.length; ) {
    let j = i
    while (j + 1 < order.length && v[order[j + 1]] === v[order[i]]) j++
    const r = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) ranks[order[k]] = r
    i = j + 1
  }
  return ranks
}
