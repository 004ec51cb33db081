import { describe, expect, it } from 'vitest'
import { isFlatRow, rowSpread } from '../../src/engine/flatRow'
import { hScore } from '../../src/engine/hscore'
import { pinvSym, symEig } from '../../src/engine/linalg'
import { linearProbe } from '../../src/engine/linearProbe'
import { logME } from '../../src/engine/logme'
import { gaussian, mulberry32 } from '../../src/common/random'
import { fractionalRanks, spearman } from '../../src/engine/rankCorrelation'
import { shrinkageHScore } from '../../src/engine/shrinkageHscore'
import { estimateAll } from '../../src/engine/transferEstimates'

/** Blobs: class means N(0, 1), noise `spread`; optional duplicated and constant columns (rank-deficient). */
function blobs(n: number, d: number, classes: number, seed: number, spread = 1, deficient = false): { f: Float64Array; y: Int32Array } {
  const rand = mulberry32(seed)
  const centres = Array.from({ length: classes * d }, () => gaussian(rand))
  const f = new Float64Array(n * d)
  const y = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    y[i] = i % classes
    for (let j = 0; j < d; j++) f[i * d + j] = centres[y[i] * d + j] + spread * gaussian(rand)
    if (deficient) {
      f[i * d + d - 1] = 0.5 // constant column
      f[i * d + d - 2] = 2 * f[i * d] - f[i * d + 1] // linear combination of two others
    }
  }
  return { f, y }
}

/** d × d matrix (1/den) Σ_i (a_i − ā)(a_i − ā)ᵀ, written out. */
function covariance(a: Float64Array, n: number, d: number, den: number): number[][] {
  const mu = Array.from({ length: d }, (_, j) => {
    let s = 0
    for (let i = 0; i < n; i++) s += a[i * d + j]
    return s / n
  })
  const out = Array.from({ length: d }, () => new Array<number>(d).fill(0))
  for (let i = 0; i < n; i++)
    for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) out[p][q] += ((a[i * d + p] - mu[p]) * (a[i * d + q] - mu[q])) / den
  return out
}

/**
 * Ibrahim et al.'s regularised H-score the long way: Ledoit–Wolf α from the per-sample outer
 * products, Σ_α as a matrix, its inverse, the trace against (1 − α) cov(E[f|y]).
 */
function shrinkageReference(f: Float64Array, n: number, d: number, y: Int32Array): { score: number; alpha: number } {
  const E = covariance(f, n, d, n) // scikit-learn's empirical covariance (1/n)
  const mu = E.reduce((s, r, i) => s + r[i], 0) / d
  const xs: number[][] = []
  const means = Array.from({ length: d }, (_, j) => f.filter((_, k) => k % d === j).reduce((s, v) => s + v, 0) / n)
  for (let i = 0; i < n; i++) xs.push(Array.from({ length: d }, (_, j) => f[i * d + j] - means[j]))
  let betaSum = 0
  for (const x of xs) for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) betaSum += (x[p] * x[q] - E[p][q]) ** 2
  const beta = betaSum / (n * n * d)
  let delta = 0
  for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) delta += (E[p][q] - (p === q ? mu : 0)) ** 2
  delta /= d
  const alpha = Math.min(beta, delta) / delta
  const covF = covariance(f, n, d, n - 1)
  const sigma = covF.reduce((s, r, i) => s + r[i], 0) / d
  const shrunk = covF.flatMap((r, p) => r.map((v, q) => (1 - alpha) * v + (p === q ? alpha * sigma : 0)))
  const inv = pinvSym(shrunk, d)
  const g = new Float64Array(n * d)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      let s = 0
      let c = 0
      for (let k = 0; k < n; k++)
        if (y[k] === y[i]) {
          s += f[k * d + j]
          c++
        }
      g[i * d + j] = s / c
    }
  const covG = covariance(g, n, d, n - 1)
  let tr = 0
  for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) tr += inv[p * d + q] * (1 - alpha) * covG[q][p]
  return { score: tr, alpha }
}

