import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { TaskData } from '../shared/dataset'
import { KeizokuError, type ErrorInfo } from '../shared/errors'
import type { TensorRecord } from '../engine/types'
import type {
  ApprovalRecord,
  ArtifactCheck,
  ArtifactKind,
  AuditEntry,
  AuditVerification,
  BackupInfo,
  EvaluationRecord,
  IntegrityReport,
  JobPatch,
  JobRecord,
  JobStatus,
  NewTask,
  NewVersion,
  OpenOptions,
  ReportRecord,
  SettingsPatch,
  StorageUse,
  TaskRecord,
  TaskStatus,
  VersionRecord,
  VersionStatus,
  Workspace,
  WorkspaceInfo,
  WorkspaceSettings
} from './types'
import { ArtifactStore } from './artifactStore'
import { auditHash } from './audit'
import { openSqlite, type SqlDatabase, type SqlValue } from './db'
import { createBackup, listBackups } from './backups'
import { collectReferences, verifyArtifactFiles } from './artifactCheck'
import { decodeLabelledSet, emptySet, encodeLabelledSet } from './labelledSetFile'
import { APPLICATION_ID, migrate, schemaVersion } from './migrations'
import { DEFAULT_SETTINGS, mergeSettings, settingsFromJson } from './settings'
import { decodeTensorFile, encodeTensorFile } from './tensorFile'
import { acquireWorkspaceLock, type WorkspaceLock } from './lock'

export const DB_FILE = 'keizoku.db'
export const ARTIFACTS_DIR = 'artifacts'
export const BACKUPS_DIR = 'backups'
const SQLITE_HEADER = 'SQLite format 3\u0000'

/** True when DIR holds a keizoku.db. */
export function workspaceExists(dir: string): boolean {
  return existsSync(join(dir, DB_FILE))
}

function now(): string {
  return new Date().toISOString()
}

function parseJson<T>(text: string | null): T {
  return (text === null ? null : JSON.parse(text)) as T
}

function json(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value)
}

/** The hint every "damaged database" error carries: repair when a backup exists. */
export function repairHint(dir: string): string {
  const backups = listBackups(join(dir, BACKUPS_DIR))
  if (backups.length > 0) {
    return `Run \`keizoku check ${dir} --repair\` to restore the latest backup (${backups[0].createdAt}).`
  }
  return `No backup exists in ${join(dir, BACKUPS_DIR)}; restore the folder from your own backup.`
}

/** Reads the first 16 bytes; explains what the file is when it is not SQLite. */
function sqliteHeaderProblem(dbPath: string): string | null {
  const size = statSync(dbPath).size
  if (size === 0) return `${dbPath} is empty (0 bytes)`
  const fd = openSync(dbPath, 'r')
  try {
    const buf = Buffer.alloc(16)
    const n = readSync(fd, buf, 0, 16, 0)
    if (n < 16 || buf.toString('latin1') !== SQLITE_HEADER) {
      return `${dbPath} is not a SQLite database (its first bytes are not the SQLite header; size ${size} bytes)`
    }
  } finally {
    closeSync(fd)
  }
  if (size < 512) return `${dbPath} is truncated (${size} bytes)`
  return null
}

/**
 * Open the SQLite file, set the pragmas, quick_check, check it is ours, migrate. Any SQLite
 * failure becomes a 'corrupt' KeizokuError naming the file and the way out.
 */
export function openRegistry(dir: string, create: boolean): SqlDatabase {
  const dbPath = join(dir, DB_FILE)
  const isNew = !existsSync(dbPath)
  if (!isNew) {
    const problem = sqliteHeaderProblem(dbPath)
    if (problem)
      throw new KeizokuError('corrupt', `The workspace database is damaged: ${problem}.`, { hint: repairHint(dir) })
  }
  let db: SqlDatabase | undefined
  try {
    db = openSqlite(dbPath, { fileMustExist: !create })
    db.pragma('busy_timeout = 5000')
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    // A workspace folder may come from someone else: never run SQL functions a schema names.
    db.pragma('trusted_schema = OFF')
    if (!isNew) {
      const messages = db.pragma('quick_check').map((r) => String(Object.values(r)[0]))
      if (messages.length !== 1 || messages[0] !== 'ok') {
        throw new KeizokuError(
          'corrupt',
          `The workspace database ${dbPath} is damaged: ${messages.slice(0, 3).join('; ')}.`,
          {
            hint: repairHint(dir)
          }
        )
      }
      const appId = Number(db.pragma('application_id')[0]?.application_id ?? 0)
      const hasTables = (db.get<{ n: number }>('SELECT count(*) AS n FROM sqlite_master')?.n ?? 0) > 0
      if (appId !== APPLICATION_ID && (appId !== 0 || hasTables)) {
        throw new KeizokuError('not_found', `${dbPath} is a SQLite database, but not a Keizoku workspace.`, {
          hint: 'Choose the folder of a Keizoku workspace, or create one with `keizoku init DIR`.'
        })
      }
    }
    migrate(db)
    return db
  } catch (err) {
    db?.close()
    if (err instanceof KeizokuError && err.code === 'corrupt') {
      throw new KeizokuError('corrupt', err.message, { hint: repairHint(dir), detail: err.detail })
    }
    if (err instanceof KeizokuError) throw err
    const msg = err instanceof Error ? err.message : String(err)
    throw new KeizokuError('corrupt', `The workspace database ${dbPath} cannot be read: ${msg}.`, {
      hint: repairHint(dir),
      detail: err instanceof Error ? err.stack : undefined
    })
  }
}

/**
 * Open (or create) the workspace in DIR. See index.ts for the errors. Runs markInterruptedJobs
 * so a run left 'running' by a process that died shows as 'interrupted'.
 */
export function openWorkspace(dir: string, opts: OpenOptions = {}): Workspace {
  return openSqliteWorkspace(dir, opts)
}

