import { sha256Hex } from './artifactStore'

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

export interface AuditContent {
  id: number
  at: string
  actor: string
  action: string
  subject: string
  details: Record<string, unknown>
}

/** hash_i = sha256(hash_{i−1} ‖ canonicalJSON(entry_i)), hash_0 = '' — a change anywhere breaks every later link. */
export function auditHash(prevHash: string, entry: AuditContent): string {
  return sha256Hex(prevHash + canonicalJson(entry))
}
