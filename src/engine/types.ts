import type { LabelledSet, TaskData } from '../shared/dataset'
import type { BackendName } from '../shared/types'
import type { LossParts, ParameterCounts, TensorRecord } from '../shared/domain/learning'
import type { Method } from '../shared/domain/methods'

/**
 * The engine's public surface as the service uses it. Implemented by src/engine/learner.ts.
 * Everything crossing it is plain data or typed arrays, so it can cross a worker boundary.
 */

export interface StepProgress {
  taskIndex: number
  step: number
  totalSteps: number
  loss: LossParts
  batchAccuracy: number
  stepsPerSecond: number
  etaSeconds: number
}

export interface TaskLearnResult {
  taskIndex: number
  /** H-score of the new task's training data under each earlier task's generated weights. */
  transferRow: number[]
  /** ê, the fitted H-embedding target (hemb from the third task on). */
  embeddingTarget?: number[]
  steps: number
  millis: number
  stepsPerSecond: number
  /** Loss per step, downsampled to at most 500 points. */
  lossCurve: LossParts[]
  backend: BackendName
}

/** Mid-task training state; restoring it and continuing gives the same result as not stopping. */
export interface TrainCheckpoint {
  taskIndex: number
  step: number
  tensors: TensorRecord[]
  /** Anything else the loop needs (ê, the β weights, counters), JSON-safe. */
  meta: Record<string, unknown>
}

export interface LearnOptions {
  onProgress?: (p: StepProgress) => void
  /** Checked between steps; when it returns true the loop stops and learnTask rejects with 'cancelled'. */
  shouldStop?: () => boolean
  /** Steps between checkpoints (0 = none). */
  checkpointEvery?: number
  onCheckpoint?: (c: TrainCheckpoint) => void
  resume?: TrainCheckpoint
  /**
   * The transferability row the H-embedding is fitted to (the chosen estimator's, computed by
   * the caller on the same rows); default: the H-score row computed here. Ignored on resume.
   */
  transferRow?: number[]
  /** true: train this task without guidance (plain HNET), e.g. because its row is flat. */
  noGuidance?: boolean
}

/** All a learner keeps between tasks: parameters, task embeddings, regulariser targets, Fisher. */
export interface LearnerSnapshot {
  method: Method
  seed: number
  config: Record<string, unknown>
  inputShape: number[]
  tasksLearned: number
  /** Class count of each learned task, in order. */
  numClasses: number[]
  tensors: TensorRecord[]
  meta: Record<string, unknown>
}

export interface MainNetSpec {
  kind: 'mlp' | 'cnn'
  inputShape: number[]
  hidden: number[]
  activation: 'relu' | 'tanh' | 'elu'
  numClasses: number
  /** CNN only. */
  conv?: { filters: number[]; kernel: number }
}

export interface Learner {
  readonly method: Method
  readonly tasksLearned: number
  learnTask(data: TaskData, opts?: LearnOptions): Promise<TaskLearnResult>
  /** Accuracy in [0, 1] of learned task `taskIndex` on `set`. */
  evaluate(taskIndex: number, set: LabelledSet): number
  /**
   * Accuracy in [0, 1] on `set` of the model the NEXT task (index tasksLearned) would start
   * from, before any training on it (hypernets: its initial embedding under the current Θ;
   * finetune/EWC: the current body with a fresh head; independent: a fresh net). Fills
   * R[i][j] for j > i, which FWT uses; on a fresh learner it is the untrained baseline b_j.
   */
  evaluateBeforeLearning(set: LabelledSet): number
  /** H-score of `set` under each learned task's generated weights (penultimate features). */
  transferRow(set: LabelledSet): number[]
  /** Penultimate features (n × d row-major) of the rows `x` under learned task `taskIndex`'s weights. */
  featuresUnder(taskIndex: number, x: Float32Array, n: number): { f: Float32Array; d: number }
  /** Flat generated main-net weights of a learned task (for output drift). */
  generatedWeights(taskIndex: number): Float32Array
  /** The main network of a learned task, ready to export. */
  mainNetwork(taskIndex: number): { spec: MainNetSpec; tensors: TensorRecord[] }
  parameterCounts(): ParameterCounts
  snapshot(): LearnerSnapshot
  dispose(): void
}
