import type { RegistrySeal, RegistryVerification, SealedTable } from '../shared/domain/records'
import { sha256Hex } from './artifactStore'
import { canonicalJson } from './canonicalJson'
import type { SqlDatabase } from './db'

/**
 * The audit chain vouches for the registry rows that record decisions and measurements, not
 * only for its own entries: an edited accuracy row or a version made active without an
 * approval would otherwise pass `check` while the chain still holds the original values.
 *
 * Every write to a sealed table marks the row; the next audit entry in the same transaction
 * carries seal = { table: { id: sha256(canonicalJSON(row)) } } for the marked rows (null for a
 * row that is gone), and the entry's hash covers the seal. If a transaction ends with marked
 * rows and no entry, the workspace appends a 'registry.sealed' entry itself. Replaying the
 * seals in chain order gives the digest every row must have now.
 */
export const SEALED_TABLES: readonly SealedTable[] = ['versions', 'approvals', 'evaluations']

const NOUN: Record<SealedTable, string> = { versions: 'version', approvals: 'approval', evaluations: 'evaluation' }

export function rowDigest(row: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(row))
}

/** Rows of sealed tables written in the current transaction and not yet sealed by an audit entry. */
export class SealTracker {
  private readonly marked = new Map<SealedTable, Set<number>>()
  private everything = false
  private tookEverything = false
  private verified = false

  /** @param verify throws when the registry already differs from the chain (called once per transaction, before its first registry write). */
  constructor(private readonly verify: () => void) {}

  /**
   * Call before writing a sealed row. The first call in a transaction checks the registry as it
   * is, so a row edited outside Keizoku is refused here instead of being sealed as if it were ours.
   */
  beforeWrite(): void {
    if (this.verified) return
    this.verify()
    this.verified = true
  }

  /** Rows written in this transaction and not sealed yet: checked by beforeWrite before they changed. */
  get exempt(): ReadonlyMap<SealedTable, ReadonlySet<number>> {
    return this.marked
  }

  /** The next seal covers every row: the first seal of a workspace (new, or written before sealing). */
  markAll(): void {
    this.everything = true
  }

  mark(table: SealedTable, ...ids: number[]): void {
    const set = this.marked.get(table) ?? new Set<number>()
    for (const id of ids) set.add(id)
    this.marked.set(table, set)
  }

  get pending(): boolean {
    return this.marked.size > 0
  }

  /** The digests of the marked rows as they are now; clears the marks. Null when nothing is marked. */
  take(db: SqlDatabase): RegistrySeal | null {
    if (this.everything) {
      this.everything = false
      this.tookEverything = true
      this.marked.clear()
      return sealAll(db)
    }
    if (this.marked.size === 0) return null
    const seal: RegistrySeal = {}
    for (const [table, ids] of this.marked) {
      const out: Record<string, string | null> = {}
      for (const id of [...ids].sort((a, b) => a - b)) {
        const row = db.get<Record<string, unknown>>(`SELECT * FROM ${table} WHERE id = ?`, id)
        out[String(id)] = row ? rowDigest(row) : null
      }
      seal[table] = out
    }
    this.marked.clear()
    return seal
  }

  committed(): void {
    this.tookEverything = false
    this.verified = false
  }

  /** A rolled-back transaction wrote nothing, so nothing it marked is left to seal; a full seal it took is still owed. */
  rolledBack(): void {
    this.marked.clear()
    if (this.tookEverything) this.everything = true
    this.tookEverything = false
    this.verified = false
  }
}

/** A seal of every row of every sealed table: the first seal of a workspace written before sealing. */
export function sealAll(db: SqlDatabase): RegistrySeal {
  const seal: RegistrySeal = {}
  for (const table of SEALED_TABLES) {
    const out: Record<string, string> = {}
    for (const row of db.all<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY id`))
      out[String(row.id)] = rowDigest(row)
    seal[table] = out
  }
  return seal
}

/**
 * Replays the seals (in chain order, with the id of the entry that carries each) and compares
 * every row of the sealed tables with the digest the chain last recorded for it.
 */
export function verifyRegistry(
  db: SqlDatabase,
  seals: ReadonlyArray<{ entry: number; seal: RegistrySeal }>,
  exempt: ReadonlyMap<SealedTable, ReadonlySet<number>> = new Map()
): RegistryVerification {
  const checked = { versions: 0, approvals: 0, evaluations: 0 }
  // No seal anywhere: written before schema 3 and not opened for writing since (the first
  // entry written then seals every row). A sealed chain cannot be made to look like this.
  if (seals.length === 0) return { ok: true, checked, sealed: false, problems: [] }
  const expected = new Map<SealedTable, Map<number, { digest: string | null; entry: number }>>()
  for (const t of SEALED_TABLES) expected.set(t, new Map())
  for (const { entry, seal } of seals) {
    for (const t of SEALED_TABLES) {
      for (const [id, digest] of Object.entries(seal[t] ?? {})) expected.get(t)?.set(Number(id), { digest, entry })
    }
  }
  const problems: string[] = []
  for (const table of SEALED_TABLES) {
    const want = expected.get(table) ?? new Map<number, { digest: string | null; entry: number }>()
    const seen = new Set<number>()
    for (const row of db.all<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY id`)) {
      const id = Number(row.id)
      seen.add(id)
      checked[table]++
      if (exempt.get(table)?.has(id)) continue
      const w = want.get(id)
      if (!w || w.digest === null) {
        problems.push(`${NOUN[table]} ${id} was not written through Keizoku (no audit entry records it)`)
      } else if (w.digest !== rowDigest(row)) {
        problems.push(`${NOUN[table]} ${id} was changed after audit entry ${w.entry} recorded it`)
      }
    }
    for (const [id, w] of want) {
      if (w.digest !== null && !seen.has(id) && !exempt.get(table)?.has(id))
        problems.push(`${NOUN[table]} ${id} is missing (recorded by audit entry ${w.entry})`)
    }
  }
  return { ok: problems.length === 0, checked, sealed: true, problems }
}
