/**
 * The workspace's public record and option types (no runtime code), so the renderer and
 * src/shared can import them without pulling in Node modules. See index.ts for the overview.
 */
import type { ErrorInfo } from '../errors'
import type { TaskData } from '../dataset'
import type { EstimatorChoice } from '../transferability'
import type { TensorRecord } from './learning'
import type { Language } from './lists'
import type { RunCurve } from './runCurve'

// ───────────────────────────── settings ─────────────────────────────

export interface ApprovalPolicy {
  /** Largest allowed drop of any old task's holdout accuracy, in accuracy points (1.0 = 1 %). */
  maxOldTaskDrop: number
  /** Smallest allowed holdout accuracy of the new task, as a fraction 0…1. */
  minNewTaskAccuracy: number
}

export interface CostSettings {
  computePerHour: number
  storagePerGBMonth: number
  /** What one accuracy point on one task is worth to the user, per month. */
  valuePerAccuracyPoint: number
  /** ISO 4217 code, e.g. 'USD', 'JPY'. */
  currency: string
}

export interface WorkspaceSettings {
  name: string
  language: Language
  policy: ApprovalPolicy
  costs: CostSettings
  /** Transferability estimator the H-embedding follows; 'auto' = best ρ once enough pairs, H-score before. */
  transferEstimator: EstimatorChoice
}

/** Defaults: policy { maxOldTaskDrop: 1.0, minNewTaskAccuracy: 0 }, costs { 1.0/h, 0.02/GB-month, 100/point, 'USD' }. */
export type SettingsPatch = {
  name?: string
  language?: Language
  policy?: Partial<ApprovalPolicy>
  costs?: Partial<CostSettings>
  transferEstimator?: EstimatorChoice
}

// ───────────────────────────── datasets & import ─────────────────────────────

/** Where a task's data comes from; what the wizard and the CLI hand to the importer. */
export type DatasetSource =
  | {
      kind: 'csv'
      path: string
      /** Name of the label column (or `colN`, 1-based, when the file has no header row). */
      label?: string
      /** Columns that are neither feature nor label (e.g. a timestamp, or a column the label is computed from). */
      ignore?: string[]
      /** Forced delimiter; sniffed from the first lines when absent (',', '\t', ';', '|'). */
      delimiter?: string
      /** Forced header presence; detected when absent. */
      header?: boolean
    }
  | {
      kind: 'images'
      /** Folder with one sub-folder per class (the sub-folder name is the class name). */
      path: string
      /** [height, width] of every sample after greyscale + resize; default [28, 28]. */
      shape?: [number, number]
    }
  | { kind: 'idx'; images: string; labels: string }
  | {
      kind: 'builtin'
      benchmark: 'split-mnist' | 'permuted-mnist' | 'rotated-mnist'
      /** Task index within the benchmark (split-mnist: digits 2k and 2k+1). */
      k: number
      seed?: number
    }

export interface HoldoutOptions {
  /** Fraction of rows (or of groups) held out, 0 ≤ f < 1; default 0.2. 0 keeps no holdout. */
  fraction?: number
  /** Seed of the split; default 1. */
  seed?: number
  /**
   * Grouped holdout (CSV only): rows with the same group key never sit on both sides.
   * key = value of `column`, or, with `size`, the block ⌊(v − v_min) / size⌋ (so
   * `Minute/60` on minutes 1…2220 gives hours 0…36). Groups are assigned to the holdout
   * stratified by each group's majority class, so every class with ≥ 2 groups is in both parts.
   * Without groupBy: stratified random split per class.
   */
  groupBy?: { column: string; size?: number }
}

/** One thing wrong (or worth knowing) about an input, with where it is and what to do. */
export interface Problem {
  severity: 'error' | 'warning'
  /** Stable machine code, e.g. 'non_numeric', 'ragged_row', 'single_class', 'decode_failed'. */
  code: string
  message: string
  location?: { file?: string; line?: number; row?: number; column?: string }
  fix: string
  /**
   * The values the message is made of, so the UI can say it in its own language (message and
   * fix stay English for the CLI and logs). `variant` names which wording of the code applies.
   */
  params?: ProblemParams
}

