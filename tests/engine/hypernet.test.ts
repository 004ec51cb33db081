import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/shared/domain/engineConfig'
import { ChunkedHypernet, unflatten } from '../../src/engine/hypernet'
import { countParams, forwardMain, mainNetSpec, paramShapes } from '../../src/engine/mainnet'
import { gaussian, mulberry32 } from '../../src/common/random'
import { OutputRegularizer, outputRegularizerDirect } from '../../src/engine/regularizer'

/**
 * Gradient checks run on the cpu backend in float32: central differences
 * (L(θ + h·v) − L(θ − h·v)) / 2h along random unit directions v, compared with ∇L·v.
 * With h = 1e-2 the truncation error is O(h²) ≈ 1e-4 relative and float32 rounding of a loss
 * near 1 contributes ≈ 1e-7 / h = 1e-5, so a 1e-2 relative tolerance is strict enough to catch
 * any wrong term yet robust to rounding. Smooth activations (tanh) avoid ReLU kinks.
 */
const cfg = resolveConfig({
  mainNet: { hidden: [7], activation: 'tanh', headSize: 3 },
  hnet: { taskEmbeddingSize: 4, chunkEmbeddingSize: 3, chunkSize: 25, hidden: [9, 6], activation: 'tanh' }
})

function randArray(n: number, seed: number, scale = 1): Float32Array {
  const r = mulberry32(seed)
  return Float32Array.from({ length: n }, () => gaussian(r) * scale)
}

function directional(
  f: (p: tf.Tensor1D) => tf.Scalar,
  p: tf.Tensor1D,
  seed: number
): { analytic: number; numeric: number } {
  const g = tf.grad((q: tf.Tensor) => f(q as tf.Tensor1D))(p)
  const v0 = randArray(p.shape[0], seed)
  const norm = Math.hypot(...v0)
  const v = tf.tensor1d(v0.map((a) => a / norm))
  const h = 1e-2
  const analytic = tf.sum(tf.mul(g, v)).dataSync()[0]
  const plus = f(tf.add(p, tf.mul(v, h)) as tf.Tensor1D).dataSync()[0]
  const minus = f(tf.sub(p, tf.mul(v, h)) as tf.Tensor1D).dataSync()[0]
  return { analytic, numeric: (plus - minus) / (2 * h) }
}

