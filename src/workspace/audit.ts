import { sha256Hex } from './artifactStore'
import type {
  AuditEntry,
  AuditVerification,
  NewAuditEntry,
  RegistrySeal,
  RegistryVerification
} from '../shared/domain/records'
import type { SqlValue } from './db'
import { json, now, parseJson } from './stores/rows'
import type { StoreContext } from './stores/context'
import { KeizokuError } from '../shared/errors'
import { repairHint } from './layout'
import { canonicalJson } from './canonicalJson'
import { verifyRegistry } from './registrySeal'

/** What an entry's hash covers: the entry without its chain links. */
export type AuditContent = Omit<AuditEntry, 'prevHash' | 'hash'>

/** hash_i = sha256(hash_{i−1} ‖ canonicalJSON(entry_i)), hash_0 = '' — a change anywhere breaks every later link. */
export function auditHash(prevHash: string, entry: AuditContent): string {
  return sha256Hex(prevHash + canonicalJson(entry))
}

export interface AuditRow {
  id: number
  at: string
  actor: string
  action: string
  subject: string
  details_json: string
  /** Null on entries that seal no registry row (and on every entry written before schema 3). */
  seal_json: string | null
  prev_hash: string
  hash: string
}

export function toAudit(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    details: parseJson(r.details_json),
    ...(r.seal_json === null || r.seal_json === undefined ? {} : { seal: parseJson<RegistrySeal>(r.seal_json) }),
    prevHash: r.prev_hash,
    hash: r.hash
  }
}

/** Walk the chain: each entry's prev_hash is the previous entry's hash, ids are consecutive, each hash recomputes. */
export function verifyAuditRows(rows: AuditRow[]): AuditVerification {
  let prevHash = ''
  let prevId = 0
  for (const r of rows) {
    if (r.id !== prevId + 1)
      return { ok: false, count: rows.length, brokenAt: r.id, reason: `entry ${prevId + 1} is missing` }
    if (r.prev_hash !== prevHash) {
      return { ok: false, count: rows.length, brokenAt: r.id, reason: `entry ${r.id} does not link to entry ${prevId}` }
    }
    let details: Record<string, unknown>
    let seal: RegistrySeal | undefined
    try {
      details = JSON.parse(r.details_json) as Record<string, unknown>
      seal = r.seal_json === null || r.seal_json === undefined ? undefined : (JSON.parse(r.seal_json) as RegistrySeal)
    } catch {
      return { ok: false, count: rows.length, brokenAt: r.id, reason: `entry ${r.id} has unreadable details` }
    }
    const expected = auditHash(prevHash, {
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      details,
      seal
    })
    if (expected !== r.hash) {
      return { ok: false, count: rows.length, brokenAt: r.id, reason: `entry ${r.id} was changed after it was written` }
    }
    prevHash = r.hash
    prevId = r.id
  }
  return { ok: true, count: rows.length }
}
export function sealsOf(
  rows: ReadonlyArray<Pick<AuditRow, 'id' | 'seal_json'>>
): Array<{ entry: number; seal: RegistrySeal }> {
  return rows
    .filter((r) => typeof r.seal_json === 'string')
    .map((r) => ({ entry: r.id, seal: JSON.parse(r.seal_json as string) as RegistrySeal }))
}

/** The append-only audit log: every entry hashes the previous one. */
export class AuditLog {
  private pendingOpen: { actor: string; action: string; subject: string } | null = null

  constructor(private readonly ctx: StoreContext) {}

  /** An open is recorded with the first change it leads to: a command that only reads, or refuses its input, writes nothing. */
  auditOpenOnFirstWrite(entry: { actor: string; action: string; subject: string }): void {
    this.pendingOpen = entry
  }

  /**
   * Stops the line on a broken chain or a registry row that differs from what the chain
   * recorded: every audited change (task add, train, approve, …) and every backup checks it
   * first, so an edited registry is neither built on nor copied over the last sound backup.
   */
  assertAuditSound(what: string): void {
    const audit = this.verifyAudit()
    if (!audit.ok) {
      throw new KeizokuError(
        'corrupt',
        `${what} is refused: the audit log of ${this.ctx.dir} is broken at entry ${audit.brokenAt} (${audit.reason}), so the registry may have been edited outside Keizoku.`,
        { hint: repairHint(this.ctx.dir) }
      )
    }
    const registry = this.verifyRegistry()
    if (!registry.ok) {
      const more = registry.problems.length > 1 ? ` (and ${registry.problems.length - 1} more)` : ''
      throw new KeizokuError(
        'corrupt',
        `${what} is refused: the registry of ${this.ctx.dir} was edited outside Keizoku: ${registry.problems[0]}${more}.`,
        { hint: repairHint(this.ctx.dir) }
      )
    }
  }

  appendAudit(input: NewAuditEntry): AuditEntry {
    return this.ctx.transaction(() => {
      this.assertAuditSound(`Recording "${input.action}"`)
      const opened = this.pendingOpen
      if (opened) {
        this.pendingOpen = null
        this.appendAudit(opened)
      }
      const last = this.ctx.db.get<{ id: number; hash: string }>('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1')
      const content = {
        id: (last?.id ?? 0) + 1,
        at: now(),
        actor: input.actor,
        action: input.action,
        subject: input.subject ?? '',
        details: (JSON.parse(json(input.details ?? {})) as Record<string, unknown>) ?? {}
      }
      const seal = this.ctx.seals.take(this.ctx.db) ?? undefined
      const prevHash = last?.hash ?? ''
      const hash = auditHash(prevHash, { ...content, seal })
      this.ctx.db.run(
        'INSERT INTO audit (id, at, actor, action, subject, details_json, seal_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        content.id,
        content.at,
        content.actor,
        content.action,
        content.subject,
        json(content.details),
        seal === undefined ? null : json(seal),
        prevHash,
        hash
      )
      return { ...content, ...(seal ? { seal } : {}), prevHash, hash }
    })
  }

  listAudit(filter: { limit?: number; action?: string; subject?: string } = {}): AuditEntry[] {
    const where: string[] = []
    const params: SqlValue[] = []
    if (filter.action !== undefined) {
      where.push('action = ?')
      params.push(filter.action)
    }
    if (filter.subject !== undefined) {
      where.push('subject = ?')
      params.push(filter.subject)
    }
    const limit = filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : ''
    return this.ctx.db
      .all<AuditRow>(
        `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC${limit}`,
        ...params
      )
      .map(toAudit)
  }

  verifyAudit(): AuditVerification {
    return verifyAuditRows(this.ctx.db.all<AuditRow>('SELECT * FROM audit ORDER BY id'))
  }

  /** The sealed registry rows against the seals in the chain (meaningful only when verifyAudit is ok). */
  verifyRegistry(): RegistryVerification {
    const rows = this.ctx.db.all<AuditRow>('SELECT id, seal_json FROM audit WHERE seal_json IS NOT NULL ORDER BY id')
    return verifyRegistry(this.ctx.db, sealsOf(rows), this.ctx.seals.exempt)
  }

  /** True when no entry carries a seal yet: a new workspace, or one written before schema 3. */
  unsealed(): boolean {
    return this.ctx.db.get('SELECT 1 AS one FROM audit WHERE seal_json IS NOT NULL LIMIT 1') === undefined
  }
}
