import { mulberry32, shuffleInPlace } from '../../common/random'
import type { HoldoutOptions, HoldoutSummary } from '../../shared/domain/records'

export interface Split {
  train: Int32Array
  test: Int32Array
  summary: HoldoutSummary
}


/** How many of m items go to the holdout: round(f·m), but ≥ 1 and ≤ m − 1 when m ≥ 2 and f > 0. */
export function holdoutCount(m: number, f: number): number {
  if (f <= 0 || m < 2) return 0
  return Math.min(m - 1, Math.max(1, Math.round(f * m)))
}

/**
 * Seeded holdout split.
 * - Stratified (no groups): per class, shuffle its rows and hold out holdoutCount(n_c, f).
 * - Grouped: rows with equal group key stay together. Each group's stratum is its majority
 *   class (ties → lower class index); per stratum, shuffle the groups and hold out
 *   holdoutCount(groups_s, f) of them. So no group is on both sides and every class with
 *   ≥ 2 groups appears on both sides.
 * Indices come back in ascending (source) order.
 */
export function splitHoldout(
  labels: Int32Array,
  numClasses: number,
  groups: Float64Array | null,
  opts: HoldoutOptions = {}
): Split {
  const fraction = opts.fraction ?? 0.2
  const seed = opts.seed ?? 1
  const rand = mulberry32(seed)
  const n = labels.length
  const isTest = new Uint8Array(n)
  let summary: HoldoutSummary
  if (fraction <= 0) {
    summary = { fraction: 0, seed, mode: 'none' }
  } else if (!groups) {
    const byClass: number[][] = Array.from({ length: numClasses }, () => [])
    for (let i = 0; i < n; i++) byClass[labels[i]].push(i)
    for (const rows of byClass) {
      shuffleInPlace(rows, rand)
      const k = holdoutCount(rows.length, fraction)
      for (let i = 0; i < k; i++) isTest[rows[i]] = 1
    }
    summary = { fraction, seed, mode: 'stratified' }
  } else {
    const members = new Map<number, number[]>()
    for (let i = 0; i < n; i++) {
      const g = groups[i]
      let m = members.get(g)
      if (!m) members.set(g, (m = []))
      m.push(i)
    }
    const strata: number[][] = Array.from({ length: numClasses }, () => [])
    const keys = [...members.keys()].sort((a, b) => a - b)
    for (const g of keys) {
      const counts = new Int32Array(numClasses)
      for (const i of members.get(g) as number[]) counts[labels[i]]++
      let best = 0
      for (let c = 1; c < numClasses; c++) if (counts[c] > counts[best]) best = c
      strata[best].push(g)
    }
    const testGroups: number[] = []
    for (const s of strata) {
      shuffleInPlace(s, rand)
      const k = holdoutCount(s.length, fraction)
      for (let i = 0; i < k; i++) {
        testGroups.push(s[i])
        for (const r of members.get(s[i]) as number[]) isTest[r] = 1
      }
    }
    testGroups.sort((a, b) => a - b)
    const testSet = new Set(testGroups)
    summary = {
      fraction,
      seed,
      mode: 'grouped',
      groupBy: opts.groupBy,
      trainGroups: keys.filter((g) => !testSet.has(g)),
      testGroups
    }
  }
  let nt = 0
  for (let i = 0; i < n; i++) nt += isTest[i]
  const train = new Int32Array(n - nt)
  const test = new Int32Array(nt)
  let a = 0
  let b = 0
  for (let i = 0; i < n; i++) {
    if (isTest[i]) test[b++] = i
    else train[a++] = i
  }
  return { train, test, summary }
}
