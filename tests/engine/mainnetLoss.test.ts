import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../src/engine/backend'
import { unflatten } from '../../src/engine/hypernet'
import { forwardMain, paramShapes } from '../../src/engine/mainnet'
import { crossEntropyRows, mainNetLoss, type BatchStats } from '../../src/engine/mainnetLoss'
import { gaussian, mulberry32 } from '../../src/common/random'
import type { MainNetSpec } from '../../src/engine/types'
import { installWasmFastPaths } from '../../src/engine/wasmKernels'
import { relErr } from './helpers'

/** tfjs's own autodiff of the same loss: forwardMain, logits cut to c columns, softmaxCrossEntropy. */
function reference(spec: MainNetSpec, flat: tf.Tensor1D, x: tf.Tensor2D, labels: Int32Array, c: number) {
  const shapes = paramShapes(spec)
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), c).toFloat()
  const f = (w: tf.Tensor): tf.Scalar => {
    const logits = forwardMain(spec, x, unflatten(w, shapes), { constInput: true })
    const cut = c < spec.numClasses ? tf.slice(logits, [0, 0], [x.shape[0], c]) : logits
    return tf.losses.softmaxCrossEntropy(y, cut) as tf.Scalar
  }
  const { value, grad } = tf.valueAndGrad(f)(flat)
  const logits = forwardMain(spec, x, unflatten(flat, shapes))
  const pred = tf.argMax(tf.slice(logits, [0, 0], [x.shape[0], c]), 1).dataSync()
  const correct = Array.from(pred).filter((p, i) => p === labels[i]).length
  return { loss: value.dataSync()[0], grad: grad.dataSync(), correct }
}

function problem(spec: MainNetSpec, batch: number, c: number, seed: number) {
  const rand = mulberry32(seed)
  const n = paramShapes(spec).reduce((a, s) => a + s.shape.reduce((p, q) => p * q, 1), 0)
  const d = spec.inputShape.reduce((a, b) => a * b, 1)
  const flat = tf.tensor1d(Float32Array.from({ length: n }, () => gaussian(rand) * 0.4))
  const x = tf.tensor2d(
    Float32Array.from({ length: batch * d }, () => gaussian(rand)),
    [batch, d]
  )
  const labels = Int32Array.from({ length: batch }, () => Math.floor(rand() * c))
  return { flat, x, labels }
}

// wasm is what runs here; cpu stands in for the other backends' _FusedMatMul kernels.
describe.each(['wasm', 'cpu'] as const)('mainNetLoss on %s: hand-written backward pass vs tfjs autodiff', (backend) => {
  beforeAll(async () => {
    // initBackend picks once per process; the second block switches with tf.setBackend.
    await initBackend({ KEIZOKU_BACKEND: 'wasm' })
    await tf.setBackend(backend)
    expect(tf.getBackend()).toBe(backend)
    installWasmFastPaths()
  })

  const cases: Array<[string, MainNetSpec['activation'], number[], number]> = [
    ['relu', 'relu', [9, 7], 4],
    ['tanh', 'tanh', [8], 5],
    ['elu', 'elu', [6, 5, 4], 3],
    ['no hidden layer', 'relu', [], 2]
  ]
  it.each(cases)('MLP %s: loss, batch accuracy and gradient match (rel. error < 2e-5)', (_, act, hidden, c) => {
    const spec: MainNetSpec = { kind: 'mlp', inputShape: [11], hidden, activation: act, numClasses: 5 }
    const { flat, x, labels } = problem(spec, 23, c, hidden.length * 31 + c)
    const ref = reference(spec, flat, x, labels, c)
    const stats: BatchStats = { loss: 0, correct: -1 }
    const { value, grad } = tf.valueAndGrad((w: tf.Tensor) =>
      mainNetLoss(spec, paramShapes(spec), w, x, labels, c, stats)
    )(flat)
    expect(value.dataSync()[0]).toBeCloseTo(ref.loss, 5)
    expect(stats.loss).toBeCloseTo(ref.loss, 5)
    expect(stats.correct).toBe(ref.correct)
    expect(relErr(grad.dataSync(), ref.grad)).toBeLessThan(2e-5)
    // Columns c … headSize−1 of the head get no gradient (they belong to no class of this task).
    const g = grad.dataSync()
    const shapes = paramShapes(spec)
    const headBiasStart = g.length - spec.numClasses
    for (let k = c; k < spec.numClasses; k++) expect(g[headBiasStart + k]).toBe(0)
    const hIn = hidden.length ? hidden[hidden.length - 1] : 11
    const headKernelStart = headBiasStart - hIn * spec.numClasses
    for (let r = 0; r < hIn; r++)
      for (let k = c; k < spec.numClasses; k++) expect(g[headKernelStart + r * spec.numClasses + k]).toBe(0)
    expect(shapes.length).toBe(2 * hidden.length + 2)
  })

  it('CNN main nets (generic path): loss and gradient match', () => {
    const spec: MainNetSpec = {
      kind: 'cnn',
      inputShape: [6, 6, 1],
      hidden: [8],
      activation: 'relu',
      numClasses: 4,
      conv: { filters: [3], kernel: 3 }
    }
    const { flat, x, labels } = problem(spec, 10, 3, 7)
    const ref = reference(spec, flat, x, labels, 3)
    const stats: BatchStats = { loss: 0, correct: -1 }
    const { value, grad } = tf.valueAndGrad((w: tf.Tensor) =>
      mainNetLoss(spec, paramShapes(spec), w, x, labels, 3, stats)
    )(flat)
    expect(value.dataSync()[0]).toBeCloseTo(ref.loss, 5)
    expect(stats.correct).toBe(ref.correct)
    expect(relErr(grad.dataSync(), ref.grad)).toBeLessThan(2e-5)
  })

  it('a [1, N] weight row (the hypernet output) gets a [1, N] gradient, and no tensor is left behind', () => {
    const spec: MainNetSpec = { kind: 'mlp', inputShape: [11], hidden: [6], activation: 'relu', numClasses: 3 }
    const { flat, x, labels } = problem(spec, 8, 3, 3)
    const row = tf.reshape(flat, [1, -1])
    const before = tf.memory().numTensors
    const g = tf.tidy(() => tf.grad((w: tf.Tensor) => mainNetLoss(spec, paramShapes(spec), w, x, labels, 3))(row))
    expect(g.shape).toEqual([1, flat.shape[0]])
    expect(tf.memory().numTensors).toBe(before + 1)
  })
})

describe('crossEntropyRows', () => {
  it('is stable for huge logits and matches the closed form', () => {
    const z = Float32Array.from([1000, 0, -1000, 0, 1, 2])
    const r = crossEntropyRows(z, 2, 3, Int32Array.from([0, 2]), 3)
    const row2 = Math.log(Math.exp(0) + Math.exp(1) + Math.exp(2)) - 2
    expect(r.loss).toBeCloseTo(row2 / 2, 12)
    expect(r.correct).toBe(2)
    // Each row's gradient sums to zero (softmax − one-hot), scaled by 1/B.
    expect(r.grad[0] + r.grad[1] + r.grad[2]).toBeCloseTo(0, 12)
    expect(r.grad[5]).toBeCloseTo((Math.exp(2) / (Math.exp(0) + Math.exp(1) + Math.exp(2)) - 1) / 2, 6)
  })
})
