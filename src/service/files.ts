import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { KeizokuError } from '../shared/errors'
import { say } from '../shared/messages'

/**
 * Writes a file the user asked for (a report, an exported model) so that a reader sees either
 * the old file or the whole new one: temp file in the same folder, fsync, rename, folder fsync.
 * Missing parent folders are created. (Files inside a workspace go through src/workspace.)
 */
export function writeFileAtomic(file: string, data: Uint8Array | string, what = 'the file'): void {
  const abs = resolve(file)
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  let fd: number | null = null
  try {
    mkdirSync(dirname(abs), { recursive: true })
    fd = openSync(tmp, 'wx', 0o644)
    let off = 0
    while (off < bytes.byteLength) off += writeSync(fd, bytes, off, bytes.byteLength - off)
    fsyncSync(fd)
    closeSync(fd)
    fd = null
    renameSync(tmp, abs)
  } catch (err) {
    if (fd !== null) closeSync(fd)
    try {
      rmSync(tmp, { force: true })
    } catch {
      // Nothing was created there (e.g. the parent is not a folder).
    }
    const e = err as NodeJS.ErrnoException
    throw new KeizokuError('unavailable', `Cannot write ${what} to ${abs}: ${e.message}.`, {
      hint: 'Choose a folder you can write to.',
      say: say('cannot_write', { path: abs, reason: e.message })
    })
  }
  try {
    const dfd = openSync(dirname(abs), 'r')
    try {
      fsyncSync(dfd)
    } finally {
      closeSync(dfd)
    }
  } catch {
    // Directory fsync is not supported everywhere (e.g. Windows); the rename is still atomic.
  }
}
