import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../src/engine/backend'
import { matMul, matMulConstLeft, matMulWide } from '../../src/engine/ops'
import { installWasmFastPaths } from '../../src/engine/wasmKernels'
import { relErr } from './helpers'

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
    expect(relErr(matMul(a, b).dataSync(), tf.matMul(a, b).dataSync())).toBeLessThan(1e-6)
    expect(relErr(ga.dataSync(), ra.dataSync())).toBeLessThan(1e-5)
    expect(relErr(gb.dataSync(), rb.dataSync())).toBeLessThan(1e-5)
    const gc = tf.grad((y: tf.Tensor) => loss((x, yy) => matMulConstLeft(x, yy))(a, y))(b)
    expect(relErr(gc.dataSync(), rb.dataSync())).toBeLessThan(1e-5)
    const [wa, wb] = tf.grads(loss(matMulWide))([a, b])
    expect(relErr(matMulWide(a, b).dataSync(), tf.matMul(a, b).dataSync())).toBeLessThan(1e-6)
    expect(relErr(wa.dataSync(), ra.dataSync())).toBeLessThan(1e-5)
    expect(relErr(wb.dataSync(), rb.dataSync())).toBeLessThan(1e-5)
  })

  it('Identity shares the data: a clone outlives its disposed source and keeps its values', () => {
    const backend = tf.engine().backend
    const before = backend.numDataIds()
    const a = tf.tensor1d([1, 2, 3, 4])
    const b = tf.clone(a)
    expect(b.dataId).toBe(a.dataId)
    expect(backend.numDataIds()).toBe(before + 1)
    a.dispose()
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3, 4])
    expect(backend.numDataIds()).toBe(before + 1)
    b.dispose()
    expect(backend.numDataIds()).toBe(before)
    const s = tf.tensor1d(['x', 'y'], 'string')
    expect(tf.clone(s).arraySync()).toEqual(['x', 'y'])
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

  it('fast GatherV2 gives the stock results on every axis, int32 too, and rejects an index out of range', () => {
    const x = tf.randomNormal([4, 5, 3], 0, 1, 'float32', 9)
    const xs = x.arraySync() as number[][][]
    const idx = tf.tensor1d([2, 0, 2, 1], 'int32')
    expect(tf.gather(x, idx, 0).arraySync()).toEqual([2, 0, 2, 1].map((i) => xs[i]))
    expect(tf.gather(x, idx, 1).arraySync()).toEqual(xs.map((r) => [2, 0, 2, 1].map((i) => r[i])))
    expect(tf.gather(x, idx, 2).arraySync()).toEqual(xs.map((r) => r.map((c) => [2, 0, 2, 1].map((i) => c[i]))))
    const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32')
    expect(tf.gather(ints, tf.tensor2d([2, 0, 1, 1], [2, 2], 'int32'), 1).arraySync()).toEqual([
      [
        [3, 1],
        [2, 2]
      ],
      [
        [6, 4],
        [5, 5]
      ]
    ])
    expect(() => tf.gather(x, tf.tensor1d([5], 'int32'), 1).dataSync()).toThrow(/index 5 is not in \[0, 4\]/)
  })
})
