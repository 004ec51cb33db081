import * as tf from '@tensorflow/tfjs'
import type { TensorRecord } from '../../shared/domain/learning'
import { unflatten } from '../hypernet'
import { initMain } from '../mainnet'
import { Purpose, rng } from '../seeds'
import type { TrainCheckpoint } from '../types'
import {
  indexedRecords,
  makeSlot,
  type FamilyState,
  type LearnerContext,
  type TaskRun,
  type TensorGetter
} from './family'
import { mainNetStep } from './mainNetStep'

/** The `independent` family: a fresh main net per task, nothing shared, nothing forgotten. */
export class IndependentFamily implements FamilyState {
  nets: tf.Tensor1D[] = []

  constructor(private readonly ctx: LearnerContext) {}

  weightsOf(j: number): tf.Tensor[] {
    return unflatten(this.nets[j], this.ctx.shapes)
  }

  initialWeights(t: number): tf.Tensor[] {
    return unflatten(tf.tensor1d(this.fresh(t)), this.ctx.shapes)
  }

  /** The initial weights of task t's own net. */
  private fresh(t: number): Float32Array {
    return initMain(this.ctx.shapes, rng(this.ctx.seed, Purpose.mainInit, t + 1))
  }

  counts(): { shared: number; perTask: number } {
    return { shared: 0, perTask: this.ctx.numWeights }
  }

  guideTarget(): null {
    return null
  }

  prepare(run: TaskRun, _guideTarget: number[] | null, resume?: TrainCheckpoint): void {
    run.slots.net = makeSlot(this.ctx, 'net', this.ctx.cfg.lr, () => this.fresh(run.t), resume)
    run.step = mainNetStep(this.ctx, run, ['net'])
  }

  commit(run: TaskRun): void {
    this.nets.push(run.slots.net.value)
    run.slots.net.adam.dispose()
  }

  tensors(): TensorRecord[] {
    return indexedRecords('net', this.nets)
  }

  load(get: TensorGetter, n: number): void {
    for (let j = 0; j < n; j++) this.nets.push(get(`net/${j}`, this.ctx.numWeights))
  }

  dispose(): void {
    tf.dispose(this.nets)
  }
}
