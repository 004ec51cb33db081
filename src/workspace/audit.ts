import { sha256Hex } from './artifactStore'
import type { AuditEntry, AuditVerification, NewAuditEntry } from '../shared/domain/records'
import type { SqlValue } from './db'
import { json, now, parseJson } from './stores/rows'
import type { StoreContext } from './stores/context'
import { KeizokuError } from '../shared/errors'
import { repairHint } from './layout'
import { say } from '../shared/messages'

/** JSON with object keys sorted at every level, no whitespace: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`
}

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
      return {
        ok: false,
        count: rows.length,
        brokenAt: r.id,
        reason: `entry ${prevId + 1} is missing`,
        reasonSay: say('audit.missing', { entry: prevId + 1 })
      }
    if (r.prev_hash !== prevHash) {
      return {
        ok: false,
        count: rows.length,
        brokenAt: r.id,
        reason: `entry ${r.id} does not link to entry ${prevId}`,
        reasonSay: say('audit.unlinked', { entry: r.id, prev: prevId })
      }
    }
    let details: Record<string, unknown>
    try {
      details = JSON.parse(r.details_json) as Record<string, unknown>
    } catch {
      return {
        ok: false,
        count: rows.length,
        brokenAt: r.id,
        reason: `entry ${r.id} has unreadable details`,
        reasonSay: say('audit.unreadable', { entry: r.id })
      }
    }
    const expected = auditHash(prevHash, {
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      details
    })
    if (expected !== r.hash) {
      return {
        ok: false,
        count: rows.length,
        brokenAt: r.id,
        reason: `entry ${r.id} was changed after it was written`,
        reasonSay: say('audit.changed', { entry: r.id })
      }
    }
    prevHash = r.hash
    prevId = r.id
  }
  return { ok: true, count: rows.length }
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
   * Stops the line on a broken chain: every audited change (task add, train, approve, …) and
   * every backup checks it first, so an edited registry is neither built on nor copied over
   * the last sound backup.
   */
  assertAuditSound(what: string): void {
    const audit = this.verifyAudit()
    if (audit.ok) return
    throw new KeizokuError(
      'corrupt',
      `${what} is refused: the audit log of ${this.ctx.dir} is broken at entry ${audit.brokenAt} (${audit.reason}), so the registry may have been edited outside Keizoku.`,
      { hint: repairHint(this.ctx.dir), say: say('audit_broken_refuses', { entry: audit.brokenAt ?? '?' }) }
    )
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
      const prevHash = last?.hash ?? ''
      const hash = auditHash(prevHash, content)
      this.ctx.db.run(
        'INSERT INTO audit (id, at, actor, action, subject, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        content.id,
        content.at,
        content.actor,
        content.action,
        content.subject,
        json(content.details),
        prevHash,
        hash
      )
      return { ...content, prevHash, hash }
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
}