/** LogME the way the authors' numpy code does it: A = αI + βFᵀF as a matrix, m = β A⁻¹ Fᵀ y, residual from F m. */
function logmeReference(f: Float64Array, n: number, d: number, y: Int32Array, C: number): number {
  const FtF = Array.from({ length: d * d }, (_, k) => {
    let s = 0
    for (let i = 0; i < n; i++) s += f[i * d + Math.floor(k / d)] * f[i * d + (k % d)]
    return s
  })
  const s = symEig(FtF, d).values.map((v) => Math.max(v, 0))
  let total = 0
  for (let c = 0; c < C; c++) {
    const t: number[] = Array.from({ length: n }, (_, i) => (y[i] === c ? 1 : 0))
    const Fty = Array.from({ length: d }, (_, j) => t.reduce((acc, v, i) => acc + v * f[i * d + j], 0))
    let alpha = 1
    let beta = 1
    let lam = 1
    let mm = 0
    let res = 0
    for (let it = 0; it < 11; it++) {
      const gamma = s.reduce((acc, v) => acc + v / (v + lam), 0)
      const A = FtF.map((v, k) => beta * v + (Math.floor(k / d) === k % d ? alpha : 0))
      const Ainv = pinvSym(A, d)
      const m = Array.from({ length: d }, (_, p) => beta * Fty.reduce((acc, v, q) => acc + Ainv[p * d + q] * v, 0))
      mm = m.reduce((acc, v) => acc + v * v, 0)
      res = 0
      for (let i = 0; i < n; i++) {
        let fm = 0
        for (let j = 0; j < d; j++) fm += f[i * d + j] * m[j]
        res += (t[i] - fm) ** 2
      }
      alpha = gamma / (mm + 1e-5)
      beta = (n - gamma) / (res + 1e-5)
      const next = alpha / beta
      if (Math.abs(next - lam) / lam < 0.01) break
      lam = next
    }
    const logDet = s.reduce((acc, v) => acc + Math.log(alpha + beta * v), 0)
    total +=
      (d / 2 * Math.log(alpha) + n / 2 * Math.log(beta) - 0.5 * logDet - beta / 2 * (res + 1e-5) - alpha / 2 * (mm + 1e-5) - n / 2 * Math.log(2 * Math.PI)) / n
  }
  return total / C
}

const CASES: Array<[string, number, number, number, boolean]> = [
  ['well conditioned', 60, 5, 3, false],
  ['rank-deficient (constant + dependent column)', 50, 6, 3, true],
  ['d > n', 12, 20, 3, false],
  ['d > n, rank-deficient', 10, 16, 4, true]
]

describe('shrinkage H-score (Ibrahim et al. 2022)', () => {
  it.each(CASES)('matches the long-hand Ledoit–Wolf computation: %s', (_name, n, d, C, deficient) => {
    const { f, y } = blobs(n, d, C, n + d, 1.5, deficient)
    const want = shrinkageReference(f, n, d, y)
    const got = shrinkageHScore(f, n, d, y, C)
    expect(got.alpha).toBeGreaterThan(0)
    expect(got.alpha).toBeCloseTo(want.alpha, 10)
    expect(got.score).toBeCloseTo(want.score, 8)
    // shrinkage pulls the score below the saturating plain H-score
    expect(got.score).toBeLessThan(hScore(f, n, d, y, C) + 1e-12)
  })

  it.each(CASES)('equals the plain H-score exactly at zero shrinkage: %s', (_name, n, d, C, deficient) => {
    const { f, y } = blobs(n, d, C, 3 * n + d, 0.7, deficient)
    expect(shrinkageHScore(f, n, d, y, C, 0).score).toBe(hScore(f, n, d, y, C))
  })

  it('is 0 when a single class is present', () => {
    const { f } = blobs(20, 4, 2, 5)
    expect(shrinkageHScore(f, 20, 4, new Int32Array(20), 2).score).toBe(0)
  })
})

describe('LogME (You et al. 2021)', () => {
  it.each(CASES)('matches the matrix-form fixed point: %s', (_name, n, d, C, deficient) => {
    const { f, y } = blobs(n, d, C, 7 * n + d, 1.2, deficient)
    const want = logmeReference(f, n, d, y, C)
    expect(logME(f, n, d, y, C)).toBeCloseTo(want, 6)
  })

  it('prefers features that carry the label over noise', () => {
    const good = blobs(80, 6, 3, 11, 0.3)
    const bad = blobs(80, 6, 3, 11, 30)
    expect(logME(good.f, 80, 6, good.y, 3)).toBeGreaterThan(logME(bad.f, 80, 6, bad.y, 3) + 0.1)
  })
})

