/**
 * Reads what a report needs from a workspace: the lineage of the reported version, its accuracy
 * matrix R, the metrics, the output drift and the decisions. Read-only.
 *
 * Lineage: start at the active version (or the one asked for) and follow parentId to the root;
 * version i of the lineage learned task i. R[i][j] = accuracy on task j after learning task i =
 * accuracyRow of version i, whose columns are `metrics.taskIds` (in learning order) when stored,
 * else the lineage's tasks 0 … i. Entries j > i are null unless version i+1 stored
 * `metrics.preTrainAccuracy` (accuracy on its task before training = R[i][i+1], for FWT).
 */
import { clMetrics } from '../../engine/metrics'
import { KeizokuError } from '../../shared/errors'
import type { TaskRecord, VersionRecord, Workspace } from '../../workspace'
import type { AccuracyMatrix, DecisionRow, DriftTable, MatrixRow, MetricsResult, ReportTask } from './types'

export interface Lineage {
  versions: VersionRecord[]
  tasks: ReportTask[]
}

/** The chain root → `versionId` (default: the active version). Empty when there is none. */
export function collectLineage(ws: Workspace, versionId?: number): Lineage {
  let v: VersionRecord | null = versionId !== undefined ? ws.getVersion(versionId) : ws.activeVersion()
  const chain: VersionRecord[] = []
  const seen = new Set<number>()
  while (v) {
    if (seen.has(v.id)) {
      throw new KeizokuError('corrupt', `Version ${v.id} is its own ancestor; the version chain is broken.`, {
        hint: 'Run `keizoku check DIR` to inspect the workspace.'
      })
    }
    seen.add(v.id)
    chain.push(v)
    v = v.parentId === null ? null : ws.getVersion(v.parentId)
  }
  chain.reverse()
  const byId = new Map<number, TaskRecord>(ws.listTasks().map((t) => [t.id, t]))
  const tasks = chain.map((ver) => {
    const t = byId.get(ver.taskId)
    return { id: ver.taskId, seq: t?.seq ?? 0, name: t?.name ?? `task ${ver.taskId}` }
  })
  return { versions: chain, tasks }
}

/** `metrics.taskIds` when it is a list of numbers as long as the accuracy row. */
export function rowTaskIds(v: VersionRecord): number[] | null {
  const ids = v.metrics.taskIds
  if (!Array.isArray(ids) || ids.length !== v.accuracyRow.length) return null
  return ids.every((x) => typeof x === 'number') ? (ids as number[]) : null
}

function finiteOrNull(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null
}

export function accuracyMatrix(lineage: Lineage): AccuracyMatrix {
  const T = lineage.tasks.length
  const rows: MatrixRow[] = lineage.versions.map((v, i) => {
    const values: Array<number | null> = new Array<number | null>(T).fill(null)
    const ids = rowTaskIds(v)
    for (let j = 0; j < T; j++) {
      const k = ids ? ids.indexOf(lineage.tasks[j].id) : j
      if (k >= 0 && k < v.accuracyRow.length) values[j] = finiteOrNull(v.accuracyRow[k])
    }
    return { index: i, versionId: v.id, method: v.method, status: v.status, createdAt: v.createdAt, values }
  })
  // R[i−1][i]: the next version's accuracy on its own task before it was trained.
  for (let i = 1; i < T; i++) {
    const pre = finiteOrNull(lineage.versions[i].metrics.preTrainAccuracy)
    if (pre !== null && rows[i - 1].values[i] === null) rows[i - 1].values[i] = pre
  }
  return { tasks: lineage.tasks, rows }
}

/**
 * Metrics of a matrix through the engine's clMetrics. The upper triangle does not enter
 * average accuracy, BWT or forgetting, so missing upper entries are filled with 0 for the call;
 * FWT is computed only when every R[i−1][i] and every b[i] (i ≥ 1) is known.
 */
