import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { KeizokuError } from '../shared/errors'
import type { OpenOptions, Workspace } from '../shared/domain/records'
import { listBackups } from './backups'
import { openSqlite, type SqlDatabase } from './db'
import { ARTIFACTS_DIR, BACKUPS_DIR, DB_FILE, repairHint, sqliteHeaderProblem } from './layout'
import { APPLICATION_ID, migrate } from './migrations'
import { SqliteWorkspace } from './workspace'
import { acquireWorkspaceLock } from './lock'

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
  if (lock?.first) {
    ws.artifacts.collectTmp()
    ws.mirror.collectTmp()
  }
  try {
    if (lock) ws.ensureSettings(opts.settings ?? {}, basename(abs))
    if (lock) ws.sealOnFirstWrite()
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