/** openWorkspace with the implementation type, for integrity/repair code in this folder. */
export function openSqliteWorkspace(dir: string, opts: OpenOptions = {}): SqliteWorkspace {
  const abs = resolve(dir)
  const dbPath = join(abs, DB_FILE)
  let created = false
  if (!existsSync(dbPath)) {
    const backups = listBackups(join(abs, BACKUPS_DIR))
    if (backups.length > 0) {
      throw new KeizokuError('corrupt', `The workspace database ${dbPath} is missing, but backups exist.`, {
        hint: repairHint(abs)
      })
    }
    if (!opts.create) {
      if (!existsSync(abs)) {
        throw new KeizokuError('not_found', `No workspace at ${abs}: the folder does not exist.`, {
          hint: 'Create one with `keizoku init DIR`, or choose an existing workspace folder.'
        })
      }
      throw new KeizokuError('not_found', `${abs} is not a Keizoku workspace (it has no ${DB_FILE}).`, {
        hint: 'Choose the folder you created with `keizoku init`, or create one with `keizoku init DIR`.'
      })
    }
    if (existsSync(abs)) {
      if (!statSync(abs).isDirectory()) {
        throw new KeizokuError('conflict', `${abs} exists and is not a folder.`, {
          hint: 'Choose a new or empty folder.'
        })
      }
      const entries = readdirSync(abs).filter((e) => !e.startsWith('.'))
      if (entries.length > 0) {
        throw new KeizokuError(
          'conflict',
          `${abs} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}).`,
          {
            hint: 'Create the workspace in a new or empty folder so its files are not mixed with others.'
          }
        )
      }
    }
    mkdirSync(join(abs, ARTIFACTS_DIR, 'tmp'), { recursive: true })
    mkdirSync(join(abs, BACKUPS_DIR), { recursive: true })
    created = true
  }
  // The owner lock comes before the database: no other process may write while this one opens.
  const lock = opts.shared ? null : acquireWorkspaceLock(abs)
  let db: SqlDatabase
  try {
    db = openRegistry(abs, created)
  } catch (err) {
    lock?.release()
    throw err
  }
  const ws = new SqliteWorkspace(abs, db, lock)
  try {
    if (lock) ws.ensureSettings(opts.settings ?? {}, basename(abs))
    ws.markInterruptedJobs()
    if (opts.actor && lock) {
      // An open is recorded with the first change it leads to: a command that only reads, or
      // refuses its input, leaves the database as it was.
      if (created) ws.appendAudit({ actor: opts.actor, action: 'workspace.created', subject: abs })
      else ws.auditOpenOnFirstWrite({ actor: opts.actor, action: 'workspace.opened', subject: abs })
    }
  } catch (err) {
    ws.close()
    throw err
  }
  return ws
}

// ───────────────────────────── row types ─────────────────────────────

interface TaskRow {
  id: number
  seq: number
  name: string
  status: string
  keep_train: number
  created_at: string
  updated_at: string
  source_json: string
  source_hash: string
  schema_json: string
  input_shape_json: string
  class_names_json: string
  class_counts_json: string
  stats_json: string | null
  holdout_json: string
  n_train: number
  n_test: number
  train_hash: string | null
  test_hash: string | null
  train_bytes: number
  test_bytes: number
  train_dropped_at: string | null
}

interface JobRow {
  id: number
  kind: string
  args_json: string
  task_id: number | null
  status: string
  progress_json: string | null
  error_json: string | null
  result_json: string | null
  checkpoint_hash: string | null
  pid: number | null
  created_at: string
  started_at: string | null
  finished_at: string | null
  updated_at: string
}

interface VersionRow {
  id: number
  task_id: number
  parent_id: number | null
  job_id: number | null
  status: string
  snapshot_hash: string
  method: string
  config_json: string
  seed: number
  backend: string
  metrics_json: string
  accuracy_row_json: string
  transfer_row_json: string
  drift_json: string | null
  timings_json: string
  created_at: string
  updated_at: string
}

interface AuditRow {
  id: number
  at: string
  actor: string
  action: string
  subject: string
  details_json: string
  prev_hash: string
  hash: string
}

const TASK_SELECT = `SELECT t.id, t.seq, t.name, t.status, t.keep_train, t.created_at, t.updated_at,
  d.source_json, d.source_hash, d.schema_json, d.input_shape_json, d.class_names_json, d.class_counts_json,
  d.stats_json, d.holdout_json, d.n_train, d.n_test, d.train_hash, d.test_hash, d.train_bytes, d.test_bytes,
  d.train_dropped_at
  FROM tasks t JOIN datasets d ON d.task_id = t.id`

function toTask(r: TaskRow): TaskRecord {
  return {
    id: r.id,
    seq: r.seq,
    name: r.name,
    status: r.status as TaskStatus,
    inputShape: parseJson(r.input_shape_json),
    numClasses: parseJson<string[]>(r.class_names_json).length,
    classNames: parseJson(r.class_names_json),
    nTrain: r.n_train,
    nTest: r.n_test,
    keepTrain: r.keep_train === 1,
    trainHash: r.train_hash,
    testHash: r.test_hash,
    trainBytes: r.train_bytes,
    testBytes: r.test_bytes,
    trainDroppedAt: r.train_dropped_at,
    source: parseJson(r.source_json),
    sourceHash: r.source_hash,
    schema: parseJson(r.schema_json),
    classCounts: parseJson(r.class_counts_json),
    stats: parseJson(r.stats_json),
    holdout: parseJson(r.holdout_json),
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}

function toJob(r: JobRow): JobRecord {
  return {
    id: r.id,
    kind: r.kind,
    args: parseJson(r.args_json),
    taskId: r.task_id,
    status: r.status as JobStatus,
    progress: parseJson(r.progress_json),
    error: parseJson<ErrorInfo | null>(r.error_json),
    result: parseJson(r.result_json),
    checkpointHash: r.checkpoint_hash,
    pid: r.pid,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at
  }
}

function toVersion(r: VersionRow): VersionRecord {
  return {
    id: r.id,
    taskId: r.task_id,
    parentId: r.parent_id,
    jobId: r.job_id,
    status: r.status as VersionStatus,
    snapshotHash: r.snapshot_hash,
    method: r.method,
    config: parseJson(r.config_json),
    seed: r.seed,
    backend: r.backend,
    metrics: parseJson(r.metrics_json),
    accuracyRow: parseJson(r.accuracy_row_json),
    transferRow: parseJson(r.transfer_row_json),
    drift: parseJson(r.drift_json),
    timings: parseJson(r.timings_json),
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}

function toAudit(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    details: parseJson(r.details_json),
    prevHash: r.prev_hash,
    hash: r.hash
  }
}

const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']
const TASK_STATUSES: readonly TaskStatus[] = ['registered', 'learning', 'candidate', 'learned', 'failed', 'retired']
const VERSION_STATUSES: readonly VersionStatus[] = ['candidate', 'active', 'rejected', 'superseded']
const ARTIFACT_KINDS: readonly ArtifactKind[] = [
  'dataset-train',
  'dataset-test',
  'snapshot',
  'checkpoint',
  'report',
  'other'
]

function notFound(what: string, id: number | string): KeizokuError {
  return new KeizokuError('not_found', `No ${what} ${typeof id === 'string' ? `"${id}"` : id} in this workspace.`)
}

function assertOneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new KeizokuError('invalid_argument', `Unknown ${what} "${value}".`, {
      hint: `Use one of: ${allowed.join(', ')}.`
    })
  }
  return value as T
}

