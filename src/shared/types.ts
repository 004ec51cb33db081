/** Domain types shared by every layer. Plain data only: they cross IPC, HTTP and worker boundaries. */
import type {
  ApprovalPolicy,
  AuditEntry,
  AuditVerification,
  BaselineRunRecord,
  DatasetPreview,
  PreviewSplit,
  IntegrityReport,
  JobStatus,
  Problem,
  RepairReport,
  TaskRecord,
  VersionRecord,
  WorkspaceSettings
} from './domain/records'
import type { LossParts, ParameterCounts } from './domain/learning'
import type { Method } from './domain/methods'
import type { Language } from './domain/lists'
import type { TransferEstimator, TransferTrust } from './transferability'

export type {
  ApprovalPolicy,
  AuditEntry,
  AuditVerification,
  DatasetPreview,
  PreviewSplit,
  IntegrityReport,
  JobStatus,
  LossParts,
  Method,
  RepairReport,
  WorkspaceSettings
}

export type BackendName = 'tensorflow' | 'wasm' | 'cpu'

export interface BackendAttempt {
  backend: BackendName
  ok: boolean
  error?: string
}

export interface BackendInfo {
  name: BackendName
  /** Why this backend was chosen, in one sentence. */
  reason: string
  tfjsVersion: string
  attempts: BackendAttempt[]
}

export interface AppInfo {
  appVersion: string
  backend: BackendInfo
  platform: string
  arch: string
  nodeVersion: string
  host: 'electron' | 'browser' | 'cli'
  /** Browser mode: workspaces live under this folder and are named relative to it. */
  workspaceRoot: string | null
}

export interface SelfTestArg {
  steps: number
  seed: number
}

export interface SelfTestResult {
  backend: BackendName
  seed: number
  steps: number
  losses: number[]
  finalAccuracy: number
  millis: number
}

export interface ProgressEvent {
  /** Job or call this progress belongs to. */
  id: string
  step: number
  totalSteps: number
  loss?: number
  etaSeconds?: number
}

// ───────────── workspaces ─────────────

export interface WorkspaceSummary {
  dir: string
  /** The database's migration number (docs/workspace-format.md). */
  schemaVersion: number
  name: string
  language: Language
  tasks: number
  learnedTasks: number
  activeVersionId: number | null
  /** Result of the integrity check made when the workspace was opened. */
  integrity: { ok: boolean; summary: string[] }
  /** Jobs a dead process left running; they can be resumed. */
  interruptedJobs: number[]
}

export interface RecentWorkspace {
  dir: string
  name: string
  openedAt: string
  exists: boolean
}

// ───────────── tasks ─────────────

/** Where a task stands in the pipeline, as the timeline shows it. */
export type TaskState = 'registered' | 'learning' | 'candidate' | 'approved' | 'rejected'

export interface TaskView extends TaskRecord {
  state: TaskState
  /** Position in the active version's task sequence, or null when not learned by it. */
  learnedIndex: number | null
  /** Holdout accuracy under the active version (null when not learned or no holdout). */
  accuracy: number | null
  /** Training data still kept (retention policy). */
  trainRetained: boolean
}

/** A task just added, with the import's non-fatal findings. */
export interface TaskAdded extends TaskView {
  warnings: Problem[]
}

// ───────────── transferability ─────────────

export interface TransferMatrix {
  versionId: number | null
  computedAt: string
  /** Columns: the learned tasks whose generated weights produce the features. */
  sourceTaskIds: number[]
  sourceNames: string[]
  /** Rows: every registered task's data. */
  targetTaskIds: number[]
  targetNames: string[]
  /**
   * The estimator in use's score of row task's data under column task's weights; null where not
   * computed (= estimates[estimator]).
   */
  scores: Array<Array<number | null>>
  /** The estimator the scores are from (the workspace setting, resolved by the evidence). */
  estimator: TransferEstimator
  /** Every estimator's matrix, same layout as `scores`. */
  estimates: Record<TransferEstimator, Array<Array<number | null>>>
  /**
   * Measured transfer, same layout: linear-probe holdout accuracy of row task on column task's
   * features, recorded when row task was trained (null where it has not been).
   */
  measured: Array<Array<number | null>>
  /** ρ of each estimator against the measured transfer, with n, and the trust it earns. */
  trust: TransferTrust
  /** Per row: spread of the estimator in use below the flat threshold (see FLAT_ROW_THRESHOLD). */
  flatRows: boolean[]
  /**
   * Suggested order for the registered, not yet learned tasks: greedy, each next task the one
   * whose best predicted transfer from what is learned is highest (normalised H or the estimator in use).
   */
  recommendedOrder: Array<{ taskId: number; name: string; score: number | null; bestSource: string | null }>
  /** Number of classes of each row task (an H-score lies in [0, C − 1]). */
  classCounts: number[]
  /** 2-D classical-MDS map of the learned task embeddings (and ê of the latest version). */
  embeddingMap: Array<{ taskId: number; name: string; x: number; y: number; kind: 'learned' | 'target' }>
  /** Backend and time of the computation; null before anything was computed. */
  backend: BackendName | null
  millis: number | null
}

