import type { SqlValue } from '../db'
import type { BaselineRunRecord, NewBaselineRun } from '../../shared/domain/records'
import type { StoreContext } from './context'

/** Rows of `baseline_runs` (migration 2): baselines measured on the workspace's own tasks. */
interface BaselineRunRow {
  id: number
  job_id: number | null
  lineage_version_id: number
  method: string
  seed: number
  backend: string
  config_json: string
  task_ids_json: string
  skipped_json: string
  result_json: string
  created_at: string
}

function toRun(r: BaselineRunRow): BaselineRunRecord {
  return {
    id: r.id,
    jobId: r.job_id,
    lineageVersionId: r.lineage_version_id,
    method: r.method,
    seed: r.seed,
    backend: r.backend,
    config: JSON.parse(r.config_json) as BaselineRunRecord['config'],
    taskIds: JSON.parse(r.task_ids_json) as number[],
    skipped: JSON.parse(r.skipped_json) as BaselineRunRecord['skipped'],
    result: JSON.parse(r.result_json) as BaselineRunRecord['result'],
    createdAt: r.created_at
  }
}

/** Baselines measured on the workspace's own tasks. */
export class BaselineRunStore {
  constructor(private readonly ctx: StoreContext) {}

  recordBaselineRun(input: NewBaselineRun): BaselineRunRecord {
    const db = this.ctx.db
    const { lastInsertRowid } = db.run(
      `INSERT INTO baseline_runs (job_id, lineage_version_id, method, seed, backend, config_json, task_ids_json,
       skipped_json, result_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      input.jobId,
      input.lineageVersionId,
      input.method,
      input.seed,
      input.backend,
      JSON.stringify(input.config),
      JSON.stringify(input.taskIds),
      JSON.stringify(input.skipped),
      JSON.stringify(input.result),
      new Date().toISOString()
    )
    return toRun(db.get<BaselineRunRow>('SELECT * FROM baseline_runs WHERE id = ?', lastInsertRowid)!)
  }

  listBaselineRuns(filter: { lineageVersionId?: number; jobId?: number } = {}): BaselineRunRecord[] {
    const db = this.ctx.db
    const where: string[] = []
    const params: SqlValue[] = []
    if (filter.lineageVersionId !== undefined) {
      where.push('lineage_version_id = ?')
      params.push(filter.lineageVersionId)
    }
    if (filter.jobId !== undefined) {
      where.push('job_id = ?')
      params.push(filter.jobId)
    }
    const sql = `SELECT * FROM baseline_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`
    return db.all<BaselineRunRow>(sql, ...params).map(toRun)
  }
}
