/** What `check` and `repair` report about a workspace on disk: artifacts, backups, storage. */
import type { AuditVerification, RegistryVerification } from './records'

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
  /** Null when the database or the audit chain cannot be trusted enough to compare against. */
  registry: RegistryVerification | null
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