// ───────────── jobs & training ─────────────

export interface TrainArgs {
  method: Method
  steps: number
  seed: number
  config: Record<string, unknown>
}

export interface JobView {
  id: number
  kind: string
  status: JobStatus
  taskId: number | null
  taskName: string | null
  args: unknown
  progress: JobProgress | null
  error: { code: string; message: string; hint?: string; detail?: string } | null
  /** Candidate version produced by a finished train job. */
  versionId: number | null
  resumable: boolean
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export interface JobProgress {
  jobId: number
  taskId: number | null
  phase: 'preparing' | 'transferability' | 'training' | 'evaluating' | 'saving' | 'baselines'
  step: number
  totalSteps: number
  /** Baselines job: the (method, seed) running and its task (1-based) out of `tasks`. */
  method?: string
  seed?: number
  task?: number
  tasks?: number
  loss?: LossParts
  batchAccuracy?: number
  stepsPerSecond?: number
  etaSeconds?: number
}

// ───────────── versions & approval ─────────────

export interface VersionView extends VersionRecord {
  taskName: string
  /** Task ids this version has learned, in order; accuracyRow follows the same order. */
  taskIds: number[]
  parameterCounts: ParameterCounts | null
}

export interface PolicyCheck {
  id: 'old-task-drop' | 'new-task-accuracy' | 'drift'
  taskId: number
  taskName: string
  pass: boolean
  /** Measured value and limit in the check's unit (accuracy points or a fraction). */
  value: number | null
  limit: number
  message: string
}

export interface PolicyResult {
  pass: boolean
  policy: ApprovalPolicy
  checks: PolicyCheck[]
}

export interface TaskComparison {
  taskId: number
  name: string
  active: number | null
  candidate: number | null
  /** active − candidate in accuracy points (positive = forgetting). */
  drop: number | null
  drift: number | null
}

export interface VersionComparison {
  candidate: VersionView
  active: VersionView | null
  tasks: TaskComparison[]
  policy: PolicyResult
}

export interface TrainOutcome {
  job: JobView
  version: VersionView | null
}

// ───────────── baselines on the workspace's own tasks ─────────────

/** A stored baseline run with the numbers a screen shows next to the active lineage. */
export interface BaselineRunView extends BaselineRunRecord {
  taskNames: string[]
  /** Final average accuracy, forgetting (Chaudhry) and training seconds of this run; null when not measurable. */
  averageAccuracy: number | null
  forgetting: number | null
  trainSeconds: number
}

export interface BaselineListing {
  /** The active version: runs listed are those measured on its lineage. */
  versionId: number | null
  runs: BaselineRunView[]
  /** The same numbers for the active lineage, on the same tasks as the runs (null without runs). */
  lineage: {
    method: string
    seed: number
    averageAccuracy: number | null
    forgetting: number | null
    trainSeconds: number | null
  } | null
  /** Runs measured for an earlier version of this lineage (measure again to include the newer tasks). */
  olderRuns: number
}

export interface BaselinesOutcome {
  job: JobView
  runs: BaselineRunView[]
}

export interface ExportResult {
  dir: string
  files: string[]
  taskName: string
  versionId: number
  holdoutAccuracy: number | null
}

export interface AuditListing {
  entries: AuditEntry[]
  verification: AuditVerification
}

export type { IntegrityReport as CheckReport }

// ───────────── reports ─────────────

/**
 * A report preview (no outFile: html or csv text, nothing written) or export (outFile: the
 * file is written atomically and recorded in the workspace).
 */
export interface ReportBuildResult {
  html?: string
  csv?: string
  path?: string
  bytes: number
  sha256: string
  reportId?: number
  versionId: number | null
  /** The language the report is written in (the workspace's when not asked for). */
  lang: Language
}

// ───────────── analysis of plain numbers (no workspace) ─────────────

export interface HScoreResult {
  hscore: number
  /** Samples, features, distinct labels (the H-score's maximum is classes − 1). */
  n: number
  d: number
  classes: number
}

/** Continual-learning metrics of an accuracy matrix; fwt is null without a baseline row. */
export interface ClMetricsResult {
  average_accuracy: number
  bwt: number
  fwt: number | null
  forgetting: number
}
