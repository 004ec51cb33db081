/**
 * The registry's records: tasks, jobs, versions, evaluations, baseline runs, approvals, the audit
 * log, reports. Types only, so the renderer and src/shared import them without pulling in Node
 * modules. Their neighbours — settings.ts, datasets.ts, integrity.ts and workspaceContract.ts —
 * are re-exported at the end, so `shared/domain/records` stays the one import path.
 */
import type { ErrorInfo } from '../errors'
import type { DatasetSchema, FeatureStats, HoldoutSummary, ImportedDataset } from './datasets'

// ───────────────────────────── registry records ─────────────────────────────

export type TaskStatus = 'registered' | 'learning' | 'candidate' | 'learned' | 'failed' | 'retired'

export interface TaskRecord {
  id: number
  /** Position in the task sequence, 1, 2, … in order of registration (gaps after removal). */
  seq: number
  name: string
  status: TaskStatus
  inputShape: number[]
  numClasses: number
  classNames: string[]
  nTrain: number
  nTest: number
  /** Retention policy: keep the training data after the task is learned (else drop it). */
  keepTrain: boolean
  trainHash: string | null
  testHash: string | null
  trainBytes: number
  testBytes: number
  /** Set when the training data was dropped by the retention policy. */
  trainDroppedAt: string | null
  source: Record<string, unknown>
  sourceHash: string
  schema: DatasetSchema
  classCounts: { train: number[]; test: number[] }
  stats: FeatureStats | null
  holdout: HoldoutSummary
  createdAt: string
  updatedAt: string
}

export interface NewTask {
  name: string
  dataset: ImportedDataset
  /** Default true. */
  keepTrain?: boolean
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted'

export interface JobRecord {
  id: number
  /** e.g. 'train', 'transfer', 'export', 'report'. */
  kind: string
  args: unknown
  taskId: number | null
  status: JobStatus
  progress: unknown
  error: ErrorInfo | null
  result: unknown
  /** Artifact of the latest mid-run checkpoint (putTensors), for resuming an interrupted run. */
  checkpointHash: string | null
  /** Process that set the job running; a running job whose process is gone is 'interrupted'. */
  pid: number | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  updatedAt: string
}

export interface JobPatch {
  status?: JobStatus
  progress?: unknown
  error?: ErrorInfo | null
  result?: unknown
  checkpointHash?: string | null
  startedAt?: string | null
  finishedAt?: string | null
}

export type VersionStatus = 'candidate' | 'active' | 'rejected' | 'superseded'

export interface VersionRecord {
  id: number
  /** The task whose learning produced this version. */
  taskId: number
  /** The version it was trained from (null for the first). */
  parentId: number | null
  jobId: number | null
  status: VersionStatus
  /** Artifact (putTensors) of the learner snapshot. */
  snapshotHash: string
  method: string
  config: Record<string, unknown>
  seed: number
  backend: string
  metrics: Record<string, unknown>
  /** Holdout accuracy of every learned task under this version, in task order. */
  accuracyRow: number[]
  /** H-scores of this version's task under each earlier task's generated weights. */
  transferRow: number[]
  /** Per earlier task: relative output drift ‖W_j − W_j(parent)‖ / ‖W_j(parent)‖; null for the first. */
  drift: number[] | null
  timings: Record<string, number>
  createdAt: string
  updatedAt: string
}

export interface NewVersion {
  taskId: number
  parentId?: number | null
  jobId?: number | null
  status?: 'candidate'
  snapshotHash: string
  method: string
  config: Record<string, unknown>
  seed: number
  backend: string
  metrics?: Record<string, unknown>
  accuracyRow?: number[]
  transferRow?: number[]
  drift?: number[] | null
  timings?: Record<string, number>
}

export interface EvaluationRecord {
  id: number
  versionId: number | null
  taskId: number | null
  kind: 'accuracy' | 'transfer'
  /** Values in task order; `taskIds` says which task each column is. */
  row: number[]
  taskIds: number[]
  details: Record<string, unknown>
  createdAt: string
}

/** A task a baseline run could not learn, and why (e.g. its training data was dropped). */
export interface SkippedTask {
  taskId: number
  name: string
  reason: string
}

/**
 * What one baseline run measured, task by task, in the lineage's order. R[i][j] = holdout
 * accuracy on task j after learning task i (j ≤ i), R[i][i+1] = accuracy on the next task
 * before learning it; null where the task keeps no holdout set.
 */
export interface BaselineResult {
  R: Array<Array<number | null>>
  /** Accuracy of a freshly initialised learner on each task (the FWT baseline). */
  b: Array<number | null>
  /** Training milliseconds per task. */
  trainMs: number[]
  parameterCounts: { shared: number; perTask: number; mainNet: number; compression: number }
  /** Bytes of the learner snapshot tensors after the last task. */
  snapshotBytes: number
}

/** One (method, seed) baseline measured on the workspace's own tasks. */
export interface BaselineRunRecord {
  id: number
  jobId: number | null
  /** The version whose lineage (tasks, order, splits, per-task settings) the run copies. */
  lineageVersionId: number
  method: string
  seed: number
  backend: string
  /** The engine settings used for each task, in order (the lineage's). */
  config: Array<Record<string, unknown>>
  /** Tasks learned, in order. */
  taskIds: number[]
  skipped: SkippedTask[]
  result: BaselineResult
  createdAt: string
}

export type NewBaselineRun = Omit<BaselineRunRecord, 'id' | 'createdAt'>

export type ApprovalDecision = 'approve' | 'reject' | 'rollback' | 'override'

export interface ApprovalRecord {
  id: number
  versionId: number
  decision: ApprovalDecision
  by: string
  comment: string
  policyResults: unknown
  createdAt: string
}

export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  subject: string
  details: Record<string, unknown>
  /**
   * Registry rows this entry vouches for: the digest of every version, approval and evaluation
   * row written since the previous seal (null: the row no longer exists). Absent on entries that
   * changed none, and on every entry written before schema 3.
   */
  seal?: RegistrySeal
  /** Hash of the previous entry ('' for the first). */
  prevHash: string
  /** sha256(prevHash + canonicalJSON({ id, at, actor, action, subject, details, seal })), hex. */
  hash: string
}

/** The registry tables whose rows the audit chain vouches for. */
export type SealedTable = 'versions' | 'approvals' | 'evaluations'

/** Per sealed table: row id → sha256 of the row's canonical JSON, or null when the row is gone. */
export type RegistrySeal = Partial<Record<SealedTable, Record<string, string | null>>>

/** The registry rows cross-checked against the seals in the audit chain. */
export interface RegistryVerification {
  ok: boolean
  /** Rows compared, per table. */
  checked: Record<SealedTable, number>
  /** False for a workspace written before sealing that no process has opened for writing since. */
  sealed: boolean
  /** One line per row that differs, is missing, or was never recorded through Keizoku. */
  problems: string[]
}

export interface AuditVerification {
  ok: boolean
  count: number
  /** Id of the first entry whose hash or link does not match. */
  brokenAt?: number
  reason?: string
}

export interface ReportRecord {
  id: number
  kind: string
  format: string
  path: string | null
  hash: string | null
  versionId: number | null
  details: Record<string, unknown>
  createdAt: string
}

// The record types' neighbours, re-exported so one import path serves every layer.
export type * from './settings'
export type * from './datasets'
export type * from './integrity'
export type * from './workspaceContract'
