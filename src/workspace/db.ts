import Database from 'better-sqlite3'
import { sqliteNativeBinding } from './sqliteBinding'
import { KeizokuError } from '../shared/errors'

/** SQLite failures as KeizokuErrors that say what happened and what to do. */
export function translateSqlError(err: unknown, path: string): unknown {
  const code = (err as { code?: unknown }).code
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return err
  const msg = err instanceof Error ? err.message : String(err)
  const detail = err instanceof Error ? err.stack : undefined
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new KeizokuError(
      'not_found',
      `The registry refused the write: it refers to a task, version, job or artifact that does not exist (${msg}).`,
      { detail }
    )
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new KeizokuError('conflict', `The registry refused the write: ${msg}.`, { detail })
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new KeizokuError(
      'unavailable',
      `The workspace database ${path} is busy (another process holds a write lock).`,
      {
        hint: 'Try again in a moment; close other Keizoku windows using this workspace.',
        detail
      }
    )
  }
  if (code === 'SQLITE_FULL') {
    return new KeizokuError('unavailable', `The disk holding ${path} is full.`, {
      hint: 'Free some space and retry.',
      detail
    })
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new KeizokuError('corrupt', `The workspace database ${path} is damaged: ${msg}.`, {
      hint: 'Run `keizoku check DIR --repair` to restore the latest backup.',
      detail
    })
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
    return new KeizokuError('unavailable', `Cannot read or write ${path}: ${msg}.`, {
      hint: 'Check that the folder exists, is writable and the disk is mounted.',
      detail
    })
  }
  return err
}

/**
 * The small SQL surface the workspace uses, so the driver (better-sqlite3 today) can be
 * swapped for node:sqlite later without touching the registry code. Every call is synchronous
 * except backup.
 */
export type SqlValue = number | string | bigint | Uint8Array | null

export interface RunResult {
  changes: number
  lastInsertRowid: number
}

export interface SqlDatabase {
  readonly path: string
  readonly inTransaction: boolean
  exec(sql: string): void
  run(sql: string, ...params: SqlValue[]): RunResult
  get<T>(sql: string, ...params: SqlValue[]): T | undefined
  all<T>(sql: string, ...params: SqlValue[]): T[]
  /** BEGIN IMMEDIATE … COMMIT around fn (savepoint when already inside a transaction). */
  transaction<T>(fn: () => T): T
  /** `PRAGMA <source>`; returns the rows. */
  pragma(source: string): Array<Record<string, unknown>>
  /** Online, consistent copy of the whole database into `dest` (a new file). */
  backup(dest: string): Promise<void>
  close(): void
}

export interface SqlOpenOptions {
  readonly?: boolean
  /** Fail instead of creating an empty database file. */
  fileMustExist?: boolean
}

class BetterSqliteDatabase implements SqlDatabase {
  private readonly statements = new Map<string, Database.Statement<SqlValue[]>>()

  constructor(
    private readonly db: Database.Database,
    readonly path: string
  ) {}

  get inTransaction(): boolean {
    return this.db.inTransaction
  }

  private statement(sql: string): Database.Statement<SqlValue[]> {
    let s = this.statements.get(sql)
    if (!s) {
      s = this.db.prepare<SqlValue[]>(sql)
      this.statements.set(sql, s)
    }
    return s
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn()
    } catch (err) {
      throw translateSqlError(err, this.path)
    }
  }

  exec(sql: string): void {
    this.guard(() => this.db.exec(sql))
  }

  run(sql: string, ...params: SqlValue[]): RunResult {
    return this.guard(() => {
      const r = this.statement(sql).run(...params)
      return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) }
    })
  }

  get<T>(sql: string, ...params: SqlValue[]): T | undefined {
    return this.guard(() => this.statement(sql).get(...params) as T | undefined)
  }

  all<T>(sql: string, ...params: SqlValue[]): T[] {
    return this.guard(() => this.statement(sql).all(...params) as T[])
  }

  transaction<T>(fn: () => T): T {
    return this.guard(() => this.db.transaction(fn).immediate())
  }

  pragma(source: string): Array<Record<string, unknown>> {
    return this.guard(() => this.db.pragma(source) as Array<Record<string, unknown>>)
  }

  async backup(dest: string): Promise<void> {
    try {
      await this.db.backup(dest)
    } catch (err) {
      throw translateSqlError(err, this.path)
    }
  }

  close(): void {
    this.statements.clear()
    if (this.db.open) this.db.close()
  }
}

export function openSqlite(path: string, opts: SqlOpenOptions = {}): SqlDatabase {
  try {
    const db = new Database(path, {
      readonly: opts.readonly ?? false,
      fileMustExist: opts.fileMustExist ?? false,
      nativeBinding: sqliteNativeBinding()
    })
    return new BetterSqliteDatabase(db, path)
  } catch (err) {
    throw translateSqlError(err, path)
  }
}
