import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../src/engine/backend'
import { matMul, matMulConstLeft } from '../../src/engine/ops'
import { installWasmFastPaths } from '../../src/engine/wasmKernels'

function relErr(a: tf.Tensor, b: tf.Tensor): number {
  const x = a.dataSync()
  const y = b.dataSync()
  let num = 0
  let den = 0
  for (let i = 0; i < x.length; i++) {
    num += (x[i] - y[i]) ** 2
    den += y[i] ** 2
  }
  return Math.sqrt(num / Math.max(den, 1e-30))
}

describe('fast-gradient matMul (wasm)', () => {
  beforeAll(async () => {
    await initBackend({ KEIZOKU_BACKEND: 'wasm' })
    installWasmFastPaths()
  })

  it('runs on wasm', () => {
    expect(tf.getBackend()).toBe('wasm')
  })

  it('has the same value and gradients as tfjs matMul (relative error < 1e-5)', () => {
    const a = tf.randomNormal([37, 53], 0, 1, 'float32', 1) as tf.Tensor2D
    const b = tf.randomNormal([53, 29], 0, 1, 'float32', 2) as tf.Tensor2D
    const w = tf.randomNormal([37, 29], 0, 1, 'float32', 3)
    const loss = (f: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) => (x: tf.Tensor, y: tf.Tensor) =>
      tf.sum(tf.mul(tf.tanh(f(x as tf.Tensor2D, y as tf.Tensor2D)), w)) as tf.Scalar
    const [ga, gb] = tf.grads(loss(matMul))([a, b])
    const [ra, rb] = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b])
    expect(relErr(matMul(a, b), tf.matMul(a, b))).toBeLessThan(1e-6)
    expect(relErr(ga, ra)).toBeLessThan(1e-5)
    expect(relErr(gb, rb)).toBeLessThan(1e-5)
    const gc = tf.grad((y: tf.Tensor) => loss((x, yy) => matMulConstLeft(x, yy))(a, y))(b)
    expect(relErr(gc, rb)).toBeLessThan(1e-5)
  })

  it('fast Slice/SplitV give exactly the stock results', () => {
    const x = tf.randomNormal([5, 7, 6], 0, 1, 'float32', 4)
    const s = tf.slice(x, [1, 2, 0], [3, 4, 6]).arraySync()
    const flat = tf.range(0, 1000, 1, 'float32')
    const parts = tf.split(flat, [10, 300, 690])
    expect(parts.map((p) => p.shape[0])).toEqual([10, 300, 690])
    expect(Array.from(parts[1].dataSync().slice(0, 3))).toEqual([10, 11, 12])
    const xs = x.arraySync() as number[][][]
    const expected = xs.slice(1, 4).map((r) => r.slice(2, 6))
    expect(s).toEqual(expected)
    const s2 = tf.slice(x, [0, 0, 2], [5, 7, 3]).arraySync() as number[][][]
    expect(s2).toEqual(xs.map((r) => r.map((c) => c.slice(2, 5))))
  })
})
