import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/shared/domain/engineConfig'
import { LayoutMap, inverseIndex, layoutIndex, type GeneratedLayout } from '../../src/engine/generatedLayout'
import { ChunkedHypernet } from '../../src/engine/hypernet'
import { symEig } from '../../src/engine/linalg'
import { mainNetSpec, paramShapes, shapeSize } from '../../src/engine/mainnet'
import { gaussian, mulberry32 } from '../../src/common/random'

/**
 * Effective rank of a kernel W (rows × cols, cols ≤ rows): the participation ratio of its
 * squared singular values λ_i = σ_i² (the eigenvalues of WᵀW),
 *   r_eff = (Σ λ_i)² / Σ λ_i²,
 * which is cols for a matrix with equal singular values and 1 for rank one.
 */
function effectiveRank(w: Float32Array, rows: number, cols: number): number {
  const g = new Float64Array(cols * cols)
  for (let i = 0; i < rows; i++)
    for (let a = 0; a < cols; a++) {
      const x = w[i * cols + a]
      for (let b = 0; b < cols; b++) g[a * cols + b] += x * w[i * cols + b]
    }
  let s1 = 0
  let s2 = 0
  for (const l of symEig(g, cols).values) {
    s1 += l
    s2 += l * l
  }
  return (s1 * s1) / s2
}

/** Effective rank of main-net tensor `index` (a kernel, read as [fan-in, out]) generated at init. */
function rankAtInit(kind: 'mlp' | 'cnn', chunkSize: number, layout: GeneratedLayout, index: number): number {
  const cfg = resolveConfig({ mainNet: { kind }, hnet: { chunkSize, layout } })
  const shapes = paramShapes(mainNetSpec(cfg, [784]))
  const hnet = new ChunkedHypernet(cfg, shapes)
  const rand = mulberry32(1)
  const flat = tf.tidy(() => {
    const theta = tf.tensor1d(hnet.initTheta(rand))
    const e = tf.tensor2d(
      Float32Array.from({ length: hnet.te }, () => gaussian(rand)),
      [1, hnet.te]
    )
    return hnet.generate(theta, e).flat
  })
  const all = flat.dataSync() as Float32Array
  flat.dispose()
  hnet.dispose()
  let off = 0
  for (let i = 0; i < index; i++) off += shapeSize(shapes[i].shape)
  const shape = shapes[index].shape
  const cols = shape[shape.length - 1]
  const rows = shapeSize(shape) / cols
  return effectiveRank(all.subarray(off, off + rows * cols), rows, cols)
}

describe('generated weight layout', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu')
  })

  it('torch layout: a dense kernel is generated as [out, in], a conv kernel as [out, in, kh, kw]', () => {
    const shapes = [
      { name: 'conv_0/kernel', shape: [2, 2, 3, 4] },
      { name: 'conv_0/bias', shape: [4] },
      { name: 'dense_0/kernel', shape: [3, 5] }
    ]
    const g = layoutIndex(shapes, 'torch')
    const map = new LayoutMap(g)
    const gen = tf.range(0, g.length).reshape([1, -1]) as tf.Tensor2D
    const main = map.apply(gen).dataSync()
    // conv: main [a, b, c, o] holds generated [o, c, a, b]
    for (const [a, b, c, o] of [
      [0, 0, 0, 0],
      [1, 0, 2, 3],
      [0, 1, 1, 2]
    ])
      expect(main[((a * 2 + b) * 3 + c) * 4 + o]).toBe(((o * 3 + c) * 2 + a) * 2 + b)
    expect(Array.from(main.slice(48, 52))).toEqual([48, 49, 50, 51]) // bias unchanged
    // dense: main [i, o] holds generated [o, i]
    for (let i = 0; i < 3; i++) for (let o = 0; o < 5; o++) expect(main[52 + i * 5 + o]).toBe(52 + o * 3 + i)
    map.dispose()
  })

  it('the shuffled layout is a fixed permutation and the gradient flows back through its inverse', () => {
    const shapes = [{ name: 'dense_0/kernel', shape: [7, 6] }]
    const g = layoutIndex(shapes, 'shuffled')
    expect(layoutIndex(shapes, 'shuffled')).toEqual(g)
    expect(Array.from(g).sort((a, b) => a - b)).toEqual(Array.from({ length: 42 }, (_, i) => i))
    expect(Array.from(g)).not.toEqual(Array.from({ length: 42 }, (_, i) => i))
    const inv = inverseIndex(g)
    for (let i = 0; i < 42; i++) expect(inv[g[i]]).toBe(i)
    const map = new LayoutMap(g)
    const w = tf.tensor2d(
      Float32Array.from({ length: 84 }, (_, i) => Math.sin(i)),
      [2, 42]
    )
    const x = tf.tensor2d(
      Float32Array.from({ length: 84 }, (_, i) => Math.cos(i)),
      [2, 42]
    )
    const grad = tf
      .grad((p: tf.Tensor) => tf.sum(tf.mul(map.apply(p as tf.Tensor2D), w)))(x)
      .dataSync()
    const wv = w.dataSync()
    // ∂/∂x[r, g[i]] of Σ w[r, i]·x[r, g[i]] = w[r, i]
    for (let r = 0; r < 2; r++) for (let i = 0; i < 42; i++) expect(grad[r * 42 + g[i]]).toBe(wv[r * 42 + i])
    map.dispose()
  })

  // Participation ratio at init (see effectiveRank). A chunk lining up with kernel rows ties
  // weights: the old [in, out] order gave ≈ 22 for 784 × 100 with chunk 2,000 (issue 13).
  it.each([500, 784, 2000, 7000])(
    'shuffled (default): the generated 784 × 100 first layer of an MLP has high rank, chunk %i',
    (chunk) => {
      expect(resolveConfig({}).hnet.layout).toBe('shuffled')
      expect(rankAtInit('mlp', chunk, 'shuffled', 0)).toBeGreaterThanOrEqual(60)
    }
  )

  it.each([288, 1568, 2000])('shuffled: the CNN conv and first dense layers have high rank, chunk %i', (chunk) => {
    expect(rankAtInit('cnn', chunk, 'shuffled', 2)).toBeGreaterThanOrEqual(20) // conv_1: 144 × 32
    expect(rankAtInit('cnn', chunk, 'shuffled', 4)).toBeGreaterThanOrEqual(60) // dense_0: 1568 × 100
  })

  it("torch (the authors' order) has high rank for chunk 2,000 but collapses when a chunk is one kernel row", () => {
    expect(rankAtInit('mlp', 2000, 'torch', 0)).toBeGreaterThanOrEqual(60)
    expect(rankAtInit('mlp', 784, 'torch', 0)).toBeLessThan(10)
  })
})