export type ProblemParams = Record<string, string | number>

/** Per-feature standardisation x' = (x − mean) / std, mean and std from the TRAIN part only. */
export interface FeatureStats {
  featureNames: string[]
  mean: number[]
  /** Sample std (denominator n − 1); 1 for a constant feature so the division is safe. */
  std: number[]
  min: number[]
  max: number[]
}

export interface DatasetSchema {
  /** Feature names in input order (CSV columns; 'pixel' for images). */
  features: string[]
  label: string | null
  ignored: string[]
  groupBy: string | null
  delimiter?: string
  hasHeader?: boolean
}

export interface HoldoutSummary {
  fraction: number
  seed: number
  mode: 'stratified' | 'grouped' | 'benchmark' | 'none'
  groupBy?: { column: string; size?: number }
  /**
   * Group keys on each side (grouped mode only): with a block size, the block index
   * ⌊(v − v_min) / size⌋; without, the index of the column value in `groupValues`.
   */
  trainGroups?: number[]
  testGroups?: number[]
  /** The distinct column values, in order of first appearance (grouped by value only). */
  groupValues?: string[]
}

/** What an importer produces and `Workspace.addTask` stores. Nothing is written before addTask. */
export interface ImportedDataset {
  data: TaskData
  source: Record<string, unknown>
  schema: DatasetSchema
  classCounts: { train: number[]; test: number[] }
  /** Null for images/IDX/benchmarks (already in [0, 1]). Already applied to data.train/test. */
  stats: FeatureStats | null
  holdout: HoldoutSummary
  /** Non-fatal findings (warnings); errors throw DatasetProblemsError instead. */
  warnings: Problem[]
  /** Sha-256 of the source bytes (CSV/IDX) or of the decoded sample list, for provenance. */
  sourceHash: string
  /** Holdout row indices in source order (CSV rows 0-based, after the header); not stored. */
  testRowIndices?: number[]
}

export interface ColumnPreview {
  name: string
  /** 'numeric' when every non-empty cell parses as a finite number. */
  kind: 'numeric' | 'text' | 'empty'
  role: 'feature' | 'label' | 'ignored' | 'group'
  nonNumeric: number
  min?: number
  max?: number
  mean?: number
}

export interface PreviewSplit {
  train: number
  test: number
  mode: HoldoutSummary['mode']
  /** Grouped mode: how many groups (or blocks) went to each side. */
  trainGroups?: number
  testGroups?: number
}

export interface DatasetPreview {
  kind: DatasetSource['kind']
  rowCount: number
  columns: ColumnPreview[]
  /** First rows as text (CSV cells; for images: [class, file]). */
  sampleRows: string[][]
  classHistogram: Array<{ className: string; count: number }>
  featureStats: FeatureStats | null
  inputShape: number[] | null
  /** A column named label/class/target/y, when the source does not name one. */
  suggestedLabel?: string
  /** The train/holdout split the import would make with the given holdout options (absent while errors remain). */
  split?: PreviewSplit
  /** All problems found (up to 100, then one 'too_many_problems' entry). */
  problems: Problem[]
}

export interface ImportOptions {
  holdout?: HoldoutOptions
  /** Input shape of the workspace's earlier tasks; a different shape is an error. */
  expectedInputShape?: number[]
  /** Called with 0…1 while a large file streams (CSV bytes read, images decoded). */
  onProgress?: (fraction: number) => void
}

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
  /** The job's loss and accuracy curves so far (kept apart from the record: read with jobCurves). */
  curve?: RunCurve
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
  /** Hash of the previous entry ('' for the first). */
  prevHash: string
  /** sha256(prevHash + canonicalJSON({ id, at, actor, action, subject, details })), hex. */
  hash: string
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

export type ArtifactKind = 'dataset-train' | 'dataset-test' | 'snapshot' | 'checkpoint' | 'report' | 'other'

