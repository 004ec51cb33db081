import * as tf from '@tensorflow/tfjs'
import { gaussian, mulberry32 } from '../common/random'

export interface SelfTestOptions {
  steps: number
  seed: number
  onStep?: (step: number, loss: number) => void
  shouldStop?: () => boolean
}

export interface SelfTestOutput {
  losses: number[]
  finalAccuracy: number
}

/**
 * Trains a 2-16-2 MLP with Adam on two seeded Gaussian blobs — enough to prove the backend
 * computes gradients and the optimiser moves, in well under a second.
 */
export function runSelfTest(opts: SelfTestOptions): SelfTestOutput {
  const rand = mulberry32(opts.seed)
  const n = 128
  const xs = new Float32Array(n * 2)
  const ys = new Float32Array(n * 2)
  for (let i = 0; i < n; i++) {
    const c = i % 2
    xs[2 * i] = (c ? 1.5 : -1.5) + gaussian(rand)
    xs[2 * i + 1] = (c ? -1 : 1) + gaussian(rand)
    ys[2 * i + c] = 1
  }
  const x = tf.tensor2d(xs, [n, 2])
  const y = tf.tensor2d(ys, [n, 2])
  const init = (r: number, c: number): tf.Variable => {
    const lim = Math.sqrt(6 / (r + c))
    const v = new Float32Array(r * c).map(() => (rand() * 2 - 1) * lim)
    return tf.variable(tf.tensor2d(v, [r, c]))
  }
  const w1 = init(2, 16)
  const b1 = tf.variable(tf.zeros([16]))
  const w2 = init(16, 2)
  const b2 = tf.variable(tf.zeros([2]))
  const opt = tf.train.adam(0.05)
  const forward = (): tf.Tensor2D => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)
  const losses: number[] = []
  try {
    for (let step = 0; step < opts.steps; step++) {
      if (opts.shouldStop?.()) break
      const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, forward()) as tf.Scalar, true, [w1, b1, w2, b2])
      const value = loss!.dataSync()[0]
      loss!.dispose()
      losses.push(value)
      opts.onStep?.(step + 1, value)
    }
    const finalAccuracy = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(forward(), 1), tf.argMax(y, 1)), 'float32')).dataSync()[0])
    return { losses, finalAccuracy }
  } finally {
    tf.dispose([x, y, w1, b1, w2, b2])
    opt.dispose()
  }
}
