import { KeizokuError } from '../shared/errors'
import type { VersionComparison, VersionView } from '../shared/types'
import type { VersionRecord, Workspace } from '../workspace/index'
import { evaluatePolicy } from './policy'
import { taskMap, versionTaskIds, versionView } from './views'
import { say } from '../shared/messages'

/** The candidate against the active version, task by task, with the approval policy's verdict. */
export function compareVersion(ws: Workspace, versionId: number): VersionComparison {
  const v = ws.getVersion(versionId)
  const tasks = taskMap(ws)
  const parent = v.parentId ? ws.getVersion(v.parentId) : null
  // A candidate is judged against the version it was trained from (the active one when it was made).
  const base = v.status === 'candidate' ? ws.activeVersion() : parent
  const ids = versionTaskIds(v)
  const baseIds = base ? versionTaskIds(base) : []
  const names = new Map([...tasks].map(([id, t]) => [id, t.name]))
  const policy = evaluatePolicy({
    policy: ws.getSettings().policy,
    candidate: { taskIds: ids, accuracyRow: v.accuracyRow, drift: v.drift },
    active: base ? { taskIds: baseIds, accuracyRow: base.accuracyRow } : null,
    names
  })
  return {
    candidate: versionView(v, tasks),
    active: base ? versionView(base, tasks) : null,
    tasks: ids.map((taskId, i) => {
      const j = baseIds.indexOf(taskId)
      const a = j >= 0 ? base!.accuracyRow[j] : null
      const c = v.accuracyRow[i]
      return {
        taskId,
        name: names.get(taskId) ?? `task ${taskId}`,
        active: typeof a === 'number' ? a : null,
        candidate: typeof c === 'number' ? c : null,
        drop: typeof a === 'number' && typeof c === 'number' ? Math.round((a - c) * 10000) / 100 : null,
        drift: v.drift?.[i] ?? null
      }
    }),
    policy
  }
}

function requireCandidate(v: VersionRecord): void {
  if (v.status !== 'candidate') {
    throw new KeizokuError('conflict', `Version ${v.id} is ${v.status}, not a candidate awaiting a decision.`, {
      say: say('version_not_candidate', { version: v.id, status: v.status })
    })
  }
}

/**
 * Makes the candidate active when the policy passes, or with an explicit override that must
 * say why. The training data of a task that is not to be retained is dropped afterwards.
 * The status is read and changed inside one write transaction (BEGIN IMMEDIATE), so of two
 * concurrent decisions on one candidate exactly one succeeds; the other sees its outcome.
 */
export function approve(
  ws: Workspace,
  a: { version: number; by: string; comment?: string; override?: boolean }
): VersionView {
  const comment = a.comment?.trim() ?? ''
  // The snapshot that would become active must be the one that was evaluated (read verifies its hash).
  const snapshot = ws.getVersion(a.version).snapshotHash
  try {
    ws.getArtifact(snapshot)
  } catch (err) {
    if (!(err instanceof KeizokuError) || err.code !== 'corrupt') throw err
    throw new KeizokuError('corrupt', `Version ${a.version} cannot be approved: ${err.message}`, {
      hint: `Nothing was changed. Run \`keizoku check ${ws.dir} --repair\` to restore the file from the backup copy, or reject the version and train again.`,
      say: say('version_unreadable', { version: a.version, dir: ws.dir })
    })
  }
  const task = ws.transaction(() => {
    const v = ws.getVersion(a.version)
    requireCandidate(v)
    const cmp = compareVersion(ws, v.id)
    if (!cmp.policy.pass && !a.override) {
      const failed = cmp.policy.checks.filter((c) => !c.pass)
      throw new KeizokuError(
        'refused',
        `Version ${v.id} fails the approval policy: ${failed.map((c) => c.message).join('; ')}.`,
        {
          hint: 'Reject it, or approve with override and a comment that says why.',
          say: say('policy_failed', { version: v.id, count: failed.length })
        }
      )
    }
    if (a.override && !cmp.policy.pass && comment === '') {
      throw new KeizokuError('invalid_argument', 'Approving against the policy needs a comment that says why.', {
        hint: 'Add --comment "…" (CLI) or fill in the comment field.',
        say: say('override_needs_comment')
      })
    }
    const decision = a.override && !cmp.policy.pass ? 'override' : 'approve'
    const task = ws.getTask(v.taskId)
    ws.setVersionStatus(v.id, 'active', 'candidate')
    ws.setTaskStatus(task.id, 'learned')
    ws.recordApproval({ versionId: v.id, decision, by: a.by, comment, policyResults: cmp.policy })
    ws.appendAudit({
      actor: a.by,
      action: decision === 'override' ? 'version.approved-override' : 'version.approved',
      subject: `version ${v.id}`,
      details: { task: task.name, comment, accuracyRow: v.accuracyRow, policy: cmp.policy }
    })
    return task
  })
  if (!task.keepTrain && !task.trainDroppedAt) ws.dropTrainingData(task.id, a.by)
  return versionView(ws.getVersion(a.version), taskMap(ws))
}

