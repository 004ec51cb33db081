import type { ErrorInfo } from '../../shared/errors'
import type { JobPatch, JobRecord, JobStatus } from '../../shared/domain/records'
import type { RunCurve } from '../../shared/domain/runCurve'
import type { SqlValue } from '../db'
import { assertOneOf, json, notFound, now, parseJson } from './rows'
import type { StoreContext } from './context'

export const JOB_STATUSES: readonly JobStatus[] = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'interrupted'
]

export interface JobRow {
  id: number
  kind: string
  args_json: string
  task_id: number | null
  status: string
  progress_json: string | null
  error_json: string | null
  result_json: string | null
  checkpoint_hash: string | null
  pid: number | null
  created_at: string
  started_at: string | null
  finished_at: string | null
  updated_at: string
}

export function toJob(r: JobRow): JobRecord {
  return {
    id: r.id,
    kind: r.kind,
    args: parseJson(r.args_json),
    taskId: r.task_id,
    status: r.status as JobStatus,
    progress: parseJson(r.progress_json),
    error: parseJson<ErrorInfo | null>(r.error_json),
    result: parseJson(r.result_json),
    checkpointHash: r.checkpoint_hash,
    pid: r.pid,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at
  }
}
/** Jobs: queued, running and finished work with progress, result and checkpoint. */
export class JobStore {
  constructor(private readonly ctx: StoreContext) {}

  createJob(input: { kind: string; args: unknown; taskId?: number | null }): JobRecord {
    const t = now()
    const { lastInsertRowid } = this.ctx.db.run(
      'INSERT INTO jobs (kind, args_json, task_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      input.kind,
      json(input.args),
      input.taskId ?? null,
      'queued',
      t,
      t
    )
    this.ctx.lock?.claimJob(lastInsertRowid)
    return this.getJob(lastInsertRowid)
  }

  updateJob(id: number, patch: JobPatch): JobRecord {
    return this.ctx.transaction(() => {
      const job = this.getJob(id)
      const sets: string[] = ['updated_at = ?']
      const params: SqlValue[] = [now()]
      const set = (col: string, v: SqlValue): void => {
        sets.push(`${col} = ?`)
        params.push(v)
      }
      if (patch.status !== undefined) {
        assertOneOf(patch.status, JOB_STATUSES, 'job status')
        set('status', patch.status)
        if (patch.status === 'running') {
          this.ctx.lock?.claimJob(id)
          set('pid', process.pid)
          if (patch.startedAt === undefined && !job.startedAt) set('started_at', now())
        }
        const terminal = patch.status === 'succeeded' || patch.status === 'failed' || patch.status === 'cancelled'
        if (terminal && patch.finishedAt === undefined) set('finished_at', now())
      }
      if (patch.progress !== undefined) set('progress_json', json(patch.progress))
      if (patch.error !== undefined) set('error_json', patch.error === null ? null : json(patch.error))
      if (patch.result !== undefined) set('result_json', json(patch.result))
      if (patch.checkpointHash !== undefined) set('checkpoint_hash', patch.checkpointHash)
      if (patch.startedAt !== undefined) set('started_at', patch.startedAt)
      if (patch.finishedAt !== undefined) set('finished_at', patch.finishedAt)
      if (patch.curve !== undefined) set('curve_json', json(patch.curve))
      this.ctx.db.run(`UPDATE jobs SET ${sets.join(', ')} WHERE id = ?`, ...params, id)
      return this.getJob(id)
    })
  }

  getJob(id: number): JobRecord {
    const row = this.ctx.db.get<JobRow>('SELECT * FROM jobs WHERE id = ?', id)
    if (!row) throw notFound('job', id)
    return toJob(row)
  }

  jobCurves(ids: number[]): Map<number, RunCurve> {
    const out = new Map<number, RunCurve>()
    if (ids.length === 0) return out
    const rows = this.ctx.db.all<{ id: number; curve_json: string | null }>(
      `SELECT id, curve_json FROM jobs WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ...ids
    )
    for (const r of rows) if (r.curve_json) out.set(r.id, parseJson<RunCurve>(r.curve_json))
    return out
  }

  listJobs(
    filter: { status?: JobStatus | JobStatus[]; kind?: string; taskId?: number; limit?: number } = {}
  ): JobRecord[] {
    const where: string[] = []
    const params: SqlValue[] = []
    if (filter.status !== undefined) {
      const list = Array.isArray(filter.status) ? filter.status : [filter.status]
      where.push(`status IN (${list.map(() => '?').join(', ')})`)
      params.push(...list)
    }
    if (filter.kind !== undefined) {
      where.push('kind = ?')
      params.push(filter.kind)
    }
    if (filter.taskId !== undefined) {
      where.push('task_id = ?')
      params.push(filter.taskId)
    }
    const sql = `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id${
      filter.limit ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : ''
    }`
    return this.ctx.db.all<JobRow>(sql, ...params).map(toJob)
  }

  /**
   * Unfinished (queued or running) jobs that this process does not run are dead: this process
   * holds the workspace lock, so no other live process can be running them. Needs no PID, so a
   * reused PID cannot keep a dead job "running".
   */
  markInterruptedJobs(): JobRecord[] {
    const lock = this.ctx.lock
    if (!lock) return []
    return this.ctx.transaction(() => {
      const dead = this.ctx.db
        .all<JobRow>("SELECT * FROM jobs WHERE status IN ('queued', 'running')")
        .filter((r) => !lock.ownsJob(r.id))
      for (const r of dead) {
        this.ctx.db.run(
          "UPDATE jobs SET status = 'interrupted', updated_at = ?, error_json = ? WHERE id = ?",
          now(),
          json({
            code: 'cancelled',
            message:
              r.status === 'queued'
                ? 'The process that queued this job stopped before it started.'
                : `The process (pid ${r.pid ?? '?'}) running this job stopped before it finished.`,
            hint: r.checkpoint_hash ? 'Resume it from its last checkpoint.' : 'Start it again.'
          } satisfies ErrorInfo),
          r.id
        )
      }
      return dead.map((r) => this.getJob(r.id))
    })
  }
}
