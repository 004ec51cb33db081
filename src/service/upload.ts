import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs'
import { extname, join } from 'node:path'
import { IMPORTS_FOLDER, UPLOAD_NAME_MAX, type UploadResult } from '../shared/domain/upload'
import { KeizokuError } from '../shared/errors'
import { resolveUserPath } from './paths'

/** A body over the limit: the server answers 413 (and stops reading) rather than 400. */
export class UploadTooLarge extends KeizokuError {
  constructor(
    readonly limit: number,
    name: string
  ) {
    super('invalid_argument', `"${name.slice(0, 200)}" is larger than the upload limit of ${formatBytes(limit)}.`, {
      hint: `Copy larger files into the workspace root's ${IMPORTS_FOLDER} folder yourself and type their path.`
    })
  }
}

/** Sizes in kB / MB (powers of 1000), as the screens show them. */
export function formatBytes(n: number): string {
  return n >= 1_000_000 ? `${+(n / 1_000_000).toFixed(1)} MB` : `${+(n / 1000).toFixed(1)} kB`
}

/**
 * The name an upload is stored under. Refused outright (not repaired): anything that names a
 * folder — separators, `.` / `..`, a leading dot (hidden files), NUL or control characters — so
 * a crafted name can never steer the write. Other characters outside letters, digits, space,
 * `.`, `_`, `-`, `(`, `)` become `_`.
 */
export function uploadName(raw: string): string {
  const bad = (why: string): KeizokuError =>
    new KeizokuError('invalid_argument', `The file name "${raw.slice(0, 200)}" cannot be used: ${why}.`, {
      hint: 'Rename the file to a plain name such as "line-3.csv" and upload it again.'
    })
  if (raw.trim() === '') throw bad('it is empty')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw bad('it contains control characters')
  if (/[/\\]/.test(raw)) throw bad('it contains a folder separator')
  if (raw.startsWith('.')) throw bad('it starts with a dot')
  if (/^[a-zA-Z]:/.test(raw)) throw bad('it starts with a drive letter')
  const name = raw
    .normalize('NFC')
    .trim()
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
  if ([...name].length > UPLOAD_NAME_MAX) throw bad(`it is longer than ${UPLOAD_NAME_MAX} characters`)
  return name
}

/**
 * Streams an upload into `<root>/imports/`, counting bytes against `limit` as they arrive (a
 * wrong or missing Content-Length changes nothing). The bytes go to a hidden temporary file
 * first and are linked to their final name only when complete, so the wizard never sees half a
 * file and an existing file is never overwritten: a taken name gets " (2)", " (3)", … before
 * its extension.
 */
export async function saveUpload(
  root: string,
  rawName: string,
  body: AsyncIterable<Uint8Array>,
  limit: number
): Promise<UploadResult> {
  const name = uploadName(rawName)
  // The imports folder itself must stay inside the root, also through a symbolic link.
  const dir = resolveUserPath(IMPORTS_FOLDER, root, 'folder')
  mkdirSync(dir, { recursive: true })
  const tmp = join(dir, `.upload-${randomBytes(8).toString('hex')}.part`)
  const fd = openSync(tmp, 'wx', 0o644)
  let bytes = 0
  try {
    try {
      for await (const chunk of body) {
        bytes += chunk.byteLength
        if (bytes > limit) throw new UploadTooLarge(limit, name)
        let off = 0
        while (off < chunk.byteLength) off += writeSync(fd, chunk, off, chunk.byteLength - off)
      }
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    const stored = linkUnique(tmp, dir, name)
    return { path: `${IMPORTS_FOLDER}/${stored}`, name: stored, bytes }
  } finally {
    rmSync(tmp, { force: true })
  }
}

/** Hard-links `tmp` as `name` in `dir`, or as the first free "name (k).ext"; link never replaces a file. */
function linkUnique(tmp: string, dir: string, name: string): string {
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  for (let k = 1; k < 1000; k++) {
    const candidate = k === 1 ? name : `${stem} (${k})${ext}`
    try {
      linkSync(tmp, join(dir, candidate))
      return candidate
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
  throw new KeizokuError('conflict', `The ${IMPORTS_FOLDER} folder already holds 999 files named like "${name}".`, {
    hint: 'Remove old uploads from it, or rename the file.'
  })
}
