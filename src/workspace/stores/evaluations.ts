import type { EvaluationRecord, NewEvaluation } from '../../shared/domain/records'
import type { SqlValue } from '../db'
import { assertOneOf, json, now, parseJson } from './rows'
import type { StoreContext } from './context'

/** Accuracy measurements of a version on a task. */
export class EvaluationStore {
  constructor(private readonly ctx: StoreContext) {}

  recordEvaluation(input: NewEvaluation): EvaluationRecord {
    assertOneOf(input.kind, ['accuracy', 'transfer'] as const, 'evaluation kind')
    return this.ctx.transaction(() => {
      this.ctx.seals.beforeWrite()
      const { lastInsertRowid: id } = this.ctx.db.run(
        'INSERT INTO evaluations (version_id, task_id, kind, row_json, task_ids_json, details_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        input.versionId ?? null,
        input.taskId ?? null,
        input.kind,
        json(input.row),
        json(input.taskIds),
        json(input.details ?? {}),
        now()
      )
      this.ctx.seals.mark('evaluations', Number(id))
      return this.listEvaluations().find((e) => e.id === id) as EvaluationRecord
    })
  }

  listEvaluations(
    filter: { versionId?: number; taskId?: number; kind?: 'accuracy' | 'transfer' } = {}
  ): EvaluationRecord[] {
    const where: string[] = []
    const params: SqlValue[] = []
    for (const [col, v] of [
      ['version_id', filter.versionId],
      ['task_id', filter.taskId],
      ['kind', filter.kind]
    ] as const) {
      if (v !== undefined) {
        where.push(`${col} = ?`)
        params.push(v)
      }
    }
    const rows = this.ctx.db.all<{
      id: number
      version_id: number | null
      task_id: number | null
      kind: string
      row_json: string
      task_ids_json: string
      details_json: string
      created_at: string
    }>(`SELECT * FROM evaluations ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`, ...params)
    return rows.map((r) => ({
      id: r.id,
      versionId: r.version_id,
      taskId: r.task_id,
      kind: r.kind as 'accuracy' | 'transfer',
      row: parseJson(r.row_json),
      taskIds: parseJson(r.task_ids_json),
      details: parseJson(r.details_json),
      createdAt: r.created_at
    }))
  }
}