export interface ArtifactProblem {
  hash: string
  problem: 'missing' | 'corrupt'
  /** e.g. 'task 3 (Round) training data', 'version 5 snapshot'. */
  referencedBy: string[]
  detail: string
}

export interface ArtifactCheck {
  checked: number
  problems: ArtifactProblem[]
  /** Files on disk that no row references (left by a crash between write and commit). */
  orphans: string[]
}

export interface BackupInfo {
  path: string
  createdAt: string
  bytes: number
}

export interface IntegrityReport {
  ok: boolean
  dir: string
  database: { ok: boolean; messages: string[] }
  artifacts: ArtifactCheck | null
  audit: AuditVerification | null
  backups: BackupInfo[]
  /** One line per finding, ready to print. */
  summary: string[]
  /** What to do when not ok (e.g. run `keizoku check DIR --repair`). */
  hint?: string
}

export interface RepairReport {
  restoredFrom: string | null
  /** What the restored database lacks compared to the damaged one, as far as it can be read. */
  lost: string[]
  /** Other actions taken (e.g. dropped references to missing training data). */
  actions: string[]
  after: IntegrityReport
}

export interface StorageUse {
  databaseBytes: number
  artifactBytes: number
  byKind: Record<ArtifactKind, number>
}

export interface WorkspaceInfo {
  dir: string
  dbPath: string
  schemaVersion: number
  createdAt: string
  tasks: number
  versions: number
  jobs: number
}

// ───────────────────────────── the workspace ─────────────────────────────

export interface OpenOptions {
  /** Make the folder, keizoku.db and artifacts/ when absent (an existing workspace just opens). */
  create?: boolean
  /** When set, opening appends a 'workspace.opened' (or 'workspace.created') audit entry by this actor. */
  actor?: string
  /** Settings for a new workspace. */
  settings?: SettingsPatch
  /**
   * Read-only use without taking the workspace's owner lock (a job's worker thread, whose
   * process already owns it; `check` while another process does): no job is marked, nothing audited.
   */
  shared?: boolean
}

export interface NewEvaluation {
  versionId?: number | null
  taskId?: number | null
  kind: 'accuracy' | 'transfer'
  row: number[]
  taskIds: number[]
  details?: Record<string, unknown>
}

export interface NewApproval {
  versionId: number
  decision: ApprovalDecision
  by: string
  comment?: string
  policyResults?: unknown
}

export interface NewReport {
  kind: string
  format: string
  path?: string | null
  hash?: string | null
  versionId?: number | null
  details?: Record<string, unknown>
}

export interface NewAuditEntry {
  actor: string
  action: string
  subject?: string
  details?: Record<string, unknown>
}

export interface Workspace {
  readonly dir: string
  readonly dbPath: string
  close(): void
  /** Run fn in one SQLite transaction (nested calls become savepoints). fn must be synchronous. */
  transaction<T>(fn: () => T): T
  info(): WorkspaceInfo

  getSettings(): WorkspaceSettings
  /** Validates and merges; appends a 'settings.updated' audit entry. */
  updateSettings(patch: SettingsPatch, actor?: string): WorkspaceSettings

  // tasks
  /**
   * Store an imported dataset as the next task: train and holdout sets as artifacts, then the
   * rows (and a 'task.added' audit entry) in one transaction. Refuses a duplicate name or an
   * input shape different from the earlier tasks'.
   */
  addTask(input: NewTask, actor?: string): TaskRecord
  listTasks(): TaskRecord[]
  /** By id or by exact name; throws not_found. */
  getTask(idOrName: number | string): TaskRecord
  setTaskStatus(id: number, status: TaskStatus): TaskRecord
  /** Plain delete; refuses (conflict) when a job, version or evaluation references the task. */
  removeTask(id: number, actor?: string): void
  /** Train and holdout sets; train has n = 0 when dropped by the retention policy. */
  loadTaskData(id: number): TaskData
  /** Retention: forget the training data (row first, then the file if no other row uses it). */
  dropTrainingData(id: number, actor?: string): TaskRecord