/** Where a given artifact hash is used (for refusing deletes and for check reports). */
function hashInUse(db: SqlDatabase, hash: string): boolean {
  const row = db.get<{ n: number }>(
    `SELECT (SELECT count(*) FROM datasets WHERE train_hash = ? OR test_hash = ?)
          + (SELECT count(*) FROM versions WHERE snapshot_hash = ?)
          + (SELECT count(*) FROM jobs WHERE checkpoint_hash = ?)
          + (SELECT count(*) FROM reports WHERE hash = ?) AS n`,
    ...Array<string>(5).fill(hash)
  )
  return (row?.n ?? 0) > 0
}

export class SqliteWorkspace implements Workspace {
  readonly dbPath: string
  readonly artifacts: ArtifactStore
  /** Second copy of every artifact, made at backup time: what `repair` restores damaged files from. */
  readonly mirror: ArtifactStore
  private closed = false
  private pendingOpen: { actor: string; action: string; subject: string } | null = null

  constructor(
    readonly dir: string,
    private readonly db: SqlDatabase,
    /** Null for a shared (read-only) handle: a job worker, or `check` while another process owns the folder. */
    private readonly lock: WorkspaceLock | null = null
  ) {
    this.dbPath = join(dir, DB_FILE)
    this.artifacts = new ArtifactStore(join(dir, ARTIFACTS_DIR))
    this.mirror = new ArtifactStore(join(dir, BACKUPS_DIR, ARTIFACTS_DIR))
  }

  /** Forget an artifact everywhere (live store and backup mirror): retention means gone. */
  private forgetArtifactFile(hash: string): void {
    this.artifacts.remove(hash)
    this.mirror.remove(hash)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.db.close()
    this.lock?.release()
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)
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

  // ───────────── settings ─────────────

  ensureSettings(patch: SettingsPatch, defaultName: string): void {
    const row = this.db.get<{ json: string }>('SELECT json FROM settings WHERE id = 1')
    if (row) return
    const settings = mergeSettings({ ...DEFAULT_SETTINGS, name: defaultName || DEFAULT_SETTINGS.name }, patch)
    const t = now()
    this.db.run(
      'INSERT OR IGNORE INTO settings (id, json, created_at, updated_at) VALUES (1, ?, ?, ?)',
      json(settings),
      t,
      t
    )
  }

  getSettings(): WorkspaceSettings {
    const row = this.db.get<{ json: string }>('SELECT json FROM settings WHERE id = 1')
    return row ? settingsFromJson(row.json) : { ...DEFAULT_SETTINGS }
  }

  updateSettings(patch: SettingsPatch, actor = 'system'): WorkspaceSettings {
    return this.transaction(() => {
      const next = mergeSettings(this.getSettings(), patch)
      this.db.run('UPDATE settings SET json = ?, updated_at = ? WHERE id = 1', json(next), now())
      this.appendAudit({ actor, action: 'settings.updated', subject: 'settings', details: { patch } })
      return next
    })
  }

  // ───────────── artifacts ─────────────

  private registerArtifact(hash: string, size: number, kind: ArtifactKind): void {
    this.db.run(
      'INSERT OR IGNORE INTO artifacts (hash, bytes, kind, created_at) VALUES (?, ?, ?, ?)',
      hash,
      size,
      kind,
      now()
    )
  }

  putArtifact(bytes: Uint8Array, kind: ArtifactKind = 'other'): string {
    assertOneOf(kind, ARTIFACT_KINDS, 'artifact kind')
    const { hash, size } = this.artifacts.write(bytes)
    this.registerArtifact(hash, size, kind)
    return hash
  }

  getArtifact(hash: string): Uint8Array {
    return this.artifacts.read(hash)
  }

  hasArtifact(hash: string): boolean {
    return this.artifacts.exists(hash)
  }

  putTensors(records: TensorRecord[], kind: ArtifactKind = 'snapshot', meta: Record<string, unknown> = {}): string {
    return this.putArtifact(encodeTensorFile(records, meta), kind)
  }

  getTensors(hash: string): TensorRecord[] {
    return this.getTensorFile(hash).records
  }

  getTensorFile(hash: string): { records: TensorRecord[]; meta: Record<string, unknown> } {
    const { records, meta } = decodeTensorFile(this.getArtifact(hash))
    return {
      meta,
      records: records.map((r) => ({
        name: r.name,
        shape: r.shape,
        data: r.data instanceof Float32Array ? r.data : Float32Array.from(r.data)
      }))
    }
  }

  verifyArtifacts(): ArtifactCheck {
    return verifyArtifactFiles(this.artifacts, collectReferences(this.db))
  }

