import * as tf from '@tensorflow/tfjs'
import type { LossParts } from '../../shared/domain/learning'
import { mainNetLoss, type BatchStats } from '../mainnetLoss'
import type { LearnerContext, TaskRun } from './family'

/**
 * Penalty added to the first slot's loss: its value and the first slot's gradient with the
 * penalty's gradient added.
 */
export type Penalty = (first: tf.Tensor1D, grad: tf.Tensor) => { grad: tf.Tensor1D; value: tf.Scalar }

/**
 * One step of the families that train main-net weights directly: the task loss of the main net
 * whose flat weights are the named slots concatenated, one Adam step per slot, and an optional
 * penalty on the first slot (EWC on the shared body), reported as `loss.ewc`.
 */
export function mainNetStep(ctx: LearnerContext, run: TaskRun, names: string[], penalty?: Penalty): TaskRun['step'] {
  const { spec, shapes } = ctx
  const { sampler, slots } = run
  const c = run.numClasses
  return (s, read) => {
    const { x, labels } = sampler.get(s)
    const stats: BatchStats = { loss: 0, correct: 0 }
    const f = (...args: tf.Tensor[]): tf.Scalar =>
      mainNetLoss(spec, shapes, names.length > 1 ? tf.concat(args) : args[0], x, labels, c, stats)
    const { value, grads } = tf.valueAndGrads(f)(names.map((n) => slots[n].value))
    let penaltyValue: tf.Tensor | undefined
    if (penalty) {
      const r = penalty(slots[names[0]].value, grads[0])
      grads[0].dispose()
      grads[0] = r.grad
      penaltyValue = r.value
    }
    names.forEach((n, i) => {
      slots[n].value = slots[n].adam.apply(slots[n].value, grads[i] as tf.Tensor1D)
      grads[i].dispose()
    })
    x.dispose()
    value.dispose()
    if (!read) {
      penaltyValue?.dispose()
      return undefined
    }
    const loss: LossParts = { task: stats.loss, total: stats.loss }
    if (penaltyValue) {
      loss.ewc = penaltyValue.dataSync()[0]
      loss.total += loss.ewc
      penaltyValue.dispose()
    }
    return { loss, correct: stats.correct, n: sampler.batch }
  }
}
