import * as tf from '@tensorflow/tfjs'
import type { LrSchedule } from '../shared/domain/engineConfig'

export interface AdamHyper {
  lr: number
  beta1: number
  beta2: number
  eps: number
  /** Learning-rate schedule over one task's `steps` Adam steps; absent = constant. */
  schedule?: { kind: LrSchedule; steps: number; warmup?: number }
}

/**
 * The factor on the learning rate of Adam step `i` (0-based, counted within the task) of `steps`:
 * 1 for 'constant'; for 'cosine' ½(1 + cos(π·i/steps)), from 1 at the first step down towards 0
 * at the last; either times min(1, (i+1)/warmup) when a warm-up is set. It depends on the step
 * index only, so a resumed task (whose Adam step count is restored from the checkpoint) continues
 * on the same curve.
 */
export function lrFactor(schedule: AdamHyper['schedule'], i: number): number {
  if (!schedule) return 1
  const warm = schedule.warmup && i < schedule.warmup ? (i + 1) / schedule.warmup : 1
  if (schedule.kind === 'constant') return warm
  const frac = Math.min(Math.max(i / schedule.steps, 0), 1)
  return warm * 0.5 * (1 + Math.cos(Math.PI * frac))
}

/**
 * Adam on one flat parameter tensor (PyTorch's formulation, as in the authors' code):
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,
 *   θ ← θ − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε).
 * One flat tensor per parameter group keeps the number of kernels per step small (Adam is a
 * dozen elementwise kernels; per tensor that cost would repeat for every weight matrix).
 * `delta(g)` returns the step Adam would take with gradient g without changing any state —
 * the HNET look-ahead ΔΘ.
 */
export class Adam {
  m: tf.Tensor1D
  v: tf.Tensor1D
  t: number

  constructor(
    readonly size: number,
    readonly hyper: AdamHyper,
    init?: { m: Float32Array; v: Float32Array; t: number }
  ) {
    this.m = tf.keep(init ? tf.tensor1d(init.m) : tf.zeros([size]))
    this.v = tf.keep(init ? tf.tensor1d(init.v) : tf.zeros([size]))
    this.t = init?.t ?? 0
  }

  private moments(g: tf.Tensor1D): { m: tf.Tensor1D; v: tf.Tensor1D; step: tf.Tensor1D } {
    const { beta1, beta2, eps } = this.hyper
    const lr = this.hyper.lr * lrFactor(this.hyper.schedule, this.t)
    const t = this.t + 1
    const m = tf.add(tf.mul(this.m, beta1), tf.mul(g, 1 - beta1)) as tf.Tensor1D
    const v = tf.add(tf.mul(this.v, beta2), tf.mul(tf.square(g), 1 - beta2)) as tf.Tensor1D
    const denom = tf.add(tf.sqrt(tf.mul(v, 1 / (1 - Math.pow(beta2, t)))), eps)
    const step = tf.mul(tf.div(m, denom), -lr / (1 - Math.pow(beta1, t))) as tf.Tensor1D
    return { m, v, step }
  }

  /** ΔΘ: the (negative-gradient-direction) update Adam would apply for gradient g. */
  delta(g: tf.Tensor1D): tf.Tensor1D {
    return tf.tidy(() => this.moments(g).step)
  }

  /** Applies one step; returns the new parameter tensor and disposes `param`. */
  apply(param: tf.Tensor1D, g: tf.Tensor1D): tf.Tensor1D {
    const [m, v, next] = tf.tidy(() => {
      const r = this.moments(g)
      return [r.m, r.v, tf.add(param, r.step) as tf.Tensor1D]
    })
    this.m.dispose()
    this.v.dispose()
    param.dispose()
    this.m = tf.keep(m)
    this.v = tf.keep(v)
    this.t += 1
    return tf.keep(next)
  }

  state(): { m: Float32Array; v: Float32Array; t: number } {
    return { m: this.m.dataSync().slice() as Float32Array, v: this.v.dataSync().slice() as Float32Array, t: this.t }
  }

  dispose(): void {
    this.m.dispose()
    this.v.dispose()
  }
}
