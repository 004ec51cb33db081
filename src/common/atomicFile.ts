import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * The one way Keizoku replaces a file: write a temp file, fsync it, rename it over the target,
 * fsync the folder. A reader — or the same program after a crash or power loss — sees either
 * the old file or the whole new one, never a part. Workspace artifacts and backups, files the
 * user asked for (reports, exported models, bench results), the recent-workspaces list and the
 * MNIST cache all go through here.
 */

/**
 * fsync a directory so a rename or a new entry in it survives power loss. Windows cannot open
 * directories for fsync (EPERM/EISDIR); there NTFS journals the metadata and we skip it.
 */
export function fsyncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code !== 'EPERM' && code !== 'EISDIR' && code !== 'EINVAL') throw err
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Moves a finished temp file into place: fsync it, rename it to `path`, fsync the folder.
 * For temp files something else wrote (SQLite's backup API, a copy).
 */
export function commitTempFile(tmp: string, path: string): void {
  fsyncFile(tmp)
  renameSync(tmp, path)
  fsyncDir(dirname(path))
}

export interface AtomicWriteOptions {
  /** Where the temp file goes (same file system as `path`); default its folder. */
  tmpDir?: string
  /** Create missing parent folders first. */
  mkdir?: boolean
  /** false: skip the fsyncs (a cache that is rebuilt when lost); still never half written. */
  durable?: boolean
}

/** Writes `data` to `path` atomically (and durably unless told otherwise); on failure no temp file is left. */
export function writeFileAtomic(path: string, data: Uint8Array | string, opts: AtomicWriteOptions = {}): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  const durable = opts.durable ?? true
  if (opts.mkdir) mkdirSync(dirname(path), { recursive: true })
  const tmp = join(
    opts.tmpDir ?? dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  )
  let fd: number | null = null
  try {
    fd = openSync(tmp, 'wx', 0o644)
    let off = 0
    while (off < bytes.byteLength) off += writeSync(fd, bytes, off, bytes.byteLength - off)
    if (durable) fsyncSync(fd)
    closeSync(fd)
    fd = null
    renameSync(tmp, path)
  } catch (err) {
    if (fd !== null) closeSync(fd)
    try {
      rmSync(tmp, { force: true })
    } catch {
      // Nothing was created there (e.g. the parent is not a folder).
    }
    throw err
  }
  if (durable) fsyncDir(dirname(path))
}
