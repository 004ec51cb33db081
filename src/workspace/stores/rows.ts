/** Row helpers every store uses: JSON columns, timestamps, enum checks, not-found errors. */
import { KeizokuError } from '../../shared/errors'
import type { SqlDatabase } from '../db'

export function now(): string {
  return new Date().toISOString()
}

export function parseJson<T>(text: string | null): T {
  return (text === null ? null : JSON.parse(text)) as T
}

export function json(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value)
}

export function notFound(what: string, id: number | string): KeizokuError {
  return new KeizokuError('not_found', `No ${what} ${typeof id === 'string' ? `"${id}"` : id} in this workspace.`)
}

export function assertOneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new KeizokuError('invalid_argument', `Unknown ${what} "${value}".`, {
      hint: `Use one of: ${allowed.join(', ')}.`
    })
  }
  return value as T
}

/** Where a given artifact hash is used (for refusing deletes and for check reports). */
export function hashInUse(db: SqlDatabase, hash: string): boolean {
  const row = db.get<{ n: number }>(
    `SELECT (SELECT count(*) FROM datasets WHERE train_hash = ? OR test_hash = ?)
          + (SELECT count(*) FROM versions WHERE snapshot_hash = ?)
          + (SELECT count(*) FROM jobs WHERE checkpoint_hash = ?)
          + (SELECT count(*) FROM reports WHERE hash = ?) AS n`,
    ...Array<string>(5).fill(hash)
  )
  return (row?.n ?? 0) > 0
}
