/**
 * Spread over seeds: mean, sample standard deviation and the 95 % Student-t interval of the
 * mean, mean ± t₀.₉₇₅(n − 1) · sd / √n. With one seed there is no spread to state (null).
 */

/** t₀.₉₇₅ for 1 … 30 degrees of freedom; beyond that the normal 1.96 is within 2 %. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042
]

export function tQuantile975(df: number): number {
  return df >= 1 && df <= T975.length ? T975[df - 1] : 1.96
}

export interface SeedInterval {
  n: number
  mean: number
  sd: number
  lo: number
  hi: number
}

export function mean(xs: number[]): number {
  return xs.reduce((a, x) => a + x, 0) / xs.length
}

export function seedInterval(xs: number[]): SeedInterval | null {
  const n = xs.length
  if (n < 2) return null
  const m = mean(xs)
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1))
  const h = (tQuantile975(n - 1) * sd) / Math.sqrt(n)
  return { n, mean: m, sd, lo: m - h, hi: m + h }
}
