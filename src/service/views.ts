import type { ParameterCounts } from '../shared/domain/learning'
import type { JobView, TaskState, TaskView, VersionView, WorkspaceSummary } from '../shared/types'
import type { JobRecord, TaskRecord, VersionRecord, Workspace } from '../workspace/index'

/** Task ids a version has learned, in order (its accuracyRow follows the same order). */
export function versionTaskIds(v: VersionRecord): number[] {
  const ids = (v.metrics as { taskIds?: unknown }).taskIds
  return Array.isArray(ids) ? ids.filter((x): x is number => typeof x === 'number') : [v.taskId]
}

export function versionView(v: VersionRecord, tasks: Map<number, TaskRecord>): VersionView {
  const pc = (v.metrics as { parameterCounts?: ParameterCounts }).parameterCounts
  return {
    ...v,
    taskName: tasks.get(v.taskId)?.name ?? `task ${v.taskId}`,
    taskIds: versionTaskIds(v),
    parameterCounts: pc ?? null
  }
}

export function taskMap(ws: Workspace): Map<number, TaskRecord> {
  return new Map(ws.listTasks().map((t) => [t.id, t]))
}

/** The pipeline state of every task, derived from the active version, candidates and jobs. */
export function taskViews(ws: Workspace): TaskView[] {
  const active = ws.activeVersion()
  const learned = active ? versionTaskIds(active) : []
  const versions = ws.listVersions()
  const running = new Set(ws.listJobs({ status: ['queued', 'running'] }).map((j) => j.taskId))
  return ws.listTasks().map((t) => {
    const idx = learned.indexOf(t.id)
    const own = versions.filter((v) => v.taskId === t.id)
    const latest = own.length ? own.reduce((a, b) => (b.id > a.id ? b : a)) : undefined
    let state: TaskState = 'registered'
    if (idx >= 0) state = 'approved'
    else if (running.has(t.id)) state = 'learning'
    else if (latest?.status === 'candidate') state = 'candidate'
    else if (latest?.status === 'rejected') state = 'rejected'
    const acc = idx >= 0 ? active!.accuracyRow[idx] : null
    return {
      ...t,
      state,
      learnedIndex: idx >= 0 ? idx : null,
      accuracy: typeof acc === 'number' ? acc : null,
      trainRetained: t.trainDroppedAt === null && t.nTrain > 0
    }
  })
}

export function jobView(j: JobRecord, tasks: Map<number, TaskRecord>): JobView {
  const result = (j.result ?? {}) as { versionId?: number }
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    taskId: j.taskId,
    taskName: j.taskId !== null ? (tasks.get(j.taskId)?.name ?? null) : null,
    args: j.args,
    progress: (j.progress as JobView['progress']) ?? null,
    error: j.error,
    versionId: typeof result.versionId === 'number' ? result.versionId : null,
    // A baselines job keeps its finished runs and a checkpoint, so a cancelled one continues too.
    resumable: j.status === 'interrupted' || (j.kind === 'baselines' && j.status === 'cancelled'),
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt
  }
}

export function workspaceSummary(
  ws: Workspace,
  integrity: WorkspaceSummary['integrity'],
  interrupted: number[]
): WorkspaceSummary {
  const s = ws.getSettings()
  const active = ws.activeVersion()
  return {
    dir: ws.dir,
    schemaVersion: ws.info().schemaVersion,
    name: s.name,
    language: s.language,
    tasks: ws.listTasks().length,
    learnedTasks: active ? versionTaskIds(active).length : 0,
    activeVersionId: active?.id ?? null,
    integrity,
    interruptedJobs: interrupted
  }
}