/**
 * Discards the candidate. The active version was never touched while the candidate was
 * trained, so every old task's generated weights stay exactly what they were.
 */
export function reject(ws: Workspace, a: { version: number; by: string; comment: string }): VersionView {
  const v = ws.transaction(() => {
    const v = ws.getVersion(a.version)
    requireCandidate(v)
    const cmp = compareVersion(ws, v.id)
    ws.setVersionStatus(v.id, 'rejected', 'candidate')
    ws.setTaskStatus(v.taskId, 'registered')
    ws.recordApproval({ versionId: v.id, decision: 'reject', by: a.by, comment: a.comment, policyResults: cmp.policy })
    ws.appendAudit({
      actor: a.by,
      action: 'version.rejected',
      subject: `version ${v.id}`,
      details: { comment: a.comment, accuracyRow: v.accuracyRow, policy: cmp.policy }
    })
    return v
  })
  return versionView(ws.getVersion(v.id), taskMap(ws))
}

/** Returns to an earlier approved version; tasks learned only after it go back to registered. */
export function rollback(ws: Workspace, a: { to: number; by: string; comment: string }): VersionView {
  ws.transaction(() => {
    const target = ws.getVersion(a.to)
    const active = ws.activeVersion()
    if (target.status === 'active')
      throw new KeizokuError('conflict', `Version ${target.id} is already the active version.`, {
        say: say('version_already_active', { version: target.id })
      })
    if (target.status !== 'superseded') {
      throw new KeizokuError(
        'refused',
        `Version ${target.id} was never approved (${target.status}); only approved versions can be returned to.`,
        {
          say: say('version_never_approved', { version: target.id, status: target.status })
        }
      )
    }
    const pending = ws.listVersions({ status: 'candidate' })
    if (pending.length > 0) {
      throw new KeizokuError('conflict', `Version ${pending[0].id} is waiting for approval.`, {
        hint: 'Approve or reject it before rolling back.',
        say: say('candidate_pending.rollback', { version: pending[0].id })
      })
    }
    const keep = new Set(versionTaskIds(target))
    const dropped = active ? versionTaskIds(active).filter((id) => !keep.has(id)) : []
    ws.setVersionStatus(target.id, 'active', 'superseded')
    for (const id of dropped) ws.setTaskStatus(id, 'registered')
    ws.recordApproval({ versionId: target.id, decision: 'rollback', by: a.by, comment: a.comment, policyResults: null })
    ws.appendAudit({
      actor: a.by,
      action: 'version.rolled-back',
      subject: `version ${target.id}`,
      details: { from: active?.id ?? null, comment: a.comment, tasksNoLongerLearned: dropped }
    })
  })
  return versionView(ws.getVersion(a.to), taskMap(ws))
}
