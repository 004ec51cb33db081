import * as tf from '@tensorflow/tfjs'
import type { LabelledSet } from '../../shared/dataset'
import type { TensorRecord } from '../../shared/domain/learning'
import { Ewc } from '../ewc'
import { unflatten } from '../hypernet'
import { countParams, initMain, type ParamShape } from '../mainnet'
import { Purpose, rng } from '../seeds'
import type { TrainCheckpoint } from '../types'
import {
  indexedRecords,
  makeSlot,
  tensorRecord,
  valuesOf,
  type FamilyState,
  type LearnerContext,
  type TaskRun,
  type TensorGetter
} from './family'
import { mainNetStep } from './mainNetStep'

/**
 * The shared-body family (`finetune`, `ewc`): one main-net body trained on every task in turn
 * and a new output head per task. `finetune` protects nothing; `ewc` adds the online-EWC
 * penalty on the body (../ewc.ts).
 */
export class SharedBodyFamily implements FamilyState {
  readonly bodyShapes: ParamShape[]
  readonly headShapes: ParamShape[]
  body: tf.Tensor1D
  heads: tf.Tensor1D[] = []
  readonly ewc?: Ewc

  constructor(private readonly ctx: LearnerContext) {
    this.bodyShapes = ctx.shapes.slice(0, -2)
    this.headShapes = ctx.shapes.slice(-2)
    this.body = tf.keep(tf.tensor1d(initMain(this.bodyShapes, rng(ctx.seed, Purpose.mainInit, 0))))
    if (ctx.method === 'ewc') this.ewc = new Ewc(ctx, this.bodyShapes, this.headShapes)
  }

  weightsOf(j: number): tf.Tensor[] {
    return [...unflatten(this.body, this.bodyShapes), ...unflatten(this.heads[j], this.headShapes)]
  }

  initialWeights(t: number): tf.Tensor[] {
    const head = tf.tensor1d(initMain(this.headShapes, rng(this.ctx.seed, Purpose.mainInit, t + 1)))
    return [...unflatten(this.body, this.bodyShapes), ...unflatten(head, this.headShapes)]
  }

  counts(): { shared: number; perTask: number } {
    return { shared: countParams(this.bodyShapes), perTask: countParams(this.headShapes) }
  }

  guideTarget(): null {
    return null
  }

  prepare(run: TaskRun, _guideTarget: number[] | null, resume?: TrainCheckpoint): void {
    const { cfg, seed } = this.ctx
    const initRand = rng(seed, Purpose.mainInit, run.t + 1)
    run.slots.body = makeSlot(this.ctx, 'body', cfg.lr, () => valuesOf(this.body), resume)
    run.slots.head = makeSlot(this.ctx, 'head', cfg.lr, () => initMain(this.headShapes, initRand), resume)
    const ewc = this.ewc?.active(run.t) ? this.ewc : undefined
    run.step = mainNetStep(this.ctx, run, ['body', 'head'], ewc && ((body, grad) => ewc.penalize(body, grad)))
  }

  commit(run: TaskRun, train: LabelledSet): void {
    const s = run.slots
    this.body.dispose()
    this.body = s.body.value
    this.heads.push(s.head.value)
    s.body.adam.dispose()
    s.head.adam.dispose()
    this.ewc?.update(run.t, train, this.body, this.heads[run.t])
  }

  tensors(): TensorRecord[] {
    return [tensorRecord('body', this.body), ...indexedRecords('head', this.heads), ...(this.ewc?.tensors() ?? [])]
  }

  load(get: TensorGetter, n: number): void {
    const bodySize = countParams(this.bodyShapes)
    this.body.dispose()
    this.body = get('body', bodySize)
    for (let j = 0; j < n; j++) this.heads.push(get(`head/${j}`, countParams(this.headShapes)))
    if (this.ewc && n > 0) this.ewc.load(get, bodySize)
  }

  dispose(): void {
    tf.dispose([this.body, ...this.heads])
    this.ewc?.dispose()
  }
}
