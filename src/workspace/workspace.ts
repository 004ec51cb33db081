import { join } from 'node:path'
import type { TensorRecord } from '../shared/domain/learning'
import type {
  ApprovalRecord,
  ArtifactCheck,
  ArtifactKind,
  AuditEntry,
  AuditVerification,
  BackupInfo,
  BaselineRunRecord,
  EvaluationRecord,
  IntegrityReport,
  JobPatch,
  JobRecord,
  JobStatus,
  NewBaselineRun,
  NewTask,
  NewVersion,
  ReportRecord,
  SettingsPatch,
  StorageUse,
  TaskRecord,
  TaskStatus,
  VersionRecord,
  VersionStatus,
  Workspace,
  WorkspaceInfo,
  WorkspaceSettings,
  NewEvaluation,
  NewApproval,
  NewReport,
  NewAuditEntry
} from '../shared/domain/records'
import type { TaskData } from '../shared/dataset'
import { ArtifactStore } from './artifactStore'
import { AuditLog } from './audit'
import type { SqlDatabase } from './db'
import type { WorkspaceLock } from './lock'
import { ARTIFACTS_DIR, BACKUPS_DIR, DB_FILE } from './layout'
import { schemaVersion } from './migrations'
import { ApprovalStore } from './stores/approvals'
import { BaselineRunStore } from './stores/baselineRuns'
import { ArtifactRecords } from './stores/artifacts'
import type { StoreContext } from './stores/context'
import { EvaluationStore } from './stores/evaluations'
import { JobStore } from './stores/jobs'
import { MaintenanceStore } from './stores/maintenance'
import { ReportStore } from './stores/reports'
import { SettingsStore } from './stores/settings'
import { TaskStore } from './stores/tasks'
import { VersionStore } from './stores/versions'
import { SealTracker } from './registrySeal'

/**
 * The Workspace API over one open workspace: a thin facade that hands each call to the store of
 * its entity (src/workspace/stores/*, the audit log in audit.ts). Open one with openWorkspace (open.ts).
 */
export class SqliteWorkspace implements Workspace {
  readonly dbPath: string
  readonly artifacts: ArtifactStore
  /** Second copy of every artifact, made at backup time: what `repair` restores damaged files from. */
  readonly mirror: ArtifactStore
  private closed = false
  private readonly seals = new SealTracker(() => this.audit.assertAuditSound('This change'))
  private transactionDepth = 0
  private readonly settings: SettingsStore
  private readonly artifactRecords: ArtifactRecords
  private readonly tasks: TaskStore
  private readonly jobs: JobStore
  private readonly versions: VersionStore
  private readonly evaluations: EvaluationStore
  private readonly approvals: ApprovalStore
  private readonly reports: ReportStore
  private readonly baselineRuns: BaselineRunStore
  private readonly audit: AuditLog
  private readonly maintenance: MaintenanceStore

  constructor(
    readonly dir: string,
    private readonly db: SqlDatabase,
    private readonly lock: WorkspaceLock | null = null
  ) {
    this.dbPath = join(dir, DB_FILE)
    this.artifacts = new ArtifactStore(join(dir, ARTIFACTS_DIR))
    this.mirror = new ArtifactStore(join(dir, BACKUPS_DIR, ARTIFACTS_DIR))
    const ctx: StoreContext = {
      dir,
      dbPath: this.dbPath,
      db,
      artifacts: this.artifacts,
      mirror: this.mirror,
      transaction: (fn) => this.transaction(fn),
      seals: this.seals,
      lock
    }
    this.audit = new AuditLog(ctx)
    this.artifactRecords = new ArtifactRecords(ctx)
    this.settings = new SettingsStore(ctx, this.audit)
    this.tasks = new TaskStore(ctx, this.artifactRecords, this.audit)
    this.jobs = new JobStore(ctx)
    this.versions = new VersionStore(ctx)
    this.evaluations = new EvaluationStore(ctx)
    this.approvals = new ApprovalStore(ctx, this.versions)
    this.reports = new ReportStore(ctx)
    this.baselineRuns = new BaselineRunStore(ctx)
    this.maintenance = new MaintenanceStore(ctx, this.artifactRecords, this.audit)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.db.close()
    this.lock?.release()
  }

  /**
   * One SQLite transaction (nested calls are savepoints). Registry rows written in it and not
   * sealed by an audit entry of its own are sealed by a 'registry.sealed' entry before commit,
   * so no path can change a version, approval or evaluation without the chain vouching for it.
   */
  transaction<T>(fn: () => T): T {
    if (this.transactionDepth > 0) return this.db.transaction(fn)
    this.transactionDepth++
    try {
      const out = this.db.transaction(() => {
        const result = fn()
        if (this.seals.pending)
          this.audit.appendAudit({ actor: 'system', action: 'registry.sealed', subject: 'registry' })
        return result
      })
      this.seals.committed()
      return out
    } catch (err) {
      this.seals.rolledBack()
      throw err
    } finally {
      this.transactionDepth--
    }
  }

  /** The first entry written from now on seals every registry row (new workspaces, and ones written before sealing). */
  sealOnFirstWrite(): void {
    if (this.audit.unsealed()) this.seals.markAll()
  }

