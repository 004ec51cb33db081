import { readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { KeizokuError } from '../shared/errors'
import { openSqlite, type SqlDatabase } from './db'

/** Held (an exclusive SQLite lock) by the one process that owns the workspace. */
export const LOCK_FILE = 'keizoku.lock'
/** Who holds the lock, for the refusal message only; the lock itself is the authority. */
export const OWNER_FILE = 'keizoku.owner'

/**
 * Why a SQLite lock and not a PID file: Node has no flock, and a PID file needs a stale check
 * that a reused PID (or two processes stealing at once) defeats. SQLite's `BEGIN EXCLUSIVE` on
 * a file of its own takes an OS lock (fcntl on POSIX, LockFileEx on Windows) that the kernel
 * drops when the process dies, however it dies, so there is no stale lock and no identity
 * to reuse. It is per process: every handle a process opens on one folder shares one lock.
 */
interface Held {
  db: SqlDatabase
  refs: number
  /** Jobs this process queued or runs here; any other unfinished job belongs to a dead process. */
  jobs: Set<number>
}

const held = new Map<string, Held>()

export interface WorkspaceLock {
  /** Records that this process runs the job (it is alive as long as the lock is held). */
  claimJob(id: number): void
  ownsJob(id: number): boolean
  /** True when this call took the OS lock: no other handle in any process is open, so half-written temp files are garbage. */
  readonly first: boolean
  release(): void
}

interface OwnerNote {
  pid: number
  host: string
  command: string
  since: string
}

function ownerText(dir: string): string {
  try {
    const o = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as OwnerNote
    return `process ${o.pid} on ${o.host} (${o.command}), since ${o.since}`
  } catch {
    return 'another process'
  }
}

function commandLine(): string {
  const args = process.argv.slice(1).map((a) => a.split(/[\\/]/).pop() ?? a)
  return args.join(' ').slice(0, 200) || 'node'
}

/** Takes the workspace's lock for this process, or refuses naming the process that holds it. */
export function acquireWorkspaceLock(dir: string): WorkspaceLock {
  let entry = held.get(dir)
  const first = !entry
  if (!entry) {
    const db = openSqlite(join(dir, LOCK_FILE))
    try {
      db.pragma('busy_timeout = 0')
      db.exec('BEGIN EXCLUSIVE')
    } catch (err) {
      db.close()
      if (err instanceof KeizokuError && err.code === 'unavailable') {
        throw new KeizokuError('conflict', `The workspace ${dir} is in use by ${ownerText(dir)}.`, {
          hint: 'One process works on a workspace at a time: close it there (quit the app, stop `keizoku serve`, or let the command finish), then try again.'
        })
      }
      throw err
    }
    const note: OwnerNote = { pid: process.pid, host: hostname(), command: commandLine(), since: new Date().toISOString() }
    try {
      writeFileSync(join(dir, OWNER_FILE), `${JSON.stringify(note)}\n`)
    } catch {
      // Only the refusal message of another process would lack our name.
    }
    entry = { db, refs: 0, jobs: new Set() }
    held.set(dir, entry)
  }
  entry.refs++
  const e = entry
  let released = false
  return {
    first,
    claimJob: (id) => void e.jobs.add(id),
    ownsJob: (id) => e.jobs.has(id),
    release: () => {
      if (released) return
      released = true
      if (--e.refs > 0) return
      held.delete(dir)
      e.db.close()
    }
  }
}
