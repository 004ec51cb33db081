import * as tf from '@tensorflow/tfjs'
import { unflatten } from './hypernet'
import { forwardMain, type ParamShape } from './mainnet'
import { activationSlope, denseForward } from './ops'
import type { MainNetSpec } from './types'

/** Filled by {@link mainNetLoss} from the same pass that computes the loss (no extra kernels). */
export interface BatchStats {
  loss: number
  correct: number
}

/**
 * Softmax cross-entropy over the first c of H logit columns, in float64 JavaScript:
 *   ℓ = (1/B) Σ_i [ log Σ_{k<c} exp z_ik − z_{i,y_i} ],
 *   ∂ℓ/∂z_ik = (softmax_k(z_i) − [k = y_i]) / B for k < c, 0 for the unused columns k ≥ c.
 * `correct` counts rows whose first largest logit among the c columns is the label (tf.argMax's
 * tie rule). Why in JS: the logits are only B × H (128 × 10) numbers, while tfjs's own
 * softmaxCrossEntropy plus the accuracy count are ~25 small kernels per step, forward and back.
 */
export function crossEntropyRows(
  z: Float32Array,
  B: number,
  H: number,
  labels: Int32Array,
  c: number
): { loss: number; correct: number; grad: Float32Array } {
  const grad = new Float32Array(B * H)
  let loss = 0
  let correct = 0
  for (let i = 0; i < B; i++) {
    const o = i * H
    let max = z[o]
    let arg = 0
    for (let k = 1; k < c; k++) {
      if (z[o + k] > max) {
        max = z[o + k]
        arg = k
      }
    }
    let sum = 0
    for (let k = 0; k < c; k++) sum += Math.exp(z[o + k] - max)
    const y = labels[i]
    loss += Math.log(sum) + max - z[o + y]
    if (arg === y) correct++
    for (let k = 0; k < c; k++) grad[o + k] = Math.exp(z[o + k] - max) / sum / B
    grad[o + y] -= 1 / B
  }
  return { loss: loss / B, correct, grad }
}

/** A loss node's value and its gradient w.r.t. the logits z. */
type LogitsLoss = (z: tf.Tensor2D) => { value: tf.Scalar; dz: tf.Tensor2D }

/** The loss node's value and its gradient w.r.t. the logits z, from {@link crossEntropyRows}. */
function crossEntropyOf(
  z: tf.Tensor2D,
  labels: Int32Array,
  c: number,
  stats?: BatchStats
): { value: tf.Scalar; dz: tf.Tensor2D } {
  const [B, H] = z.shape
  const ce = crossEntropyRows(z.dataSync() as Float32Array, B, H, labels, c)
  if (stats) {
    stats.loss = ce.loss
    stats.correct = ce.correct
  }
  return { value: tf.scalar(ce.loss), dz: tf.tensor2d(ce.grad, [B, H]) }
}

/**
 * Mean softmax cross-entropy of the MLP main net with weights `flat` on the batch (x, labels), as
 * ONE autodiff node with a hand-written backward pass. Layers h₀ = x, h_l = act(h_{l−1}W_l + b_l),
 * logits z = h_L W_o + b_o; with δ_o = ∂ℓ/∂z (from {@link crossEntropyRows}) and going down,
 *   ∂W_l = h_{l−1}ᵀ δ_l,   ∂b_l = Σ_rows δ_l,   δ_{l−1} = (δ_l W_lᵀ) ⊙ act'(h_{l−1}),
 * stopping at the first layer (x is data: no ∂x). Products use explicit transposes and plain
 * matMuls (the wasm fast path); forward layers are fused matMul + bias + activation.
 * Why one node: through tfjs's tape the same step is ~130 kernels, many of them tape copies and
 * per-op gradient bookkeeping that cost more than the arithmetic on a 2-core machine.
 * Verified against tfjs's autodiff of {@link forwardMain} + tf.losses.softmaxCrossEntropy in
 * tests/engine/mainnetLoss.test.ts.
 */
function mlpLoss(
  spec: MainNetSpec,
  shapes: ParamShape[],
  flat: tf.Tensor,
  x: tf.Tensor2D,
  loss: LogitsLoss
): tf.Scalar {
  const act = spec.activation
  const L = spec.hidden.length
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [theta, save] = args as [tf.Tensor, tf.GradSaveFunc]
    const ws = unflatten(theta, shapes) as tf.Tensor2D[]
    const hs: tf.Tensor2D[] = [x]
    for (let l = 0; l < L; l++) hs.push(denseForward(hs[l], ws[2 * l], ws[2 * l + 1], act))
    const { value, dz } = loss(denseForward(hs[L], ws[2 * L], ws[2 * L + 1], 'linear'))
    save([...hs, ...ws.filter((_, i) => i % 2 === 0), dz])
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const sh = saved.slice(0, L + 1) as tf.Tensor2D[]
        const sw = saved.slice(L + 1, 2 * L + 2) as tf.Tensor2D[]
        let delta = tf.mul(saved[2 * L + 2], dy) as tf.Tensor2D
        const grads: tf.Tensor[] = new Array<tf.Tensor>(2 * L + 2)
        for (let l = L; l >= 0; l--) {
          grads[2 * l] = tf.matMul(tf.transpose(sh[l]), delta)
          grads[2 * l + 1] = tf.sum(delta, 0)
          if (l === 0) break
          const back = tf.matMul(delta, tf.transpose(sw[l])) as tf.Tensor2D
          const slope = activationSlope(sh[l], act)
          delta = slope ? (tf.mul(back, slope) as tf.Tensor2D) : back
        }
        return tf.reshape(tf.concat(grads.map((g) => tf.reshape(g, [-1]))), theta.shape)
      }
    }
  }) as (theta: tf.Tensor) => tf.Scalar
  return f(flat)
}

/**
 * The generic path (CNN main nets): tfjs autodiff through {@link forwardMain}, with the loss and
 * its gradient w.r.t. the logits from {@link crossEntropyRows}.
 */
function logitsLoss(logits: tf.Tensor2D, loss: LogitsLoss): tf.Scalar {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [z, save] = args as [tf.Tensor2D, tf.GradSaveFunc]
    const { value, dz } = loss(z)
    save([dz])
    return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(saved[0], dy) }
  }) as (z: tf.Tensor2D) => tf.Scalar
  return f(logits)
}

/**
 * Training loss of the main net with the flat weight vector `flat` (length Σ|shapes|, any shape)
 * on a batch: mean softmax cross-entropy over the task's first c classes. Differentiable w.r.t.
 * `flat` only.
 */
export function mainNetLoss(
  spec: MainNetSpec,
  shapes: ParamShape[],
  flat: tf.Tensor,
  x: tf.Tensor2D,
  labels: Int32Array,
  c: number,
  stats?: BatchStats
): tf.Scalar {
  const loss: LogitsLoss = (z) => crossEntropyOf(z, labels, c, stats)
  if (spec.kind === 'mlp') return mlpLoss(spec, shapes, flat, x, loss)
  return logitsLoss(forwardMain(spec, x, unflatten(flat, shapes), { constInput: true }), loss)
}
