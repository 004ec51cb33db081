import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { KeizokuError } from '../shared/errors'
import { fsyncDir, writeFileAtomic } from '../common/atomicFile'

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

const HASH_RE = /^[0-9a-f]{64}$/

/**
 * Content-addressed files: artifacts/<first two hex>/<sha-256 hex>. A file's name is the
 * sha-256 of its bytes, so reading verifies it and writing the same bytes twice is a no-op.
 */
export class ArtifactStore {
  readonly tmpDir: string

  constructor(readonly root: string) {
    this.tmpDir = join(root, 'tmp')
  }

  ensureDirs(): void {
    mkdirSync(this.tmpDir, { recursive: true })
  }

  /**
   * Deletes what interrupted writes left in tmp/ (a write renames its file out of tmp/ before it
   * returns). Only for the process that just took the owner lock: nobody else can be writing.
   * Returns how many files were removed.
   */
  collectTmp(): number {
    if (!existsSync(this.tmpDir)) return 0
    let removed = 0
    for (const name of readdirSync(this.tmpDir)) {
      rmSync(join(this.tmpDir, name), { force: true, recursive: true })
      removed++
    }
    return removed
  }

  pathOf(hash: string): string {
    if (!HASH_RE.test(hash)) throw new KeizokuError('invalid_argument', `"${hash}" is not a sha-256 artifact hash.`)
    return join(this.root, hash.slice(0, 2), hash)
  }

  /** Durable before return. Returns the hash and the size in bytes. */
  write(bytes: Uint8Array): { hash: string; size: number } {
    const hash = sha256Hex(bytes)
    const path = this.pathOf(hash)
    // Already there and intact: nothing to do. A damaged copy (same name, other content) is replaced.
    if (existsSync(path) && statSync(path).size === bytes.length && sha256Hex(readFileSync(path)) === hash) {
      return { hash, size: bytes.length }
    }
    const sub = dirname(path)
    if (!existsSync(sub)) {
      mkdirSync(sub, { recursive: true })
      fsyncDir(this.root)
    }
    if (!existsSync(this.tmpDir)) mkdirSync(this.tmpDir, { recursive: true })
    writeFileAtomic(path, bytes, { tmpDir: this.tmpDir })
    return { hash, size: bytes.length }
  }

  exists(hash: string): boolean {
    return existsSync(this.pathOf(hash))
  }

  /** Reads and verifies the hash; missing or altered files throw 'corrupt'. */
  read(hash: string, what = `artifact ${hash.slice(0, 12)}…`): Uint8Array {
    const path = this.pathOf(hash)
    let bytes: Buffer
    try {
      bytes = readFileSync(path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new KeizokuError('corrupt', `The ${what} is missing: ${path} does not exist.`, {
          hint: 'Run `keizoku check DIR` for a full report; `keizoku check DIR --repair` restores the latest backup.'
        })
      }
      throw err
    }
    const actual = sha256Hex(bytes)
    if (actual !== hash) {
      throw new KeizokuError(
        'corrupt',
        `The ${what} is corrupt: ${path} has sha-256 ${actual.slice(0, 12)}…, expected ${hash.slice(0, 12)}….`,
        {
          hint: 'The file was changed or damaged on disk. Run `keizoku check DIR` for a full report.'
        }
      )
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** sha-256 of the file on disk, or null when it is missing. */
  actualHash(hash: string): string | null {
    const path = this.pathOf(hash)
    if (!existsSync(path)) return null
    return sha256Hex(readFileSync(path))
  }

  remove(hash: string): void {
    const path = this.pathOf(hash)
    if (existsSync(path)) unlinkSync(path)
  }

  /** Every artifact file name on disk (hashes), and leftover temp files. */
  listFiles(): { hashes: string[]; temp: string[] } {
    const hashes: string[] = []
    if (!existsSync(this.root)) return { hashes, temp: [] }
    for (const sub of readdirSync(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(sub)) continue
      for (const f of readdirSync(join(this.root, sub))) if (HASH_RE.test(f)) hashes.push(f)
    }
    const temp = existsSync(this.tmpDir) ? readdirSync(this.tmpDir).map((f) => join(this.tmpDir, f)) : []
    return { hashes, temp }
  }
}