  collectGarbage(opts: { minAgeMs?: number } = {}): { removed: number; bytes: number } {
    const cutoff = Date.now() - (opts.minAgeMs ?? 3_600_000)
    let removed = 0
    let bytes = 0
    const doomed: string[] = []
    this.transaction(() => {
      const rows = this.db.all<{ hash: string; bytes: number; created_at: string }>(
        'SELECT hash, bytes, created_at FROM artifacts'
      )
      for (const r of rows) {
        if (Date.parse(r.created_at) > cutoff || hashInUse(this.db, r.hash)) continue
        this.db.run('DELETE FROM artifacts WHERE hash = ?', r.hash)
        doomed.push(r.hash)
        bytes += r.bytes
      }
    })
    for (const h of doomed) this.forgetArtifactFile(h)
    removed += doomed.length
    // Files no row knows (a crash between the file write and the commit), and temp files.
    const known = new Set(collectReferences(this.db).keys())
    for (const store of [this.artifacts, this.mirror]) {
      const files = store.listFiles()
      for (const h of files.hashes) {
        const p = store.pathOf(h)
        if (known.has(h) || statSync(p).mtimeMs > cutoff) continue
        bytes += statSync(p).size
        store.remove(h)
        removed++
      }
      for (const t of files.temp) {
        if (statSync(t).mtimeMs > cutoff) continue
        bytes += statSync(t).size
        rmSync(t, { force: true })
        removed++
      }
    }
    return { removed, bytes }
  }

  storageUse(): StorageUse {
    const byKind = Object.fromEntries(ARTIFACT_KINDS.map((k) => [k, 0])) as Record<ArtifactKind, number>
    let total = 0
    // Count only artifacts still referenced (dropped training data no longer costs storage).
    for (const ref of collectReferences(this.db).values()) {
      const size = this.db.get<{ bytes: number; kind: string }>(
        'SELECT bytes, kind FROM artifacts WHERE hash = ?',
        ref.hash
      )
      if (!size) continue
      byKind[size.kind as ArtifactKind] = (byKind[size.kind as ArtifactKind] ?? 0) + size.bytes
      total += size.bytes
    }
    let databaseBytes = 0
    for (const f of [this.dbPath, `${this.dbPath}-wal`]) if (existsSync(f)) databaseBytes += statSync(f).size
    return { databaseBytes, artifactBytes: total, byKind }
  }

  // ───────────── tasks ─────────────