  // jobs (persistent queue)
  createJob(input: { kind: string; args: unknown; taskId?: number | null }): JobRecord
  /** Setting status 'running' records this process's pid (and startedAt when not given). */
  updateJob(id: number, patch: JobPatch): JobRecord
  getJob(id: number): JobRecord
  listJobs(filter?: { status?: JobStatus | JobStatus[]; kind?: string; taskId?: number; limit?: number }): JobRecord[]
  /** 'running' jobs whose process is gone become 'interrupted'; returns them. Called at open. */
  markInterruptedJobs(): JobRecord[]
  /** The stored curves of these jobs (those that have one). */
  jobCurves(ids: number[]): Map<number, RunCurve>

  // model versions
  createVersion(input: NewVersion): VersionRecord
  listVersions(filter?: { taskId?: number; status?: VersionStatus }): VersionRecord[]
  getVersion(id: number): VersionRecord
  /**
   * 'active' also turns the previously active version into 'superseded' (one active at most).
   * With `from`, a compare-and-set: refused (conflict) unless the version is `from` inside the write transaction.
   */
  setVersionStatus(id: number, status: VersionStatus, from?: VersionStatus): VersionRecord
  activeVersion(): VersionRecord | null

  // evaluations
  recordEvaluation(input: NewEvaluation): EvaluationRecord
  listEvaluations(filter?: { versionId?: number; taskId?: number; kind?: 'accuracy' | 'transfer' }): EvaluationRecord[]

  // baselines measured on the workspace's own tasks
  recordBaselineRun(input: NewBaselineRun): BaselineRunRecord
  /** Oldest first. */
  listBaselineRuns(filter?: { lineageVersionId?: number; jobId?: number }): BaselineRunRecord[]

  // approvals
  recordApproval(input: NewApproval): ApprovalRecord
  listApprovals(filter?: { versionId?: number }): ApprovalRecord[]

  // audit log (append-only; UPDATE/DELETE are refused by triggers)
  appendAudit(input: NewAuditEntry): AuditEntry
  /** Newest first. */
  listAudit(filter?: { limit?: number; action?: string; subject?: string }): AuditEntry[]
  /** Throws 'corrupt' ("<what> is refused: the audit log … is broken at entry N", with the repair hint) unless the chain verifies. */
  assertAuditSound(what: string): void
  verifyAudit(): AuditVerification

  // reports
  recordReport(input: NewReport): ReportRecord
  listReports(): ReportRecord[]

  // artifacts
  /** Content-addressed, durable before return; idempotent. Returns the sha-256 hex. */
  putArtifact(bytes: Uint8Array, kind?: ArtifactKind): string
  /** Reads and verifies; a mismatch or a missing file throws KeizokuError 'corrupt'. */
  getArtifact(hash: string): Uint8Array
  hasArtifact(hash: string): boolean
  /** Tensors in the documented binary format (docs/workspace-format.md). */
  putTensors(records: TensorRecord[], kind?: ArtifactKind, meta?: Record<string, unknown>): string
  getTensors(hash: string): TensorRecord[]
  /** Like getTensors, plus the JSON `meta` stored in the header. */
  getTensorFile(hash: string): { records: TensorRecord[]; meta: Record<string, unknown> }
  verifyArtifacts(): ArtifactCheck
  storageUse(): StorageUse
  /**
   * Delete artifacts nothing points at any more (superseded checkpoints, orphans left by a
   * crash, stale temp files), live copy and backup copy, when older than `minAgeMs`
   * (default 1 h, so a file just written and about to be referenced is never taken).
   */
  collectGarbage(opts?: { minAgeMs?: number }): { removed: number; bytes: number }

  // integrity
  /** Online backup into backups/ (temp + rename), keeps the newest 3. */
  backup(): Promise<BackupInfo>
  listBackups(): BackupInfo[]
  /** quick_check, every referenced artifact, the audit chain. */
  check(): IntegrityReport
}
