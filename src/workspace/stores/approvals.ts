import type { ApprovalRecord, NewApproval } from '../../shared/domain/records'
import { assertOneOf, json, now, parseJson } from './rows'
import type { StoreContext } from './context'
import type { VersionStore } from './versions'

/** Approve / reject / rollback decisions on versions. */
export class ApprovalStore {
  constructor(
    private readonly ctx: StoreContext,
    private readonly versions: VersionStore
  ) {}

  recordApproval(input: NewApproval): ApprovalRecord {
    assertOneOf(input.decision, ['approve', 'reject', 'rollback', 'override'] as const, 'approval decision')
    return this.ctx.transaction(() => {
      this.versions.getVersion(input.versionId)
      this.ctx.seals.beforeWrite()
      const { lastInsertRowid: id } = this.ctx.db.run(
        'INSERT INTO approvals (version_id, decision, by, comment, policy_results_json, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        input.versionId,
        input.decision,
        input.by,
        input.comment ?? '',
        input.policyResults === undefined ? null : json(input.policyResults),
        now()
      )
      this.ctx.seals.mark('approvals', Number(id))
      return this.listApprovals().find((a) => a.id === id) as ApprovalRecord
    })
  }

  listApprovals(filter: { versionId?: number } = {}): ApprovalRecord[] {
    const rows = this.ctx.db.all<{
      id: number
      version_id: number
      decision: string
      by: string
      comment: string
      policy_results_json: string | null
      created_at: string
    }>(
      `SELECT * FROM approvals ${filter.versionId !== undefined ? 'WHERE version_id = ?' : ''} ORDER BY id`,
      ...(filter.versionId !== undefined ? [filter.versionId] : [])
    )
    return rows.map((r) => ({
      id: r.id,
      versionId: r.version_id,
      decision: r.decision as ApprovalRecord['decision'],
      by: r.by,
      comment: r.comment,
      policyResults: parseJson(r.policy_results_json),
      createdAt: r.created_at
    }))
  }
}
