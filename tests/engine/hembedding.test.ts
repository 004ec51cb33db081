import { describe, expect, it } from 'vitest'
import { ahpMatrix, ahpPriorities, distanceTargets, fitHEmbedding } from '../../src/engine/hembedding'
import { gaussian, mulberry32 } from '../../src/common/random'

const dist = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2
  return Math.sqrt(s)
}

/** Embeddings e_j ~ N(0, 1), a hidden ê*, and targets d_j = ‖ê* − e_j‖ / s*. */
function constructed(D: number, t: number, seed: number, sStar: number) {
  const rand = mulberry32(seed)
  const prev = Array.from({ length: t }, () => Float32Array.from({ length: D }, () => gaussian(rand)))
  const star = Float64Array.from({ length: D }, () => 0.7 * gaussian(rand))
  const distances = prev.map((e) => dist(star, e) / sStar)
  return { prev, star, distances }
}

describe('distanceTargets', () => {
  const H = [1.2, 0.3, 2.0]

  it('direct: d_j = Hmax + Hmin + ε − H_j', () => {
    const d = distanceTargets(H, 'direct')
    ;[2.0 + 0.3 + 0.1 - 1.2, 2.0 + 0.3 + 0.1 - 0.3, 2.0 + 0.3 + 0.1 - 2.0].forEach((v, j) =>
      expect(d[j]).toBeCloseTo(v, 14)
    )
    expect(distanceTargets(H, 'direct', 0.5)[2]).toBeCloseTo(0.8, 14)
  })

  it('reciprocal: d_j = 1/(H_j + ε)', () => {
    const d = distanceTargets(H, 'reciprocal', 0.1)
    H.forEach((h, j) => expect(d[j]).toBeCloseTo(1 / (h + 0.1), 14))
  })

  it('ahp: Saaty-scale comparison matrix, w its principal eigenvector, d_j = (wmax + wmin − w_j)/mean', () => {
    const A = ahpMatrix(H)
    // H = [1.2, 0.3, 2.0], range 1.7: a_20 = 1 + 8·0.8/1.7, a_21 = 9 (max vs min), reciprocal below
    expect(A[2][1]).toBe(9)
    expect(A[1][2]).toBeCloseTo(1 / 9, 15)
    expect(A[2][0]).toBeCloseTo(1 + (8 * 0.8) / 1.7, 14)
    expect(A[0][0]).toBe(1)
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(A[i][j] * A[j][i]).toBeCloseTo(1, 14)
    const w = ahpPriorities(H)
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14)
    // A w = λ w: the same ratio in every row
    const Aw = A.map((row) => row.reduce((s, a, j) => s + a * w[j], 0))
    const lambda = Aw[0] / w[0]
    Aw.forEach((v, i) => expect(v / w[i]).toBeCloseTo(lambda, 10))
    expect(lambda).toBeGreaterThanOrEqual(3 - 1e-12) // λmax ≥ t for a reciprocal matrix
    const d = distanceTargets(H, 'ahp')
    const r = w.map((v) => Math.max(...w) + Math.min(...w) - v)
    const mean = r.reduce((a, b) => a + b, 0) / r.length
    r.forEach((v, j) => expect(d[j]).toBeCloseTo(v / mean, 12))
    expect(d.reduce((a, b) => a + b, 0) / d.length).toBeCloseTo(1, 14)
    // the normalisation: invariant to affine changes of the scores, unlike direct
    const shifted = distanceTargets(
      H.map((h) => 3 * h + 1),
      'ahp'
    )
    shifted.forEach((v, j) => expect(v).toBeCloseTo(d[j], 12))
    // equal scores: all distances 1
    expect(distanceTargets([0.7, 0.7, 0.7], 'ahp')).toEqual([1, 1, 1])
  })

  it('every map puts the most transferable task closest', () => {
    for (const map of ['direct', 'reciprocal', 'ahp'] as const) {
      const d = distanceTargets(H, map)
      expect(d.indexOf(Math.min(...d))).toBe(2)
      expect(d.indexOf(Math.max(...d))).toBe(1)
      expect(d.every((v) => v > 0)).toBe(true)
    }
  })

  it('reads tiny negative rounding noise as 0 and rejects real problems by index', () => {
    expect(distanceTargets([-1e-12, 1], 'direct')).toEqual([1.1, 0.10000000000000009])
    expect(() => distanceTargets([], 'direct')).toThrow(/at least one H-score/)
    expect(() => distanceTargets([1, NaN], 'direct')).toThrow(/H-score 1 is NaN/)
    expect(() => distanceTargets([1, -0.5], 'ahp')).toThrow(/H-score 1 is -0.5/)
    expect(() => distanceTargets([0, 1], 'reciprocal', 0)).toThrow(/H\[0\] \+ ε = 0/)
    expect(() => distanceTargets([1], 'direct', -1)).toThrow(/ε must be/)
    expect(() => distanceTargets([1], 'bogus' as 'direct')).toThrow(/Unknown distance map "bogus"/)
  })
})

