import type { LabelledSet } from '../shared/dataset'
import type { ErrorInfo } from '../shared/errors'
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
  | { kind: 'transfer'; payload: TransferPayload }
  | { kind: 'export'; payload: ExportPayload }

export type WorkerKind = WorkerJob['kind']

export interface WorkerStart {
  job: WorkerJob
  cancelFlag: SharedArrayBuffer
}

export type WorkerMessage =
  | { type: 'progress'; data: unknown }
  | { type: 'checkpoint'; data: TrainCheckpoint }
  | { type: 'result'; data: unknown }
  | { type: 'error'; error: ErrorInfo }

export type { StepProgress }
