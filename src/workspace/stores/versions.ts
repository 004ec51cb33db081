import type { NewVersion, VersionRecord, VersionStatus } from '../../shared/domain/records'
import { KeizokuError } from '../../shared/errors'
import type { SqlValue } from '../db'
import { assertOneOf, json, notFound, now, parseJson } from './rows'
import type { StoreContext } from './context'

export const VERSION_STATUSES: readonly VersionStatus[] = ['candidate', 'active', 'rejected', 'superseded']

export interface VersionRow {
  id: number
  task_id: number
  parent_id: number | null
  job_id: number | null
  status: string
  snapshot_hash: string
  method: string
  config_json: string
  seed: number
  backend: string
  metrics_json: string
  accuracy_row_json: string
  transfer_row_json: string
  drift_json: string | null
  timings_json: string
  created_at: string
  updated_at: string
}

export function toVersion(r: VersionRow): VersionRecord {
  return {
    id: r.id,
    taskId: r.task_id,
    parentId: r.parent_id,
    jobId: r.job_id,
    status: r.status as VersionStatus,
    snapshotHash: r.snapshot_hash,
    method: r.method,
    config: parseJson(r.config_json),
    seed: r.seed,
    backend: r.backend,
    metrics: parseJson(r.metrics_json),
    accuracyRow: parseJson(r.accuracy_row_json),
    transferRow: parseJson(r.transfer_row_json),
    drift: parseJson(r.drift_json),
    timings: parseJson(r.timings_json),
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}
/** Model versions: candidates, the active one, rejected and superseded ones. */
export class VersionStore {
  constructor(private readonly ctx: StoreContext) {}

  createVersion(input: NewVersion): VersionRecord {
    return this.ctx.transaction(() => this.insert(input))
  }

  private insert(input: NewVersion): VersionRecord {
    this.ctx.seals.beforeWrite()
    const t = now()
    const { lastInsertRowid } = this.ctx.db.run(
      `INSERT INTO versions (task_id, parent_id, job_id, status, snapshot_hash, method, config_json, seed, backend,
         metrics_json, accuracy_row_json, transfer_row_json, drift_json, timings_json, created_at, updated_at)
       VALUES (?, ?, ?, 'candidate', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      input.taskId,
      input.parentId ?? null,
      input.jobId ?? null,
      input.snapshotHash,
      input.method,
      json(input.config),
      input.seed,
      input.backend,
      json(input.metrics ?? {}),
      json(input.accuracyRow ?? []),
      json(input.transferRow ?? []),
      input.drift ? json(input.drift) : null,
      json(input.timings ?? {}),
      t,
      t
    )
    this.ctx.seals.mark('versions', Number(lastInsertRowid))
    return this.getVersion(lastInsertRowid)
  }

  listVersions(filter: { taskId?: number; status?: VersionStatus } = {}): VersionRecord[] {
    const where: string[] = []
    const params: SqlValue[] = []
    if (filter.taskId !== undefined) {
      where.push('task_id = ?')
      params.push(filter.taskId)
    }
    if (filter.status !== undefined) {
      where.push('status = ?')
      params.push(filter.status)
    }
    const sql = `SELECT * FROM versions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`
    return this.ctx.db.all<VersionRow>(sql, ...params).map(toVersion)
  }

  getVersion(id: number): VersionRecord {
    const row = this.ctx.db.get<VersionRow>('SELECT * FROM versions WHERE id = ?', id)
    if (!row) throw notFound('model version', id)
    return toVersion(row)
  }

  setVersionStatus(id: number, status: VersionStatus, from?: VersionStatus): VersionRecord {
    assertOneOf(status, VERSION_STATUSES, 'version status')
    return this.ctx.transaction(() => {
      this.ctx.seals.beforeWrite()
      const current = this.getVersion(id)
      // Compare-and-set: the status read here, inside the write lock, is the one replaced.
      if (from !== undefined && current.status !== from) {
        throw new KeizokuError(
          'conflict',
          `Version ${id} is ${current.status} now, not ${from}: another decision was made first.`,
          {
            hint: 'Reload the versions list; nothing was changed.'
          }
        )
      }
      const t = now()
      if (status === 'active') {
        const superseded = this.ctx.db.all<{ id: number }>(
          "SELECT id FROM versions WHERE status = 'active' AND id <> ?",
          id
        )
        this.ctx.seals.mark('versions', ...superseded.map((r) => r.id))
        this.ctx.db.run(
          "UPDATE versions SET status = 'superseded', updated_at = ? WHERE status = 'active' AND id <> ?",
          t,
          id
        )
      }
      this.ctx.db.run('UPDATE versions SET status = ?, updated_at = ? WHERE id = ?', status, t, id)
      this.ctx.seals.mark('versions', id)
      return this.getVersion(id)
    })
  }

  activeVersion(): VersionRecord | null {
    const row = this.ctx.db.get<VersionRow>("SELECT * FROM versions WHERE status = 'active'")
    return row ? toVersion(row) : null
  }
}
