import type { ReportRecord } from '../../shared/domain/records'
import { json, now, parseJson } from './rows'
import type { StoreContext } from './context'

/** Built reports and where their stored copy is. */
export class ReportStore {
  constructor(private readonly ctx: StoreContext) {}

  recordReport(input: {
    kind: string
    format: string
    path?: string | null
    hash?: string | null
    versionId?: number | null
    details?: Record<string, unknown>
  }): ReportRecord {
    const { lastInsertRowid: id } = this.ctx.db.run(
      'INSERT INTO reports (kind, format, path, hash, version_id, details_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      input.kind,
      input.format,
      input.path ?? null,
      input.hash ?? null,
      input.versionId ?? null,
      json(input.details ?? {}),
      now()
    )
    return this.listReports().find((r) => r.id === id) as ReportRecord
  }

  listReports(): ReportRecord[] {
    const rows = this.ctx.db.all<{
      id: number
      kind: string
      format: string
      path: string | null
      hash: string | null
      version_id: number | null
      details_json: string
      created_at: string
    }>('SELECT * FROM reports ORDER BY id')
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      format: r.format,
      path: r.path,
      hash: r.hash,
      versionId: r.version_id,
      details: parseJson(r.details_json),
      createdAt: r.created_at
    }))
  }
}