  addTask(input: NewTask, actor = 'system'): TaskRecord {
    const name = input.name.trim()
    if (name.length === 0 || name.length > 100) {
      throw new KeizokuError('invalid_argument', 'A task name must have 1 to 100 characters.', {
        hint: 'Choose a short, distinct name, e.g. "Line 3, March".'
      })
    }
    const ds = input.dataset
    const { train, test } = ds.data
    const existing = this.db.get<{ id: number }>('SELECT id FROM tasks WHERE name = ?', name)
    if (existing) {
      throw new KeizokuError('conflict', `A task named "${name}" already exists (task ${existing.id}).`, {
        hint: 'Choose another name.'
      })
    }
    const first = this.listTasks()[0]
    if (first && !sameShape(first.inputShape, train.inputShape)) {
      throw new KeizokuError(
        'refused',
        `The data has input shape [${train.inputShape.join(', ')}], but this workspace's tasks have [${first.inputShape.join(', ')}] (task "${first.name}").`,
        {
          hint: 'One hypernetwork serves every task, so all tasks need the same input: pick the same feature columns or image size.'
        }
      )
    }
    if (train.numClasses !== ds.data.classNames.length) {
      throw new KeizokuError(
        'invalid_argument',
        `The dataset has ${ds.data.classNames.length} class names but numClasses ${train.numClasses}.`
      )
    }
    // Files first (durable), rows after: a crash in between leaves only an unreferenced file.
    const trainFile = train.n > 0 ? this.artifacts.write(encodeLabelledSet(train)) : null
    const testFile = test.n > 0 ? this.artifacts.write(encodeLabelledSet(test)) : null
    return this.transaction(() => {
      const t = now()
      const seq = (this.db.get<{ s: number | null }>('SELECT max(seq) AS s FROM tasks')?.s ?? 0) + 1
      const { lastInsertRowid: id } = this.db.run(
        'INSERT INTO tasks (seq, name, status, keep_train, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        seq,
        name,
        'registered',
        input.keepTrain === false ? 0 : 1,
        t,
        t
      )
      if (trainFile) this.registerArtifact(trainFile.hash, trainFile.size, 'dataset-train')
      if (testFile) this.registerArtifact(testFile.hash, testFile.size, 'dataset-test')
      this.db.run(
        `INSERT INTO datasets (task_id, source_json, source_hash, schema_json, input_shape_json, class_names_json,
           class_counts_json, stats_json, holdout_json, n_train, n_test, train_hash, test_hash, train_bytes, test_bytes,
           created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        json(ds.source),
        ds.sourceHash,
        json(ds.schema),
        json(train.inputShape),
        json(ds.data.classNames),
        json(ds.classCounts),
        ds.stats ? json(ds.stats) : null,
        json(ds.holdout),
        train.n,
        test.n,
        trainFile?.hash ?? null,
        testFile?.hash ?? null,
        trainFile?.size ?? 0,
        testFile?.size ?? 0,
        t
      )
      this.appendAudit({
        actor,
        action: 'task.added',
        subject: `task:${id}`,
        details: {
          name,
          seq,
          source: ds.source,
          nTrain: train.n,
          nTest: test.n,
          classes: ds.data.classNames.length,
          inputShape: train.inputShape,
          trainHash: trainFile?.hash ?? null,
          testHash: testFile?.hash ?? null
        }
      })
      return this.getTask(id)
    })
  }

  listTasks(): TaskRecord[] {
    return this.db.all<TaskRow>(`${TASK_SELECT} ORDER BY t.seq`).map(toTask)
  }

  getTask(idOrName: number | string): TaskRecord {
    const row =
      typeof idOrName === 'number'
        ? this.db.get<TaskRow>(`${TASK_SELECT} WHERE t.id = ?`, idOrName)
        : this.db.get<TaskRow>(`${TASK_SELECT} WHERE t.name = ?`, idOrName)
    if (!row) throw notFound('task', idOrName)
    return toTask(row)
  }

  setTaskStatus(id: number, status: TaskStatus): TaskRecord {
    assertOneOf(status, TASK_STATUSES, 'task status')
    const r = this.db.run('UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?', status, now(), id)
    if (r.changes === 0) throw notFound('task', id)
    return this.getTask(id)
  }

  removeTask(id: number, actor = 'system'): void {
    const freed: string[] = []
    this.transaction(() => {
      const task = this.getTask(id)
      const refs = this.db.get<{ jobs: number; versions: number; evaluations: number }>(
        `SELECT (SELECT count(*) FROM jobs WHERE task_id = ?) AS jobs,
                (SELECT count(*) FROM versions WHERE task_id = ?) AS versions,
                (SELECT count(*) FROM evaluations WHERE task_id = ?) AS evaluations`,
        id,
        id,
        id
      )
      if (refs && refs.jobs + refs.versions + refs.evaluations > 0) {
        throw new KeizokuError(
          'conflict',
          `Task "${task.name}" cannot be removed: ${refs.jobs} job(s), ${refs.versions} model version(s) and ${refs.evaluations} evaluation(s) refer to it.`,
          { hint: 'Only a task that was never trained or evaluated can be removed.' }
        )
      }
      this.db.run('DELETE FROM datasets WHERE task_id = ?', id)
      this.db.run('DELETE FROM tasks WHERE id = ?', id)
      for (const h of [task.trainHash, task.testHash]) {
        if (h && !hashInUse(this.db, h)) {
          this.db.run('DELETE FROM artifacts WHERE hash = ?', h)
          freed.push(h)
        }
      }
      this.appendAudit({
        actor,
        action: 'task.removed',
        subject: `task:${id}`,
        details: { name: task.name, seq: task.seq }
      })
    })
    for (const h of freed) this.forgetArtifactFile(h)
  }

  loadTaskData(id: number): TaskData {
    const task = this.getTask(id)
    const what = (part: string): string => `${part} data of task ${task.id} ("${task.name}")`
    const train = task.trainHash
      ? decodeLabelledSet(this.artifacts.read(task.trainHash, what('training')))
      : emptySet(task.inputShape, task.numClasses)
    const test = task.testHash
      ? decodeLabelledSet(this.artifacts.read(task.testHash, what('holdout')))
      : emptySet(task.inputShape, task.numClasses)
    return { name: task.name, train, test, classNames: task.classNames }
  }

  dropTrainingData(id: number, actor = 'system'): TaskRecord {
    let freed: string | null = null
    const task = this.transaction(() => {
      const t = this.getTask(id)
      if (!t.trainHash) return t
      this.db.run('UPDATE datasets SET train_hash = NULL, train_dropped_at = ? WHERE task_id = ?', now(), id)
      this.db.run('UPDATE tasks SET updated_at = ? WHERE id = ?', now(), id)
      if (!hashInUse(this.db, t.trainHash)) {
        this.db.run('DELETE FROM artifacts WHERE hash = ?', t.trainHash)
        freed = t.trainHash
      }
      this.appendAudit({
        actor,
        action: 'task.training-data-dropped',
        subject: `task:${id}`,
        details: { name: t.name, hash: t.trainHash, bytes: t.trainBytes }
      })
      return this.getTask(id)
    })
    if (freed) this.forgetArtifactFile(freed)
    return task
  }

  // ───────────── jobs ─────────────

  createJob(input: { kind: string; args: unknown; taskId?: number | null }): JobRecord {
    const t = now()
    const { lastInsertRowid } = this.db.run(
      'INSERT INTO jobs (kind, args_json, task_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      input.kind,
      json(input.args),
      input.taskId ?? null,
      'queued',
      t,
      t
    )
    this.lock?.claimJob(lastInsertRowid)
    return this.getJob(lastInsertRowid)
  }

  updateJob(id: number, patch: JobPatch): JobRecord {
    return this.transaction(() => {
      const job = this.getJob(id)
      const sets: string[] = ['updated_at = ?']
      const params: SqlValue[] = [now()]
      const set = (col: string, v: SqlValue): void => {
        sets.push(`${col} = ?`)
        params.push(v)
      }
      if (patch.status !== undefined) {
        assertOneOf(patch.status, JOB_STATUSES, 'job status')
        set('status', patch.status)
        if (patch.status === 'running') {
          this.lock?.claimJob(id)
          set('pid', process.pid)
          if (patch.startedAt === undefined && !job.startedAt) set('started_at', now())
        }
        const terminal = patch.status === 'succeeded' || patch.status === 'failed' || patch.status === 'cancelled'
        if (terminal && patch.finishedAt === undefined) set('finished_at', now())
      }
      if (patch.progress !== undefined) set('progress_json', json(patch.progress))
      if (patch.error !== undefined) set('error_json', patch.error === null ? null : json(patch.error))
      if (patch.result !== undefined) set('result_json', json(patch.result))
      if (patch.checkpointHash !== undefined) set('checkpoint_hash', patch.checkpointHash)
      if (patch.startedAt !== undefined) set('started_at', patch.startedAt)
      if (patch.finishedAt !== undefined) set('finished_at', patch.finishedAt)
      this.db.run(`UPDATE jobs SET ${sets.join(', ')} WHERE id = ?`, ...params, id)
      return this.getJob(id)
    })
  }

  getJob(id: number): JobRecord {
    const row = this.db.get<JobRow>('SELECT * FROM jobs WHERE id = ?', id)
    if (!row) throw notFound('job', id)
    return toJob(row)
  }

  listJobs(
    filter: { status?: JobStatus | JobStatus[]; kind?: string; taskId?: number; limit?: number } = {}
  ): JobRecord[] {
    const where: string[] = []
    const params: SqlValue[] = []
    if (filter.status !== undefined) {
      const list = Array.isArray(filter.status) ? filter.status : [filter.status]
      where.push(`status IN (${list.map(() => '?').join(', ')})`)
      params.push(...list)
    }
    if (filter.kind !== undefined) {
      where.push('kind = ?')
      params.push(filter.kind)
    }
    if (filter.taskId !== undefined) {
      where.push('task_id = ?')
      params.push(filter.taskId)
    }
    const sql = `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id${
      filter.limit ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : ''
    }`
    return this.db.all<JobRow>(sql, ...params).map(toJob)
  }

  /**
   * Unfinished (queued or running) jobs that this process does not run are dead: this process
   * holds the workspace lock, so no other live process can be running them. Needs no PID, so a
   * reused PID cannot keep a dead job "running".
   */
  markInterruptedJobs(): JobRecord[] {
    const lock = this.lock
    if (!lock) return []
    return this.transaction(() => {
      const dead = this.db
        .all<JobRow>("SELECT * FROM jobs WHERE status IN ('queued', 'running')")
        .filter((r) => !lock.ownsJob(r.id))
      for (const r of dead) {
        this.db.run(
          "UPDATE jobs SET status = 'interrupted', updated_at = ?, error_json = ? WHERE id = ?",
          now(),
          json({
            code: 'cancelled',
            message:
              r.status === 'queued'
                ? 'The process that queued this job stopped before it started.'
                : `The process (pid ${r.pid ?? '?'}) running this job stopped before it finished.`,
            hint: r.checkpoint_hash ? 'Resume it from its last checkpoint.' : 'Start it again.'
          } satisfies ErrorInfo),
          r.id
        )
      }
      return dead.map((r) => this.getJob(r.id))
    })
  }

  // ───────────── versions ─────────────

  createVersion(input: NewVersion): VersionRecord {
    const t = now()
    const { lastInsertRowid } = this.db.run(
      `INSERT INTO versions (task_id, parent_id, job_id, status, snapshot_hash, method, config_json, seed, backend,
         metrics_json, accuracy_row_json, transfer_row_json, drift_json, timings_json, created_at, updated_at)
       VALUES (?, ?, ?, 'candidate', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      input.taskId,
      input.parentId ?? null,
      input.jobId ?? null,
      input.snapshotHash,
      input.method,
      json(input.config),
      input.seed,
      input.backend,
      json(input.metrics ?? {}),
      json(input.accuracyRow ?? []),
      json(input.transferRow ?? []),
      input.drift ? json(input.drift) : null,
      json(input.timings ?? {}),
      t,
      t
    )
    return this.getVersion(lastInsertRowid)
  }

  listVersions(filter: { taskId?: number; status?: VersionStatus } = {}): VersionRecord[] {
    const where: string[] = []
    const params: SqlValue[] = []
    if (filter.taskId !== undefined) {
      where.push('task_id = ?')
      params.push(filter.taskId)
    }
    if (filter.status !== undefined) {
      where.push('status = ?')
      params.push(filter.status)
    }
    const sql = `SELECT * FROM versions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`
    return this.db.all<VersionRow>(sql, ...params).map(toVersion)
  }

  getVersion(id: number): VersionRecord {
    const row = this.db.get<VersionRow>('SELECT * FROM versions WHERE id = ?', id)
    if (!row) throw notFound('model version', id)
    return toVersion(row)
  }

  setVersionStatus(id: number, status: VersionStatus, from?: VersionStatus): VersionRecord {
    assertOneOf(status, VERSION_STATUSES, 'version status')
    return this.transaction(() => {
      const current = this.getVersion(id)
      // Compare-and-set: the status read here, inside the write lock, is the one replaced.
      if (from !== undefined && current.status !== from) {
        throw new KeizokuError('conflict', `Version ${id} is ${current.status} now, not ${from}: another decision was made first.`, {
          hint: 'Reload the versions list; nothing was changed.'
        })
      }
      const t = now()
      if (status === 'active') {
        this.db.run(
          "UPDATE versions SET status = 'superseded', updated_at = ? WHERE status = 'active' AND id <> ?",
          t,
          id
        )
      }
      this.db.run('UPDATE versions SET status = ?, updated_at = ? WHERE id = ?', status, t, id)
      return this.getVersion(id)
    })
  }

  activeVersion(): VersionRecord | null {
    const row = this.db.get<VersionRow>("SELECT * FROM versions WHERE status = 'active'")
    return row ? toVersion(row) : null
  }

  // ───────────── evaluations, approvals, reports ─────────────

  recordEvaluation(input: {
    versionId?: number | null
    taskId?: number | null
    kind: 'accuracy' | 'transfer'
    row: number[]
    taskIds: number[]
    details?: Record<string, unknown>
  }): EvaluationRecord {
    assertOneOf(input.kind, ['accuracy', 'transfer'] as const, 'evaluation kind')
    const { lastInsertRowid: id } = this.db.run(
      'INSERT INTO evaluations (version_id, task_id, kind, row_json, task_ids_json, details_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      input.versionId ?? null,
      input.taskId ?? null,
      input.kind,
      json(input.row),
      json(input.taskIds),
      json(input.details ?? {}),
      now()
    )
    return this.listEvaluations().find((e) => e.id === id) as EvaluationRecord
  }

  listEvaluations(
    filter: { versionId?: number; taskId?: number; kind?: 'accuracy' | 'transfer' } = {}
  ): EvaluationRecord[] {
    const where: string[] = []
    const params: SqlValue[] = []
    for (const [col, v] of [
      ['version_id', filter.versionId],
      ['task_id', filter.taskId],
      ['kind', filter.kind]
    ] as const) {
      if (v !== undefined) {
        where.push(`${col} = ?`)
        params.push(v)
      }
    }
    const rows = this.db.all<{
      id: number
      version_id: number | null
      task_id: number | null
      kind: string
      row_json: string
      task_ids_json: string
      details_json: string
      created_at: string
    }>(`SELECT * FROM evaluations ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`, ...params)
    return rows.map((r) => ({
      id: r.id,
      versionId: r.version_id,
      taskId: r.task_id,
      kind: r.kind as 'accuracy' | 'transfer',
      row: parseJson(r.row_json),
      taskIds: parseJson(r.task_ids_json),
      details: parseJson(r.details_json),
      createdAt: r.created_at
    }))
  }

  recordApproval(input: {
    versionId: number
    decision: ApprovalRecord['decision']
    by: string
    comment?: string
    policyResults?: unknown
  }): ApprovalRecord {
    assertOneOf(input.decision, ['approve', 'reject', 'rollback', 'override'] as const, 'approval decision')
    this.getVersion(input.versionId)
    const { lastInsertRowid: id } = this.db.run(
      'INSERT INTO approvals (version_id, decision, by, comment, policy_results_json, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      input.versionId,
      input.decision,
      input.by,
      input.comment ?? '',
      input.policyResults === undefined ? null : json(input.policyResults),
      now()
    )
    return this.listApprovals().find((a) => a.id === id) as ApprovalRecord
  }

  listApprovals(filter: { versionId?: number } = {}): ApprovalRecord[] {
    const rows = this.db.all<{
      id: number
      version_id: number
      decision: string
      by: string
      comment: string
      policy_results_json: string | null
      created_at: string
    }>(
      `SELECT * FROM approvals ${filter.versionId !== undefined ? 'WHERE version_id = ?' : ''} ORDER BY id`,
      ...(filter.versionId !== undefined ? [filter.versionId] : [])
    )
    return rows.map((r) => ({
      id: r.id,
      versionId: r.version_id,
      decision: r.decision as ApprovalRecord['decision'],
      by: r.by,
      comment: r.comment,
      policyResults: parseJson(r.policy_results_json),
      createdAt: r.created_at
    }))
  }

  recordReport(input: {
    kind: string
    format: string
    path?: string | null
    hash?: string | null
    versionId?: number | null
    details?: Record<string, unknown>
  }): ReportRecord {
    const { lastInsertRowid: id } = this.db.run(
      'INSERT INTO reports (kind, format, path, hash, version_id, details_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      input.kind,
      input.format,
      input.path ?? null,
      input.hash ?? null,
      input.versionId ?? null,
      json(input.details ?? {}),
      now()
    )
    return this.listReports().find((r) => r.id === id) as ReportRecord
  }

  listReports(): ReportRecord[] {
    const rows = this.db.all<{
      id: number
      kind: string
      format: string
      path: string | null
      hash: string | null
      version_id: number | null
      details_json: string
      created_at: string
    }>('SELECT * FROM reports ORDER BY id')
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      format: r.format,
      path: r.path,
      hash: r.hash,
      versionId: r.version_id,
      details: parseJson(r.details_json),
      createdAt: r.created_at
    }))
  }

