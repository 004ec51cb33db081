import type { ArtifactStore } from '../artifactStore'
import type { SqlDatabase } from '../db'
import type { WorkspaceLock } from '../lock'
import type { SealTracker } from '../registrySeal'

/** What every store of one open workspace shares: its folder, its database and its artifact files. */
export interface StoreContext {
  readonly dir: string
  readonly dbPath: string
  readonly db: SqlDatabase
  readonly artifacts: ArtifactStore
  /** Second copy of every artifact, made at backup time: what `repair` restores damaged files from. */
  readonly mirror: ArtifactStore
  transaction<T>(fn: () => T): T
  /** Registry rows written in the current transaction, for the seal of the next audit entry. */
  readonly seals: SealTracker
  /** Null for a shared (read-only) handle: a job worker, or `check` while another process owns the folder. */
  readonly lock: WorkspaceLock | null
}
