import { existsSync, rmSync, statSync } from 'node:fs'
import type { TensorRecord } from '../../shared/domain/learning'
import type { ArtifactCheck, ArtifactKind, StorageUse } from '../../shared/domain/records'
import { collectReferences, verifyArtifactFiles } from '../artifactCheck'
import { decodeTensorFile, encodeTensorFile } from '../tensorFile'
import { assertOneOf, hashInUse, now } from './rows'
import type { StoreContext } from './context'

export const ARTIFACT_KINDS: readonly ArtifactKind[] = [
  'dataset-train',
  'dataset-test',
  'snapshot',
  'checkpoint',
  'report',
  'other'
]
/** The artifacts table and the content-addressed files it describes: write, read, garbage-collect, measure. */
export class ArtifactRecords {
  constructor(private readonly ctx: StoreContext) {}

  /** Forget an artifact everywhere (live store and backup mirror): retention means gone. */
  forgetArtifactFile(hash: string): void {
    this.ctx.artifacts.remove(hash)
    this.ctx.mirror.remove(hash)
  }

  registerArtifact(hash: string, size: number, kind: ArtifactKind): void {
    this.ctx.db.run(
      'INSERT OR IGNORE INTO artifacts (hash, bytes, kind, created_at) VALUES (?, ?, ?, ?)',
      hash,
      size,
      kind,
      now()
    )
  }

  putArtifact(bytes: Uint8Array, kind: ArtifactKind = 'other'): string {
    assertOneOf(kind, ARTIFACT_KINDS, 'artifact kind')
    const { hash, size } = this.ctx.artifacts.write(bytes)
    this.registerArtifact(hash, size, kind)
    return hash
  }

  getArtifact(hash: string): Uint8Array {
    return this.ctx.artifacts.read(hash)
  }

  hasArtifact(hash: string): boolean {
    return this.ctx.artifacts.exists(hash)
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
    return verifyArtifactFiles(this.ctx.artifacts, collectReferences(this.ctx.db))
  }

  collectGarbage(opts: { minAgeMs?: number } = {}): { removed: number; bytes: number } {
    const cutoff = Date.now() - (opts.minAgeMs ?? 3_600_000)
    let removed = 0
    let bytes = 0
    const doomed: string[] = []
    this.ctx.transaction(() => {
      const rows = this.ctx.db.all<{ hash: string; bytes: number; created_at: string }>(
        'SELECT hash, bytes, created_at FROM artifacts'
      )
      for (const r of rows) {
        if (Date.parse(r.created_at) > cutoff || hashInUse(this.ctx.db, r.hash)) continue
        this.ctx.db.run('DELETE FROM artifacts WHERE hash = ?', r.hash)
        doomed.push(r.hash)
        bytes += r.bytes
      }
    })
    for (const h of doomed) this.forgetArtifactFile(h)
    removed += doomed.length
    // Files no row knows (a crash between the file write and the commit), and temp files.
    const known = new Set(collectReferences(this.ctx.db).keys())
    for (const store of [this.ctx.artifacts, this.ctx.mirror]) {
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
    for (const ref of collectReferences(this.ctx.db).values()) {
      const size = this.ctx.db.get<{ bytes: number; kind: string }>(
        'SELECT bytes, kind FROM artifacts WHERE hash = ?',
        ref.hash
      )
      if (!size) continue
      byKind[size.kind as ArtifactKind] = (byKind[size.kind as ArtifactKind] ?? 0) + size.bytes
      total += size.bytes
    }
    let databaseBytes = 0
    for (const f of [this.ctx.dbPath, `${this.ctx.dbPath}-wal`]) if (existsSync(f)) databaseBytes += statSync(f).size
    return { databaseBytes, artifactBytes: total, byKind }
  }
}