  // ───────────── audit ─────────────

  auditOpenOnFirstWrite(entry: { actor: string; action: string; subject: string }): void {
    this.pendingOpen = entry
  }

  appendAudit(input: {
    actor: string
    action: string
    subject?: string
    details?: Record<string, unknown>
  }): AuditEntry {
    return this.transaction(() => {
      this.assertAuditSound(`Recording "${input.action}"`)
      const opened = this.pendingOpen
      if (opened) {
        this.pendingOpen = null
        this.appendAudit(opened)
      }
      const last = this.db.get<{ id: number; hash: string }>('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1')
      const content = {
        id: (last?.id ?? 0) + 1,
        at: now(),
        actor: input.actor,
        action: input.action,
        subject: input.subject ?? '',
        details: (JSON.parse(json(input.details ?? {})) as Record<string, unknown>) ?? {}
      }
      const prevHash = last?.hash ?? ''
      const hash = auditHash(prevHash, content)
      this.db.run(
        'INSERT INTO audit (id, at, actor, action, subject, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        content.id,
        content.at,
        content.actor,
        content.action,
        content.subject,
        json(content.details),
        prevHash,
        hash
      )
      return { ...content, prevHash, hash }
    })
  }

  listAudit(filter: { limit?: number; action?: string; subject?: string } = {}): AuditEntry[] {
    const where: string[] = []
    const params: SqlValue[] = []
    if (filter.action !== undefined) {
      where.push('action = ?')
      params.push(filter.action)
    }
    if (filter.subject !== undefined) {
      where.push('subject = ?')
      params.push(filter.subject)
    }
    const limit = filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : ''
    return this.db
      .all<AuditRow>(
        `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC${limit}`,
        ...params
      )
      .map(toAudit)
  }

