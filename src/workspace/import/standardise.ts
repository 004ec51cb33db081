import type { FeatureStats } from '../../shared/domain/records'

/**
 * Per-feature statistics over the rows in `rows` (all rows when null), accumulated in float64:
 * mean_j = Σ x_ij / n, std_j = sqrt(Σ (x_ij − mean_j)² / (n − 1)) (two passes, so no
 * cancellation), std_j := 1 when it is 0 or n < 2 so standardising never divides by zero.
 */
export function featureStats(x: Float32Array, d: number, rows: Int32Array | null, names: string[]): FeatureStats {
  const n = rows ? rows.length : d === 0 ? 0 : x.length / d
  const mean = new Float64Array(d)
  const min = new Float64Array(d).fill(Infinity)
  const max = new Float64Array(d).fill(-Infinity)
  for (let k = 0; k < n; k++) {
    const base = (rows ? rows[k] : k) * d
    for (let j = 0; j < d; j++) {
      const v = x[base + j]
      mean[j] += v
      if (v < min[j]) min[j] = v
      if (v > max[j]) max[j] = v
    }
  }
  for (let j = 0; j < d; j++) mean[j] = n > 0 ? mean[j] / n : 0
  const ss = new Float64Array(d)
  for (let k = 0; k < n; k++) {
    const base = (rows ? rows[k] : k) * d
    for (let j = 0; j < d; j++) {
      const e = x[base + j] - mean[j]
      ss[j] += e * e
    }
  }
  const std = Array.from(ss, (s) => {
    const v = n > 1 ? Math.sqrt(s / (n - 1)) : 0
    return v > 0 && Number.isFinite(v) ? v : 1
  })
  return {
    featureNames: [...names],
    mean: Array.from(mean),
    std,
    min: Array.from(min, (v) => (Number.isFinite(v) ? v : 0)),
    max: Array.from(max, (v) => (Number.isFinite(v) ? v : 0))
  }
}

/** Gather `rows` of x (n × d) into a new array, standardised: x' = (x − mean) / std. */
export function gatherStandardised(
  x: Float32Array,
  d: number,
  rows: Int32Array,
  stats: FeatureStats | null
): Float32Array {
  const out = new Float32Array(rows.length * d)
  for (let k = 0; k < rows.length; k++) {
    const src = rows[k] * d
    const dst = k * d
    if (!stats) {
      out.set(x.subarray(src, src + d), dst)
      continue
    }
    for (let j = 0; j < d; j++) out[dst + j] = (x[src + j] - stats.mean[j]) / stats.std[j]
  }
  return out
}

export function gatherLabels(y: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length)
  for (let k = 0; k < rows.length; k++) out[k] = y[rows[k]]
  return out
}