  info(): WorkspaceInfo {
    const count = (table: string): number => this.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)?.n ?? 0
    const created = this.db.get<{ created_at: string }>('SELECT created_at FROM settings WHERE id = 1')
    return {
      dir: this.dir,
      dbPath: this.dbPath,
      schemaVersion: schemaVersion(this.db),
      createdAt: created?.created_at ?? '',
      tasks: count('tasks'),
      versions: count('versions'),
      jobs: count('jobs')
    }
  }

  ensureSettings(patch: SettingsPatch, defaultName: string): void {
    return this.settings.ensureSettings(patch, defaultName)
  }

  getSettings(): WorkspaceSettings {
    return this.settings.getSettings()
  }

  updateSettings(patch: SettingsPatch, actor = 'system'): WorkspaceSettings {
    return this.settings.updateSettings(patch, actor)
  }

  putArtifact(bytes: Uint8Array, kind: ArtifactKind = 'other'): string {
    return this.artifactRecords.putArtifact(bytes, kind)
  }

  getArtifact(hash: string): Uint8Array {
    return this.artifactRecords.getArtifact(hash)
  }

  hasArtifact(hash: string): boolean {
    return this.artifactRecords.hasArtifact(hash)
  }

  putTensors(records: TensorRecord[], kind: ArtifactKind = 'snapshot', meta: Record<string, unknown> = {}): string {
    return this.artifactRecords.putTensors(records, kind, meta)
  }

  getTensors(hash: string): TensorRecord[] {
    return this.artifactRecords.getTensors(hash)
  }

  getTensorFile(hash: string): { records: TensorRecord[]; meta: Record<string, unknown> } {
    return this.artifactRecords.getTensorFile(hash)
  }

  verifyArtifacts(): ArtifactCheck {
    return this.artifactRecords.verifyArtifacts()
  }

  collectGarbage(opts: { minAgeMs?: number } = {}): { removed: number; bytes: number } {
    return this.artifactRecords.collectGarbage(opts)
  }

  storageUse(): StorageUse {
    return this.artifactRecords.storageUse()
  }

  addTask(input: NewTask, actor = 'system'): TaskRecord {
    return this.tasks.addTask(input, actor)
  }

  listTasks(): TaskRecord[] {
    return this.tasks.listTasks()
  }

  getTask(idOrName: number | string): TaskRecord {
    return this.tasks.getTask(idOrName)
  }

  setTaskStatus(id: number, status: TaskStatus): TaskRecord {
    return this.tasks.setTaskStatus(id, status)
  }

  removeTask(id: number, actor = 'system'): void {
    return this.tasks.removeTask(id, actor)
  }

  loadTaskData(id: number): TaskData {
    return this.tasks.loadTaskData(id)
  }

  dropTrainingData(id: number, actor = 'system'): TaskRecord {
    return this.tasks.dropTrainingData(id, actor)
  }

  createJob(input: { kind: string; args: unknown; taskId?: number | null }): JobRecord {
    return this.jobs.createJob(input)
  }

  updateJob(id: number, patch: JobPatch): JobRecord {
    return this.jobs.updateJob(id, patch)
  }

  getJob(id: number): JobRecord {
    return this.jobs.getJob(id)
  }

  listJobs(
    filter: { status?: JobStatus | JobStatus[]; kind?: string; taskId?: number; limit?: number } = {}
  ): JobRecord[] {
    return this.jobs.listJobs(filter)
  }

  markInterruptedJobs(): JobRecord[] {
    return this.jobs.markInterruptedJobs()
  }

  createVersion(input: NewVersion): VersionRecord {
    return this.versions.createVersion(input)
  }

  listVersions(filter: { taskId?: number; status?: VersionStatus } = {}): VersionRecord[] {
    return this.versions.listVersions(filter)
  }

  getVersion(id: number): VersionRecord {
    return this.versions.getVersion(id)
  }

  setVersionStatus(id: number, status: VersionStatus, from?: VersionStatus): VersionRecord {
    return this.versions.setVersionStatus(id, status, from)
  }

  activeVersion(): VersionRecord | null {
    return this.versions.activeVersion()
  }

  recordBaselineRun(input: NewBaselineRun): BaselineRunRecord {
    return this.baselineRuns.recordBaselineRun(input)
  }

  listBaselineRuns(filter: { lineageVersionId?: number; jobId?: number } = {}): BaselineRunRecord[] {
    return this.baselineRuns.listBaselineRuns(filter)
  }

  recordEvaluation(input: NewEvaluation): EvaluationRecord {
    return this.evaluations.recordEvaluation(input)
  }

  listEvaluations(
    filter: { versionId?: number; taskId?: number; kind?: 'accuracy' | 'transfer' } = {}
  ): EvaluationRecord[] {
    return this.evaluations.listEvaluations(filter)
  }

  recordApproval(input: NewApproval): ApprovalRecord {
    return this.approvals.recordApproval(input)
  }

  listApprovals(filter: { versionId?: number } = {}): ApprovalRecord[] {
    return this.approvals.listApprovals(filter)
  }

  recordReport(input: NewReport): ReportRecord {
    return this.reports.recordReport(input)
  }

  listReports(): ReportRecord[] {
    return this.reports.listReports()
  }

  appendAudit(input: NewAuditEntry): AuditEntry {
    return this.audit.appendAudit(input)
  }

  listAudit(filter: { limit?: number; action?: string; subject?: string } = {}): AuditEntry[] {
    return this.audit.listAudit(filter)
  }

  assertAuditSound(what: string): void {
    this.audit.assertAuditSound(what)
  }

  auditOpenOnFirstWrite(entry: { actor: string; action: string; subject: string }): void {
    this.audit.auditOpenOnFirstWrite(entry)
  }

  verifyAudit(): AuditVerification {
    return this.audit.verifyAudit()
  }

  forgetLostArtifact(hash: string): string[] {
    return this.maintenance.forgetLostArtifact(hash)
  }

  backup(): Promise<BackupInfo> {
    return this.maintenance.backup()
  }

  mirrorArtifacts(): number {
    return this.maintenance.mirrorArtifacts()
  }

  listBackups(): BackupInfo[] {
    return this.maintenance.listBackups()
  }

  check(): IntegrityReport {
    return this.maintenance.check()
  }
}
