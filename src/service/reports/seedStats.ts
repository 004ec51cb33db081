import { meanInterval } from '../../shared/seedSummary'

/**
 * Spread over seeds as the ROI report states it: the mean with the 95 % Student-t interval of
 * shared/seedSummary (the one place the t quantiles live), as bounds lo … hi. With one seed there
 * is no spread to state (null).
 */
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
  const iv = meanInterval(xs)
  if (iv.sd === null || iv.half === null) return null
  return { n: iv.n, mean: iv.mean, sd: iv.sd, lo: iv.mean - iv.half, hi: iv.mean + iv.half }
}