export function matrixMetrics(R: Array<Array<number | null>>, b: Array<number | null> | null): MetricsResult {
  const T = R.length
  if (T === 0) return { metrics: null, problem: 'no learned tasks', fwtNote: null }
  for (let i = 0; i < T; i++) {
    for (let j = 0; j <= i; j++) {
      if (R[i][j] === null || R[i][j] === undefined)
        return { metrics: null, problem: `R[${i}][${j}] is missing`, fwtNote: null }
    }
  }
  let fwtOk = T > 1 && b !== null
  for (let i = 1; i < T && fwtOk; i++)
    if (R[i - 1][i] === null || b?.[i] === null || b?.[i] === undefined) fwtOk = false
  const filled = R.map((row, i) => row.map((x, j) => (j <= i || fwtOk ? (x ?? 0) : 0)))
  const bFilled = fwtOk && b ? b.map((x) => x ?? 0) : undefined
  const metrics = clMetrics(filled, bFilled)
  const fwtNote = fwtOk ? null : T < 2 ? 'one_task' : 'not_stored'
  return { metrics, problem: null, fwtNote }
}

/** b[i]: `metrics.untrainedAccuracy` of the version that learned task i, when stored. */
export function untrainedAccuracies(lineage: Lineage): Array<number | null> | null {
  const b = lineage.versions.map((v) => finiteOrNull(v.metrics.untrainedAccuracy))
  return b.some((x) => x !== null) ? b : null
}

/** D[i][j] = version i's `drift[j]` (relative output drift of old task j vs the parent). */
export function driftTable(lineage: Lineage): DriftTable {
  const T = lineage.tasks.length
  return {
    rows: lineage.versions.map((v, i) => {
      const values: Array<number | null> = new Array<number | null>(T).fill(null)
      const d = v.drift ?? []
      for (let j = 0; j < Math.min(i, d.length); j++) values[j] = finiteOrNull(d[j])
      return { index: i, versionId: v.id, createdAt: v.createdAt, values }
    })
  }
}

/** Approvals, rejections, rollbacks and overrides, plus rollback audit entries, oldest first. */
export function decisions(ws: Workspace): DecisionRow[] {
  const tasks = new Map(ws.listTasks().map((t) => [t.id, t.name]))
  const versionTask = new Map(ws.listVersions().map((v) => [v.id, tasks.get(v.taskId) ?? `task ${v.taskId}`]))
  const rows: DecisionRow[] = ws.listApprovals().map((a) => ({
    at: a.createdAt,
    kind: 'approval',
    id: a.id,
    versionId: a.versionId,
    taskName: versionTask.get(a.versionId) ?? null,
    decision: a.decision,
    by: a.by,
    comment: a.comment
  }))
  const approvalRollbacks = new Map(rows.filter((r) => r.decision === 'rollback').map((r) => [r.versionId, r]))
  for (const e of ws.listAudit()) {
    if (!/roll(ed)?-?back/i.test(e.action)) continue
    const m = /^version[: ]#?(\d+)$/.exec(e.subject)
    const versionId = m ? Number(m[1]) : null
    const twin = versionId !== null ? approvalRollbacks.get(versionId) : undefined
    if (twin) {
      // The service writes an approval row and an audit entry per rollback; show it once,
      // with the version it went back from.
      if (typeof e.details.from === 'number') twin.decision = `rollback (#${e.details.from} → #${versionId})`
      continue
    }
    rows.push({
      at: e.at,
      kind: 'audit',
      id: e.id,
      versionId,
      taskName: versionId !== null ? (versionTask.get(versionId) ?? null) : null,
      decision: e.action,
      by: e.actor,
      comment: typeof e.details.comment === 'string' ? e.details.comment : ''
    })
  }
  return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id))
}

/** Σ timings.trainMs (ms) of the given versions; null when none recorded it. */
export function trainMillis(versions: VersionRecord[]): number | null {
  let s = 0
  let any = false
  for (const v of versions) {
    const t = v.timings.trainMs
    if (typeof t === 'number' && Number.isFinite(t)) {
      s += t
      any = true
    }
  }
  return any ? s : null
}

/** `metrics.parameterCounts` of a version when well formed. */
export function parameterCounts(v: VersionRecord): { shared: number; perTask: number; mainNet: number } | null {
  const p = v.metrics.parameterCounts
  if (!p || typeof p !== 'object') return null
  const o = p as Record<string, unknown>
  const shared = finiteOrNull(o.shared)
  const perTask = finiteOrNull(o.perTask)
  const mainNet = finiteOrNull(o.mainNet)
  return shared !== null && perTask !== null && mainNet !== null ? { shared, perTask, mainNet } : null
}
