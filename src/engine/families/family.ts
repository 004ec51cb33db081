import * as tf from '@tensorflow/tfjs'
import { KeizokuError } from '../../shared/errors'
import { say } from '../../shared/messages'
import type { EngineConfig } from '../../shared/domain/engineConfig'
import type { LossParts, TensorRecord } from '../../shared/domain/learning'
import type { Method } from '../../shared/domain/methods'
import type { LabelledSet } from '../../shared/dataset'
import { Adam, type AdamHyper } from '../adam'
import type { BatchSampler } from '../batches'
import type { ParamShape } from '../mainnet'
import type { MainNetSpec, TrainCheckpoint } from '../types'

/**
 * What a learner's method family decides: which parameters it keeps between tasks, how a
 * learned task's main-net weights come out of them, and what one training step updates.
 * Three families (shared/domain/methods.ts `methodFamily`): the hypernetwork (hypernet.ts),
 * one shared body with a head per task (sharedBody.ts, with EWC in ../ewc.ts) and one net per
 * task (independent.ts). Everything else — checks, evaluation, the training loop, checkpoints,
 * snapshots — is the same for all and lives in ../learner.ts.
 */

/** What every family reads from its learner. */
export interface LearnerContext {
  readonly method: Method
  readonly seed: number
  readonly cfg: EngineConfig
  readonly inputShape: number[]
  readonly spec: MainNetSpec
  readonly shapes: ParamShape[]
  readonly numWeights: number
  readonly adamBase: Omit<AdamHyper, 'lr'>
}

/** A trainable tensor of one task's training, with its Adam state. */
export interface Slot {
  value: tf.Tensor1D
  adam: Adam
}

export interface StepOutput {
  loss: LossParts
  correct: number
  n: number
}

export interface TaskRun {
  t: number
  numClasses: number
  sampler: BatchSampler
  slots: Record<string, Slot>
  /** What the run holds besides its slots (ê, the regulariser's targets), disposed with it. */
  owned: Array<{ dispose(): void }>
  /** One optimiser step; with `read` it also returns the step's losses and batch accuracy. */
  step: (s: number, read: boolean) => StepOutput | undefined
}

export type TensorGetter = (name: string, size?: number) => tf.Tensor1D

export interface FamilyState {
  /** Main-net tensors of learned task j (call inside tf.tidy). */
  weightsOf(j: number): tf.Tensor[]
  /** Main-net tensors task t would start from before any training on it (call inside tf.tidy). */
  initialWeights(t: number): tf.Tensor[]
  /** Parameters shared by every task and kept per task. */
  counts(): { shared: number; perTask: number }
  /** ê, the embedding target of task t given its transferability row; null: no guidance. */
  guideTarget(t: number, transferRow: number[]): number[] | null
  /** Fills `run.slots`, `run.owned` and `run.step` for task `run.t`. */
  prepare(run: TaskRun, guideTarget: number[] | null, resume?: TrainCheckpoint): void
  /** Makes the trained slots the learned state; disposes the replaced tensors and the Adam state. */
  commit(run: TaskRun, train: LabelledSet): void
  /** The stored tensors, in snapshot order. */
  tensors(): TensorRecord[]
  /** Reads the tensors of a snapshot of `n` learned tasks. */
  load(get: TensorGetter, n: number): void
  dispose(): void
}

export function tensorRecord(name: string, t: tf.Tensor): TensorRecord {
  return { name, shape: [...t.shape], data: (t.dataSync() as Float32Array).slice() }
}

/** A copy of a 1-D tensor's values. */
export function valuesOf(t: tf.Tensor1D): Float32Array {
  return (t.dataSync() as Float32Array).slice()
}

/** A trainable slot: value and Adam moments from the checkpoint when resuming, else `init()`. */
export function makeSlot(
  ctx: LearnerContext,
  name: string,
  lr: number,
  init: () => Float32Array,
  resume?: TrainCheckpoint
): Slot {
  const hyper = { lr, ...ctx.adamBase }
  if (resume) {
    const find = (n: string): Float32Array => {
      const r = resume.tensors.find((x) => x.name === n)
      if (!r)
        throw new KeizokuError('corrupt', `The checkpoint lacks tensor "${n}".`, {
          hint: 'Restart the task from the beginning.',
          say: say('engine.checkpoint_lacks_tensor', { name: n })
        })
      return r.data
    }
    const value = find(name)
    const t = (resume.meta.adamSteps as Record<string, number> | undefined)?.[name] ?? resume.step
    return {
      value: tf.keep(tf.tensor1d(value)),
      adam: new Adam(value.length, hyper, { m: find(`${name}#m`), v: find(`${name}#v`), t })
    }
  }
  const value = init()
  return { value: tf.keep(tf.tensor1d(value)), adam: new Adam(value.length, hyper) }
}

/** Snapshot tensors named `${prefix}/${j}` for each of `list`. */
export function indexedRecords(prefix: string, list: tf.Tensor1D[]): TensorRecord[] {
  return list.map((t, j) => tensorRecord(`${prefix}/${j}`, t))
}