describe('fitHEmbedding', () => {
  it('reproduces constructed target distances with the default settings (under-determined: t < D)', () => {
    const { prev, distances } = constructed(32, 4, 7, 2.5)
    const fit = fitHEmbedding(prev, distances, { seed: 1 })
    expect(fit.embedding).toHaveLength(32)
    expect(fit.scale).toBeGreaterThan(0)
    expect(fit.loss).toBeLessThan(0.01)
    prev.forEach((e, j) => expect(Math.abs(fit.scale * distances[j] - dist(fit.embedding, e))).toBeLessThan(0.005))
  })

  it('recovers ê* and s* when the distances determine them (t > D + 1)', () => {
    const { prev, star, distances } = constructed(3, 8, 3, 2.5)
    const fit = fitHEmbedding(prev, distances, { seed: 2, steps: 4000, lr: 1e-2 })
    expect(fit.loss).toBeLessThan(0.01)
    expect(fit.scale).toBeCloseTo(2.5, 2)
    expect(dist(fit.embedding, star)).toBeLessThan(0.01)
  })

  it('is deterministic for a seed, and the seed moves the start', () => {
    const { prev, distances } = constructed(8, 3, 11, 1)
    const a = fitHEmbedding(prev, distances, { seed: 5, steps: 300 })
    const b = fitHEmbedding(prev, distances, { seed: 5, steps: 300 })
    const c = fitHEmbedding(prev, distances, { seed: 6, steps: 300 })
    expect(Array.from(a.embedding)).toEqual(Array.from(b.embedding))
    expect(a.scale).toBe(b.scale)
    expect(Array.from(a.embedding)).not.toEqual(Array.from(c.embedding))
  })

  it('starts from init when given, and with zero steps returns it with the matching scale', () => {
    const prev = [Float32Array.from([0, 0]), Float32Array.from([4, 0])]
    const init = Float32Array.from([1, 1])
    const fit = fitHEmbedding(prev, [1, 3], { seed: 1, steps: 0, init })
    expect(Array.from(fit.embedding)).toEqual([1, 1])
    // s₀ = Σ‖ê₀ − e_j‖ / Σ d_j = (√2 + √10) / 4
    expect(fit.scale).toBeCloseTo((Math.SQRT2 + Math.sqrt(10)) / 4, 12)
    expect(fit.loss).toBeCloseTo(Math.abs(fit.scale - Math.SQRT2) + Math.abs(3 * fit.scale - Math.sqrt(10)), 6)
  })

  it('with one previous task keeps the scale and fits the single distance', () => {
    const fit = fitHEmbedding([Float32Array.from([1, 2, 3])], [0.5], { seed: 3 })
    expect(fit.loss).toBeLessThan(1e-5)
    expect(Math.abs(fit.scale * 0.5 - dist(fit.embedding, [1, 2, 3]))).toBeLessThan(1e-5)
  })

  it('rejects inconsistent input', () => {
    const e = Float32Array.from([0, 1])
    expect(() => fitHEmbedding([], [], { seed: 1 })).toThrow(/at least one previous/)
    expect(() => fitHEmbedding([e, Float32Array.from([1])], [1, 1], { seed: 1 })).toThrow(/embedding 1 has 1 values/)
    expect(() => fitHEmbedding([e], [1, 2], { seed: 1 })).toThrow(/2 distances for 1 previous/)
    expect(() => fitHEmbedding([e], [-1], { seed: 1 })).toThrow(/distance 0 is -1/)
    expect(() => fitHEmbedding([e], [1], { seed: 1, steps: 1.5 })).toThrow(/steps/)
    expect(() => fitHEmbedding([e], [1], { seed: 1, lr: 0 })).toThrow(/lr/)
    expect(() => fitHEmbedding([Float32Array.from([NaN, 1])], [1], { seed: 1 })).toThrow(/NaN at index 0/)
    expect(() => fitHEmbedding([e], [1], { seed: 1, init: Float32Array.from([1]) })).toThrow(/init must hold 2/)
  })
})
