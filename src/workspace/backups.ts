import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupInfo } from '../shared/domain/records'
import { commitTempFile } from '../common/atomicFile'
import { openSqlite, type SqlDatabase } from './db'

/** How many database backups are kept; older ones are deleted after each new one. */
export const KEEP_BACKUPS = 3

const NAME_RE = /^keizoku-(\d{8})T(\d{6})(\d{3})Z(?:-(\d+))?\.db$/

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('.', '')
}

/** Backups in backupsDir, newest first. */
export function listBackups(backupsDir: string): BackupInfo[] {
  if (!existsSync(backupsDir)) return []
  const out: Array<BackupInfo & { key: string }> = []
  for (const f of readdirSync(backupsDir)) {
    const m = NAME_RE.exec(f)
    if (!m) continue
    const [, day, hms, ms, n] = m
    const createdAt = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${hms.slice(0, 2)}:${hms.slice(2, 4)}:${hms.slice(4, 6)}.${ms}Z`
    const path = join(backupsDir, f)
    out.push({ path, createdAt, bytes: statSync(path).size, key: `${day}${hms}${ms}-${(n ?? '0').padStart(6, '0')}` })
  }
  out.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
  return out.map(({ path, createdAt, bytes }) => ({ path, createdAt, bytes }))
}

/**
 * Online backup: SQLite's backup API copies a consistent snapshot while the database stays
 * usable; written to a temp name, fsynced, renamed, so a crash never leaves a half backup
 * under a backup's name. Keeps the newest KEEP_BACKUPS.
 */
export async function createBackup(db: SqlDatabase, backupsDir: string): Promise<BackupInfo> {
  mkdirSync(backupsDir, { recursive: true })
  for (const f of readdirSync(backupsDir)) if (f.endsWith('.tmp')) unlinkSync(join(backupsDir, f))
  const base = `keizoku-${stamp(new Date())}`
  let name = `${base}.db`
  for (let i = 1; existsSync(join(backupsDir, name)); i++) name = `${base}-${i}.db`
  const tmp = join(backupsDir, `.${name}.${process.pid}.tmp`)
  await db.backup(tmp)
  // A backup is a plain rollback-journal file, so reading it (check, repair) never creates
  // -wal/-shm files beside it; a restored copy is switched back to WAL when opened.
  const copy = openSqlite(tmp, { fileMustExist: true })
  copy.pragma('journal_mode = DELETE')
  copy.close()
  const path = join(backupsDir, name)
  commitTempFile(tmp, path)
  const all = listBackups(backupsDir)
  for (const old of all.slice(KEEP_BACKUPS)) {
    for (const f of [old.path, `${old.path}-wal`, `${old.path}-shm`]) if (existsSync(f)) unlinkSync(f)
  }
  return all.find((b) => b.path === path) as BackupInfo
}
