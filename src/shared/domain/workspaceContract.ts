/**
 * The workspace's contract as the service uses it: the `Workspace` facade (src/workspace/workspace.ts
 * implements it) and the inputs of its writes. Types only.
 */
import type { TaskData } from '../dataset'
import type { TensorRecord } from './learning'
import type { SettingsPatch, WorkspaceSettings } from './settings'
import type {
  ApprovalDecision,
  ApprovalRecord,
  AuditEntry,
  AuditVerification,
  BaselineRunRecord,
  EvaluationRecord,
  JobPatch,
  JobRecord,
  JobStatus,
  NewBaselineRun,
  NewTask,
  NewVersion,
  ReportRecord,
  TaskRecord,
  TaskStatus,
  VersionRecord,
  VersionStatus
} from './records'
import type { ArtifactCheck, ArtifactKind, BackupInfo, IntegrityReport, StorageUse, WorkspaceInfo } from './integrity'

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