  verifyAudit(): AuditVerification {
    return verifyAuditRows(this.db.all<AuditRow>('SELECT * FROM audit ORDER BY id'))
  }

  /**
   * Stops the line on a broken chain: every audited change (task add, train, approve, …) and
   * every backup checks it first, so an edited registry is neither built on nor copied over
   * the last sound backup.
   */
  assertAuditSound(what: string): void {
    const audit = this.verifyAudit()
    if (audit.ok) return
    throw new KeizokuError(
      'corrupt',
      `${what} is refused: the audit log of ${this.dir} is broken at entry ${audit.brokenAt} (${audit.reason}), so the registry may have been edited outside Keizoku.`,
      { hint: repairHint(this.dir) }
    )
  }

  // ───────────── integrity ─────────────

  /**
   * After a repair: rows pointing at an artifact that is gone for good stop pointing at it
   * (dataset sets become absent, job checkpoints are cleared). Returns what was changed.
   * Version snapshots cannot be dropped this way; they stay reported by check.
   */
  forgetLostArtifact(hash: string): string[] {
    const changed: string[] = []
    this.transaction(() => {
      const t = now()
      for (const d of this.db.all<{ task_id: number; name: string }>(
        'SELECT d.task_id, t.name FROM datasets d JOIN tasks t ON t.id = d.task_id WHERE d.train_hash = ?',
        hash
      )) {
        this.db.run('UPDATE datasets SET train_hash = NULL, train_dropped_at = ? WHERE task_id = ?', t, d.task_id)
        changed.push(`task ${d.task_id} ("${d.name}"): training data is gone, marked as dropped`)
      }
      for (const d of this.db.all<{ task_id: number; name: string }>(
        'SELECT d.task_id, t.name FROM datasets d JOIN tasks t ON t.id = d.task_id WHERE d.test_hash = ?',
        hash
      )) {
        this.db.run('UPDATE datasets SET test_hash = NULL, n_test = 0 WHERE task_id = ?', d.task_id)
        changed.push(`task ${d.task_id} ("${d.name}"): holdout data is gone, the task now has no holdout`)
      }
      for (const j of this.db.all<{ id: number }>('SELECT id FROM jobs WHERE checkpoint_hash = ?', hash)) {
        this.db.run('UPDATE jobs SET checkpoint_hash = NULL WHERE id = ?', j.id)
        changed.push(`job ${j.id}: checkpoint is gone, the job can only restart from the beginning`)
      }
      for (const r of this.db.all<{ id: number }>('SELECT id FROM reports WHERE hash = ?', hash)) {
        this.db.run('UPDATE reports SET hash = NULL WHERE id = ?', r.id)
        changed.push(`report ${r.id}: stored copy is gone`)
      }
      if (!hashInUse(this.db, hash)) this.db.run('DELETE FROM artifacts WHERE hash = ?', hash)
    })
    return changed
  }

