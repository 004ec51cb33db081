import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { listBackups } from './backups'

/** The files of a workspace folder and the first checks on them, before the database is opened. */

export const DB_FILE = 'keizoku.db'

export const ARTIFACTS_DIR = 'artifacts'

export const BACKUPS_DIR = 'backups'

export const SQLITE_HEADER = 'SQLite format 3\u0000'

/** True when DIR holds a keizoku.db. */
export function workspaceExists(dir: string): boolean {
  return existsSync(join(dir, DB_FILE))
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
export function sqliteHeaderProblem(dbPath: string): string | null {
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
