import * as tf from '@tensorflow/tfjs'
import type { LabelledSet } from '../shared/dataset'
import type { TensorRecord } from '../shared/domain/learning'
import { unflatten } from './hypernet'
import { forwardMain, inputSize, type ParamShape } from './mainnet'
import { Purpose, rng, sampleIndices } from './seeds'
import { tensorRecord, type LearnerContext, type TensorGetter } from './families/family'

/**
 * Online elastic weight consolidation (Kirkpatrick et al. 2017; the online form of Schwarz et
 * al. 2018) on the shared body θ of the `ewc` method — the per-task heads are not penalised:
 *
 *   L(θ) = L_t(θ) + (λ / 2) · Σ_i F̃_i (θ_i − θ*_i)²,      ∂/∂θ of the penalty = λ · F̃ ⊙ (θ − θ*)
 *
 * After task t is learned:
 *
 *   F_t = (1 / m) · Σ_r (∂ log p(y_r | x_r; θ, head_t) / ∂θ)²   (empirical Fisher, m = ewcSamples
 *                                                                seeded training rows, one
 *                                                                backward pass per row)
 *   F̃ ← γ · F̃ + F_t   (F̃ = F_0 after the first task),   θ* ← θ
 *
 * λ = `ewcLambda`, γ = `ewcGamma`. Stored in a snapshot as `fisher` (F̃) and `body_star` (θ*).
 */
export class Ewc {
  fisher?: tf.Tensor1D
  anchor?: tf.Tensor1D

  constructor(
    private readonly ctx: LearnerContext,
    private readonly bodyShapes: ParamShape[],
    private readonly headShapes: ParamShape[]
  ) {}

  /** Whether training task t carries the penalty. */
  active(t: number): boolean {
    return t > 0 && this.ctx.cfg.ewcLambda > 0 && this.fisher !== undefined
  }

  /** The penalty's value at `body` and the task gradient `grad` with the penalty's gradient added. */
  penalize(body: tf.Tensor1D, grad: tf.Tensor): { grad: tf.Tensor1D; value: tf.Scalar } {
    const lambda = this.ctx.cfg.ewcLambda
    return tf.tidy(() => {
      const diff = tf.sub(body, this.anchor!)
      const fd = tf.mul(this.fisher!, diff)
      return {
        grad: tf.add(grad, tf.mul(fd, lambda)) as tf.Tensor1D,
        value: tf.mul(tf.sum(tf.mul(fd, diff)), lambda / 2) as tf.Scalar
      }
    })
  }

  /** F̃ ← γ·F̃ + F_t and θ* ← θ, after task t was learned with `body` and `head`. */
  update(t: number, train: LabelledSet, body: tf.Tensor1D, head: tf.Tensor1D): void {
    const { cfg, spec, seed } = this.ctx
    const rows = sampleIndices(train.n, cfg.ewcSamples, rng(seed, Purpose.fisherRows, t))
    const d = inputSize(this.ctx.inputShape)
    const c = train.numClasses
    let acc: tf.Tensor1D = tf.keep(tf.zerosLike(body))
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]
      const next = tf.tidy(() => {
        const x = tf.tensor2d(train.x.subarray(r * d, (r + 1) * d), [1, d])
        const y = tf.oneHot(tf.tensor1d([train.y[r]], 'int32'), c).toFloat() as tf.Tensor2D
        const g = tf.grad((b: tf.Tensor) => {
          const logits = forwardMain(spec, x, [...unflatten(b, this.bodyShapes), ...unflatten(head, this.headShapes)], {
            constInput: true
          })
          const l = c < spec.numClasses ? tf.slice(logits, [0, 0], [1, c]) : logits
          return tf.losses.softmaxCrossEntropy(y, l) as tf.Scalar
        })(body)
        return tf.add(acc, tf.square(g)) as tf.Tensor1D
      })
      acc.dispose()
      acc = tf.keep(next)
    }
    const ft = tf.tidy(() => tf.div(acc, rows.length) as tf.Tensor1D)
    acc.dispose()
    const merged = tf.tidy(() =>
      this.fisher ? (tf.add(tf.mul(this.fisher, cfg.ewcGamma), ft) as tf.Tensor1D) : ft.clone()
    )
    ft.dispose()
    this.fisher?.dispose()
    this.anchor?.dispose()
    this.fisher = tf.keep(merged)
    this.anchor = tf.keep(body.clone())
  }

  tensors(): TensorRecord[] {
    const out: TensorRecord[] = []
    if (this.fisher) out.push(tensorRecord('fisher', this.fisher))
    if (this.anchor) out.push(tensorRecord('body_star', this.anchor))
    return out
  }

  load(get: TensorGetter, size: number): void {
    this.fisher = get('fisher', size)
    this.anchor = get('body_star', size)
  }

  dispose(): void {
    tf.dispose([...(this.fisher ? [this.fisher] : []), ...(this.anchor ? [this.anchor] : [])])
  }
}