  /**
   * Database backup, then copy every referenced artifact not yet in the mirror (verified
   * first: a damaged file is not copied; check reports it). Refused while the audit chain is
   * broken, so the backups kept are sound ones.
   */
  async backup(): Promise<BackupInfo> {
    this.assertAuditSound('A backup')
    const info = await createBackup(this.db, join(this.dir, BACKUPS_DIR))
    this.mirrorArtifacts()
    return info
  }

  mirrorArtifacts(): number {
    let copied = 0
    for (const hash of collectReferences(this.db).keys()) {
      if (this.mirror.exists(hash) || !this.artifacts.exists(hash)) continue
      let bytes: Uint8Array
      try {
        bytes = this.artifacts.read(hash)
      } catch {
        continue
      }
      this.mirror.write(bytes)
      copied++
    }
    return copied
  }

  listBackups(): BackupInfo[] {
    return listBackups(join(this.dir, BACKUPS_DIR))
  }

  check(): IntegrityReport {
    const messages = this.db.pragma('quick_check').map((r) => String(Object.values(r)[0]))
    const fk = this.db.pragma('foreign_key_check')
    const dbMessages = messages.length === 1 && messages[0] === 'ok' ? [] : messages
    for (const f of fk)
      dbMessages.push(`foreign key broken: ${String(f.table)} row ${String(f.rowid)} → ${String(f.parent)}`)
    const artifacts = this.verifyArtifacts()
    const audit = this.verifyAudit()
    return buildReport(
      this.dir,
      { ok: dbMessages.length === 0, messages: dbMessages },
      artifacts,
      audit,
      this.listBackups()
    )
  }
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

/** Walk the chain: each entry's prev_hash is the previous entry's hash, ids are consecutive, each hash recomputes. */
export function verifyAuditRows(rows: AuditRow[]): AuditVerification {
  let prevHash = ''
  let prevId = 0
  for (const r of rows) {
    if (r.id !== prevId + 1)
      return { ok: false, count: rows.length, brokenAt: r.id, reason: `entry ${prevId + 1} is missing` }
    if (r.prev_hash !== prevHash) {
      return { ok: false, count: rows.length, brokenAt: r.id, reason: `entry ${r.id} does not link to entry ${prevId}` }
    }
    let details: Record<string, unknown>
    try {
      details = JSON.parse(r.details_json) as Record<string, unknown>
    } catch {
      return { ok: false, count: rows.length, brokenAt: r.id, reason: `entry ${r.id} has unreadable details` }
    }
    const expected = auditHash(prevHash, {
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      details
    })
    if (expected !== r.hash) {
      return { ok: false, count: rows.length, brokenAt: r.id, reason: `entry ${r.id} was changed after it was written` }
    }
    prevHash = r.hash
    prevId = r.id
  }
  return { ok: true, count: rows.length }
}

export function buildReport(
  dir: string,
  database: { ok: boolean; messages: string[] },
  artifacts: ArtifactCheck | null,
  audit: AuditVerification | null,
  backups: BackupInfo[]
): IntegrityReport {
  const summary: string[] = []
  summary.push(
    database.ok ? 'database: ok (quick_check, foreign keys)' : `database: DAMAGED — ${database.messages.join('; ')}`
  )
  if (artifacts) {
    const bad = artifacts.problems
    summary.push(
      bad.length === 0
        ? `artifacts: ok (${artifacts.checked} checked)`
        : `artifacts: ${bad.length} of ${artifacts.checked} bad`
    )
    for (const p of bad)
      summary.push(`  ${p.problem} ${p.hash.slice(0, 12)}… used by ${p.referencedBy.join(', ')}: ${p.detail}`)
    if (artifacts.orphans.length > 0) {
      summary.push(`  ${artifacts.orphans.length} unreferenced file(s) (left by an interrupted write; harmless)`)
    }
  } else {
    summary.push('artifacts: not checked (the database cannot be read)')
  }
  if (audit) {
    summary.push(
      audit.ok
        ? `audit log: ok (${audit.count} entries, chain intact)`
        : `audit log: BROKEN at entry ${audit.brokenAt} — ${audit.reason}`
    )
  } else {
    summary.push('audit log: not checked (the database cannot be read)')
  }
  summary.push(backups.length > 0 ? `backups: ${backups.length}, latest ${backups[0].createdAt}` : 'backups: none yet')
  const ok = database.ok && !!artifacts && artifacts.problems.length === 0 && !!audit && audit.ok
  const report: IntegrityReport = { ok, dir, database, artifacts, audit, backups, summary }
  if (!ok) {
    report.hint =
      backups.length > 0
        ? `Run \`keizoku check ${dir} --repair\` to restore the latest backup (${backups[0].createdAt}); it reports what is lost.`
        : 'No backup exists to restore from; restore the folder from your own backup.'
  }
  return report
}
