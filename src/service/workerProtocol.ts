import type { LabelledSet } from '../shared/dataset'
import type { BenchmarkJob } from '../engine/benchmarkRun'
import type { ErrorInfo } from '../shared/errors'
import type { TransferEstimator, TransferRecord } from '../shared/transferability'
import type { LearnerSnapshot, StepProgress, TrainCheckpoint } from '../engine/types'
import type { LossParts, ParameterCounts } from '../shared/domain/learning'
import type { Method } from '../shared/domain/methods'

/**
 * Messages between the service and a job worker. Cancellation goes through a shared Int32
 * flag rather than a message, because a worker busy in a training step does not read its
 * message queue until the step returns; the flag is read between steps.
 */
export interface TrainPayload {
  /**
   * The workspace folder. The worker reads the task data, the parent snapshot and the
   * checkpoint itself: verifying and decoding tens of megabytes must not stall the host.
   */
  dir: string
  taskId: number
  /** Tasks the parent version learned, in order; their holdout sets are evaluated too. */
  learnedTaskIds: number[]
  /** The active version trained from, or null for the first task. */
  parentVersionId: number | null
  checkpointHash: string | null
  /** Used when there is no parent. */
  create: { method: Method; seed: number; config: Record<string, unknown>; inputShape: number[] }
  /** Non-architecture settings that override the parent's for this task (steps, β, …). */
  overrides: Record<string, unknown>
  checkpointEvery: number
  /** The transferability estimator the H-embedding follows (resolved from the workspace setting). */
  estimator: TransferEstimator
  /** False when the workspace's evidence says no estimator predicts transfer (see transferTrust). */
  guide: boolean
}

export interface TrainOutput {
  snapshot: LearnerSnapshot
  transferRow: number[]
  embeddingTarget: number[] | null
  /** Accuracy per eval set; null where the set is empty (no holdout kept). */
  accuracyRow: Array<number | null>
  /** Relative output drift ‖W_j − W_j(parent)‖ / ‖W_j(parent)‖ per learned task (hypernet methods). */
  drift: Array<number | null>
  parameterCounts: ParameterCounts
  /** Accuracy on the new task before training (R[t−1][t]); null without a holdout set. */
  preTrainAccuracy: number | null
  /** Accuracy of a freshly initialised learner on the new task (the FWT baseline b_t). */
  untrainedAccuracy: number | null
  steps: number
  trainMs: number
  stepsPerSecond: number
  lossCurve: LossParts[]
  backend: string
  transfer: TransferRecord | null
}

/** One (method, seed) baseline over the lineage's tasks, run in one worker. */
export interface BaselinePayload {
  dir: string
  method: Method
  seed: number
  /** The lineage's tasks in order, each with the engine settings the lineage used for it. */
  tasks: Array<{ taskId: number; config: Record<string, unknown> }>
  inputShape: number[]
  /** A checkpoint of this (method, seed) written after its last finished task, to resume from. */
  checkpointHash: string | null
}

/** Progress of a baseline run: the task being learned and the step within it. */
export interface BaselineStep extends StepProgress {
  taskIndex: number
}

/** State after `done` tasks: enough to continue with task `done` exactly as without a stop. */
export interface BaselineCheckpoint {
  method: Method
  seed: number
  done: number
  R: Array<Array<number | null>>
  b: Array<number | null>
  trainMs: number[]
  snapshot: LearnerSnapshot
}

export interface BaselineOutput {
  R: Array<Array<number | null>>
  b: Array<number | null>
  trainMs: number[]
  parameterCounts: ParameterCounts
  snapshotBytes: number
  backend: string
}

export interface TransferPayload {
  snapshot: LearnerSnapshot
  sets: LabelledSet[]
}

export interface ExportPayload {
  snapshot: LearnerSnapshot
  taskIndex: number
  numClasses: number
  holdout: LabelledSet
}

export type WorkerJob =
  | { kind: 'backendInfo'; payload: Record<string, never> }
  | { kind: 'selfTest'; payload: { steps: number; seed: number } }
  | { kind: 'train'; payload: TrainPayload }
  | { kind: 'baseline'; payload: BaselinePayload }
  | { kind: 'transfer'; payload: TransferPayload }
  | { kind: 'export'; payload: ExportPayload }
  /** One (method, seed) of `keizoku bench`; progress: one BenchmarkTaskReport per learned task. */
  | { kind: 'benchmark'; payload: BenchmarkJob }

export type WorkerKind = WorkerJob['kind']

export interface WorkerStart {
  job: WorkerJob
  cancelFlag: SharedArrayBuffer
}

export type WorkerMessage =
  | { type: 'progress'; data: unknown }
  | { type: 'checkpoint'; data: TrainCheckpoint | BaselineCheckpoint }
  | { type: 'result'; data: unknown }
  | { type: 'error'; error: ErrorInfo }

export type { StepProgress }