describe('estimateAll', () => {
  it('returns the H-score, its shrinkage form, LogME and H/(C − 1) of the same features', () => {
    const { f, y } = blobs(40, 5, 4, 21, 1)
    const e = estimateAll(f, 40, 5, y, 4)
    expect(e.hscore).toBe(hScore(f, 40, 5, y, 4))
    expect(e.normalised).toBeCloseTo(e.hscore / 3, 14)
    expect(e.shrinkage).toBe(shrinkageHScore(f, 40, 5, y, 4).score)
    expect(e.logme).toBe(logME(f, 40, 5, y, 4))
  })
})

describe('spearman', () => {
  /** Rank by counting (1 + #smaller + (#equal − 1)/2) and Pearson by its textbook formula. */
  function reference(x: number[], y: number[]): number {
    const rank = (v: number[]) => v.map((a) => 1 + v.filter((b) => b < a).length + (v.filter((b) => b === a).length - 1) / 2)
    const rx = rank(x)
    const ry = rank(y)
    const n = x.length
    const mx = rx.reduce((s, v) => s + v, 0) / n
    const my = ry.reduce((s, v) => s + v, 0) / n
    const cov = rx.reduce((s, v, i) => s + (v - mx) * (ry[i] - my), 0)
    const sx = Math.sqrt(rx.reduce((s, v) => s + (v - mx) ** 2, 0))
    const sy = Math.sqrt(ry.reduce((s, v) => s + (v - my) ** 2, 0))
    return cov / (sx * sy)
  }

  it('gives ±1 for monotone relations and matches the counting formula with ties', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 25, 100])).toBeCloseTo(1, 14)
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 14)
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
    const y = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8]
    expect(fractionalRanks([10, 20, 10, 30])).toEqual([1.5, 3, 1.5, 4])
    expect(spearman(x, y)).toBeCloseTo(reference(x, y), 14)
    // no 1 - 6Σd²/(n(n²−1)) shortcut: with ties it differs from the rank correlation
    const rand = mulberry32(4)
    const a = Array.from({ length: 30 }, () => Math.round(rand() * 5))
    const b = a.map((v) => v + Math.round(rand() * 4))
    expect(spearman(a, b)).toBeCloseTo(reference(a, b), 12)
  })

  it('is undefined (null) below 3 pairs or when one side is constant', () => {
    expect(spearman([1, 2], [2, 1])).toBeNull()
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNull()
  })
})

describe('flat-row detector', () => {
  it('flags a spread below 2 % of C − 1 (H-score) and nothing with fewer than two entries', () => {
    expect(rowSpread([2.96, 3.0, 2.98])).toBeCloseTo(0.04, 12)
    expect(isFlatRow([2.96, 3.0, 2.98], 'hscore', 4)).toBe(true) // 0.04 < 0.06
    expect(isFlatRow([2.9, 3.0], 'hscore', 4)).toBe(false) // 0.1 ≥ 0.06
    expect(isFlatRow([2.4, 3.1], 'hscore', 10)).toBe(false)
    expect(isFlatRow([0.99, 1.0], 'normalised', 4)).toBe(true)
    expect(isFlatRow([-0.5, -0.2], 'logme', 4)).toBe(false)
    expect(isFlatRow([3], 'hscore', 4)).toBe(false)
    expect(isFlatRow([null, 2.5], 'hscore', 4)).toBe(false)
  })
})

describe('linear probe', () => {
  it('learns separable features to high holdout accuracy and gets chance on noise', () => {
    const tr = blobs(120, 4, 3, 31, 0.3)
    const te = blobs(60, 4, 3, 31, 0.3) // same seed → same class centres, fresh noise is not needed for this check
    const good = linearProbe({ f: tr.f, y: tr.y, n: 120 }, { f: te.f, y: te.y, n: 60 }, 4, 3)
    expect(good.accuracy).toBeGreaterThan(0.95)
    const rand = mulberry32(9)
    const noise = (n: number) => Float64Array.from({ length: n * 4 }, () => gaussian(rand))
    const yTest = Int32Array.from({ length: 300 }, (_, i) => i % 3)
    const bad = linearProbe({ f: noise(120), y: tr.y, n: 120 }, { f: noise(300), y: yTest, n: 300 }, 4, 3)
    expect(bad.accuracy).toBeLessThan(0.5)
    expect(bad.logLikelihood).toBeLessThan(good.logLikelihood)
  })
})
