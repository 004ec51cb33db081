import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hScore } from '../../src/engine/hscore'
import { pinvSym } from '../../src/engine/linalg'
import { gaussian, mulberry32 } from '../../src/common/random'

interface RefCase {
  name: string
  n: number
  d: number
  classes: number
  features: number[][]
  labels: number[]
  hscore: number
}
const reference = JSON.parse(readFileSync(join(__dirname, 'fixtures/hscore-reference.json'), 'utf8')) as {
  cases: RefCase[]
}

/** The definition written out literally: both covariances as d × d matrices, pinv, trace. */
function bruteForce(f: Float64Array, n: number, d: number, y: Int32Array): number {
  const cov = (X: Float64Array): Float64Array => {
    const mu = new Float64Array(d)
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j] += X[i * d + j] / n
    const S = new Float64Array(d * d)
    for (let i = 0; i < n; i++)
      for (let a = 0; a < d; a++)
        for (let b = 0; b < d; b++) S[a * d + b] += ((X[i * d + a] - mu[a]) * (X[i * d + b] - mu[b])) / (n - 1)
    return S
  }
  const g = new Float64Array(n * d)
  for (const c of new Set(y)) {
    const rows = [...y.keys()].filter((i) => y[i] === c)
    for (let j = 0; j < d; j++) {
      const m = rows.reduce((s, i) => s + f[i * d + j], 0) / rows.length
      for (const i of rows) g[i * d + j] = m
    }
  }
  const P = pinvSym(cov(f), d)
  const G = cov(g)
  let tr = 0
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) tr += P[a * d + b] * G[b * d + a]
  return tr
}

function clustered(
  n: number,
  d: number,
  classes: number,
  seed: number,
  spread = 1
): { f: Float64Array; y: Int32Array } {
  const rand = mulberry32(seed)
  const centres = Float64Array.from({ length: classes * d }, () => gaussian(rand))
  const f = new Float64Array(n * d)
  const y = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    y[i] = Math.floor(rand() * classes)
    for (let j = 0; j < d; j++) f[i * d + j] = centres[y[i] * d + j] + spread * gaussian(rand)
  }
  return { f, y }
}

describe('hScore', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('matches the numpy reference: %s', (_name, c) => {
    const f = Float64Array.from(c.features.flat())
    const y = Int32Array.from(c.labels)
    const h = hScore(f, c.n, c.d, y, c.classes)
    expect(Math.abs(h - c.hscore) / Math.abs(c.hscore)).toBeLessThan(1e-9)
    // float32 features (what the networks produce) stay within the required 1e-4
    const h32 = hScore(Float32Array.from(f), c.n, c.d, y)
    expect(Math.abs(h32 - c.hscore) / Math.abs(c.hscore)).toBeLessThan(1e-4)
  })

  it('equals the literal definition on random data, both for d ≤ n (covariance) and d > n (Gram route)', () => {
    for (const [n, d, classes] of [
      [40, 6, 3],
      [25, 25, 4],
      [15, 30, 3],
      [9, 40, 5]
    ]) {
      const { f, y } = clustered(n, d, classes, n * d, 2)
      const want = bruteForce(f, n, d, y)
      expect(hScore(f, n, d, y)).toBeCloseTo(want, 8)
    }
  })

  it('stays in [0, C − 1], is invariant to row order and to invertible affine maps of the features', () => {
    const n = 120
    const d = 5
    const { f, y } = clustered(n, d, 4, 3, 1.5)
    const h = hScore(f, n, d, y, 4)
    expect(h).toBeGreaterThan(0)
    expect(h).toBeLessThanOrEqual(3 + 1e-12)
    // reverse rows
    const fr = new Float64Array(n * d)
    const yr = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      fr.set(f.subarray((n - 1 - i) * d, (n - i) * d), i * d)
      yr[i] = y[n - 1 - i]
    }
    expect(hScore(fr, n, d, yr, 4)).toBeCloseTo(h, 10)
    // f A + b with A = upper triangular with unit diagonal plus a scale
    const fa = new Float64Array(n * d)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < d; j++) {
        let s = 7 - j
        for (let k = 0; k <= j; k++) s += f[i * d + k] * (k === j ? 3 : 0.5)
        fa[i * d + j] = s
      }
    expect(hScore(fa, n, d, y, 4)).toBeCloseTo(h, 8)
  })

  it('reaches C − 1 when the features are the one-hot labels, and 0 for a single class', () => {
    const n = 30
    const y = Int32Array.from({ length: n }, (_, i) => i % 3)
    const f = new Float64Array(n * 3)
    for (let i = 0; i < n; i++) f[i * 3 + y[i]] = 1
    expect(hScore(f, n, 3, y)).toBeCloseTo(2, 12)
    // one class present (even with numClasses 3): cov(E[f|y]) = 0
    const { f: g } = clustered(10, 4, 1, 1)
    expect(hScore(g, 10, 4, new Int32Array(10).fill(2), 3)).toBe(0)
    // constant features: cov f = 0, nothing survives the cut-off, the score is 0 (both routes)
    expect(hScore(new Float64Array(30 * 3).fill(4), 30, 3, y)).toBe(0)
    expect(hScore(new Float64Array(5 * 8).fill(-2), 5, 8, Int32Array.from([0, 1, 0, 1, 2]))).toBe(0)
    // absent classes do not matter
    const y2 = Int32Array.from(y, (v) => v * 2)
    expect(hScore(f, n, 3, y2, 10)).toBeCloseTo(2, 12)
  })

  it('rejects bad input with the position of the problem', () => {
    const f = new Float32Array(12).fill(1)
    const y = Int32Array.from([0, 1, 0, 1])
    f[7] = NaN
    expect(() => hScore(f, 4, 3, y)).toThrow(/row 2, column 1 is NaN/)
    f[7] = Infinity
    expect(() => hScore(f, 4, 3, y)).toThrow(/row 2, column 1 is Infinity/)
    f[7] = 1
    expect(() => hScore(f, 4, 3, Int32Array.from([0, 1, 2, 1]), 2)).toThrow(
      /label 2 in row 2 is out of range; labels must be 0 … 1/
    )
    expect(() => hScore(f, 4, 3, Int32Array.from([0, -1, 0, 1]))).toThrow(/label -1 in row 1/)
    expect(() => hScore(f, 4, 4, y)).toThrow(/12 values but n × d = 4 × 4 = 16/)
    expect(() => hScore(f, 4, 3, Int32Array.from([0, 1]))).toThrow(/2 labels for 4 feature rows/)
    expect(() => hScore(new Float32Array(3), 1, 3, Int32Array.from([0]))).toThrow(/at least 2 samples/)
  })
})