describe('chunked hypernetwork', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu')
  })

  const spec = mainNetSpec(cfg, [5])
  const shapes = paramShapes(spec)
  const N = countParams(shapes)
  const hnet = new ChunkedHypernet(cfg, shapes)
  const theta = tf.tensor1d(hnet.initTheta(mulberry32(3)))
  const x = tf.tensor2d(randArray(8 * 5, 11), [8, 5])
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3).toFloat() as tf.Tensor2D

  it('has the documented parameter layout', () => {
    expect(N).toBe(5 * 7 + 7 + 7 * 3 + 3)
    expect(hnet.numChunks).toBe(Math.ceil(N / 25))
    const expected = hnet.numChunks * 3 + 4 * 9 + 3 * 9 + 9 + 9 * 6 + 6 + 6 * 25 + 25
    expect(hnet.size).toBe(expected)
    expect(theta.shape[0]).toBe(expected)
  })

  it('generates the same weights one task at a time and batched', () => {
    const E = tf.tensor2d(randArray(3 * 4, 5), [3, 4])
    const all = hnet.generate(theta, E).flat
    expect(all.shape).toEqual([3, N])
    for (let j = 0; j < 3; j++) {
      const one = hnet.generate(theta, tf.slice(E, [j, 0], [1, 4])).flat.dataSync()
      const row = tf.slice(all, [j, 0], [1, N]).dataSync()
      for (let i = 0; i < N; i++) expect(one[i]).toBeCloseTo(row[i], 5)
    }
  })

  it.each(['shuffled', 'torch'] as const)(
    'one task read column-major (%s layout) has the batched path’s values and gradients',
    (layout) => {
      const c = resolveConfig({ ...cfg, hnet: { ...cfg.hnet, layout } })
      const h = new ChunkedHypernet(c, shapes)
      expect(h.numChunks * h.chunk).toBeGreaterThan(N) // the zero-padded gradient of the tail is exercised
      const th = tf.tensor1d(h.initTheta(mulberry32(4)))
      const E = tf.tensor2d(randArray(2 * 4, 12), [2, 4])
      const R = tf.tensor2d(randArray(N, 13), [1, N])
      // Task 1 alone (the m = 1 path) against row 1 of the batched generation of both tasks.
      const single = (p: tf.Tensor[]) =>
        tf.sum(tf.mul(h.generate(p[0] as tf.Tensor1D, tf.slice(p[1], [1, 0], [1, 4]) as tf.Tensor2D).flat, R))
      const batched = (p: tf.Tensor[]) =>
        tf.sum(tf.mul(tf.slice(h.generate(p[0] as tf.Tensor1D, p[1] as tf.Tensor2D).flat, [1, 0], [1, N]), R))
      const one = h.generate(th, tf.slice(E, [1, 0], [1, 4]) as tf.Tensor2D).flat
      expect(one.shape).toEqual([1, N])
      expect(Array.from(one.dataSync())).toEqual(
        Array.from(tf.slice(h.generate(th, E).flat, [1, 0], [1, N]).dataSync())
      )
      const gs = tf.grads((...p: tf.Tensor[]) => single(p) as tf.Scalar)([th, E])
      const gb = tf.grads((...p: tf.Tensor[]) => batched(p) as tf.Scalar)([th, E])
      for (let i = 0; i < 2; i++) {
        const a = gs[i].dataSync()
        const b = gb[i].dataSync()
        const scale = Math.max(...Array.from(b, Math.abs))
        expect(scale).toBeGreaterThan(0)
        for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-6 * scale)
      }
      h.dispose()
    }
  )

  it('passes a finite-difference check of the hypernet → main-net path (Θ and e)', () => {
    const e = tf.tensor1d(randArray(4, 9))
    const loss = (th: tf.Tensor1D, em: tf.Tensor1D): tf.Scalar =>
      tf.losses.softmaxCrossEntropy(
        y,
        forwardMain(spec, x, unflatten(hnet.generate(th, tf.reshape(em, [1, 4]) as tf.Tensor2D).flat, shapes))
      ) as tf.Scalar
    for (const seed of [21, 22, 23]) {
      const dt = directional((p) => loss(p, e), theta, seed)
      expect(Math.abs(dt.analytic - dt.numeric)).toBeLessThan(1e-2 * Math.max(Math.abs(dt.numeric), 1e-2))
      const de = directional((p) => loss(theta, p), e, seed + 10)
      expect(Math.abs(de.analytic - de.numeric)).toBeLessThan(1e-2 * Math.max(Math.abs(de.numeric), 1e-2))
    }
  })

  it('regulariser is zero (with zero gradient) at Θ = Θ* and equals the direct formula elsewhere', () => {
    const E = tf.tensor2d(randArray(3 * 4, 6), [3, 4])
    expect(hnet.numChunks * hnet.chunk).toBeGreaterThan(N) // the chunk tail correction is exercised
    const reg = new OutputRegularizer(hnet, theta, E, 0.05)
    const scale = tf.sum(tf.square(hnet.generate(theta, E).flat)).dataSync()[0]
    expect(Math.abs(reg.loss(theta).dataSync()[0])).toBeLessThan(1e-6 * scale)
    const g = tf.grad((p: tf.Tensor) => reg.loss(p as tf.Tensor1D))(theta)
    expect(tf.max(tf.abs(g)).dataSync()[0]).toBeLessThan(1e-6 * scale)
    const targets = hnet.generate(theta, E).flat
    expect(outputRegularizerDirect(hnet, theta, E, targets, 0.05).dataSync()[0]).toBe(0)
    const moved = tf.add(theta, tf.mul(tf.tensor1d(randArray(hnet.size, 8)), 3e-2)) as tf.Tensor1D
    const r = reg.loss(moved).dataSync()[0]
    expect(r).toBeGreaterThan(0)
    // (β / n) Σ_j ‖W_j* − h(e_j, Θ)‖², computed independently from the generated weights
    const diff = tf.sub(targets, hnet.generate(moved, E).flat).dataSync()
    let ss = 0
    for (const d of diff) ss += d * d
    expect(Math.abs(r - (0.05 / 3) * ss)).toBeLessThan(1e-3 * r)
    const direct = outputRegularizerDirect(hnet, moved, E, targets, 0.05).dataSync()[0]
    expect(Math.abs(r - direct)).toBeLessThan(1e-3 * r)
    // Gradients of the Gram form and the direct form agree.
    const gGram = tf.grad((p: tf.Tensor) => reg.loss(p as tf.Tensor1D))(moved)
    const gDirect = tf.grad((p: tf.Tensor) => outputRegularizerDirect(hnet, p as tf.Tensor1D, E, targets, 0.05))(moved)
    const rel = tf.norm(tf.sub(gGram, gDirect)).dataSync()[0] / tf.norm(gDirect).dataSync()[0]
    expect(rel).toBeLessThan(1e-3)
    // Subsets: tasks {0, 2} only.
    const sub = reg.loss(moved, Int32Array.from([0, 2])).dataSync()[0]
    const E02 = tf.gather(E, [0, 2])
    const d02 = outputRegularizerDirect(hnet, moved, E02, tf.gather(targets, [0, 2]), 0.05).dataSync()[0]
    expect(Math.abs(sub - d02)).toBeLessThan(1e-3 * d02)
    const dr = directional((p) => reg.loss(p), moved, 31)
    expect(Math.abs(dr.analytic - dr.numeric)).toBeLessThan(1e-2 * Math.max(Math.abs(dr.numeric), 1e-3))
    reg.dispose()
  })

  it('CNN main net: im2col convolution equals tf.conv2d and passes a gradient check', () => {
    const ccfg = resolveConfig({
      mainNet: { kind: 'cnn', hidden: [6], convFilters: [3, 4], activation: 'tanh', headSize: 3 }
    })
    const cspec = mainNetSpec(ccfg, [8, 8, 2])
    const cshapes = paramShapes(cspec)
    const w = unflatten(tf.tensor1d(randArray(countParams(cshapes), 41, 0.3)), cshapes)
    const xi = tf.tensor2d(randArray(4 * 128, 42), [4, 128])
    // Reference: the same network with tf.conv2d + avgPool.
    const img = tf.reshape(xi, [4, 8, 8, 2]) as tf.Tensor4D
    let r = tf.avgPool(
      tf.tanh(tf.add(tf.conv2d(img, w[0] as tf.Tensor4D, 1, 'same'), w[1])) as tf.Tensor4D,
      2,
      2,
      'valid'
    )
    r = tf.avgPool(tf.tanh(tf.add(tf.conv2d(r, w[2] as tf.Tensor4D, 1, 'same'), w[3])) as tf.Tensor4D, 2, 2, 'valid')
    const h = tf.tanh(tf.add(tf.matMul(tf.reshape(r, [4, -1]) as tf.Tensor2D, w[4] as tf.Tensor2D), w[5]))
    const ref = tf.add(tf.matMul(h as tf.Tensor2D, w[6] as tf.Tensor2D), w[7])
    const out = forwardMain(cspec, xi, w)
    const a = out.dataSync()
    const b = ref.dataSync()
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 4)
    const yy = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3).toFloat() as tf.Tensor2D
    const flat = tf.tensor1d(randArray(countParams(cshapes), 43, 0.3))
    const dc = directional(
      (p) => tf.losses.softmaxCrossEntropy(yy, forwardMain(cspec, xi, unflatten(p, cshapes))) as tf.Scalar,
      flat,
      44
    )
    expect(Math.abs(dc.analytic - dc.numeric)).toBeLessThan(1e-2 * Math.max(Math.abs(dc.numeric), 1e-2))
  })
})
