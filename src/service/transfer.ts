import { availableParallelism } from 'node:os'
import { workersForParallelWork } from '../engine/backendEnv'
import type { LearnerSnapshot } from '../engine/types'
import type { LabelledSet } from '../shared/dataset'
import { loadSnapshot } from './snapshots'
import type { BackendName, TransferMatrix } from '../shared/types'
import type { VersionRecord, Workspace } from '../workspace/index'
import { classicalMds } from './embeddingMap'
import { taskMap, versionTaskIds } from './views'
import { runInWorker, type RunningJob } from './workerClient'

/** Learned task embeddings e_j and, when the version has one, its fitted target ê. */
function embeddingMap(ws: Workspace, v: VersionRecord, snap: LearnerSnapshot): TransferMatrix['embeddingMap'] {
  const tasks = taskMap(ws)
  const ids = versionTaskIds(v)
  const points: Float32Array[] = []
  const labels: TransferMatrix['embeddingMap'] = []
  ids.forEach((id, j) => {
    const e = snap.tensors.find((t) => t.name === `embedding/${j}`)
    if (!e) return
    points.push(e.data)
    labels.push({ taskId: id, name: tasks.get(id)?.name ?? `task ${id}`, x: 0, y: 0, kind: 'learned' })
  })
  const target = (v.metrics as { embeddingTarget?: number[] | null }).embeddingTarget
  if (Array.isArray(target) && points.length > 0 && target.length === points[0].length) {
    points.push(Float32Array.from(target))
    labels.push({ taskId: v.taskId, name: `${tasks.get(v.taskId)?.name ?? v.taskId} (ê)`, x: 0, y: 0, kind: 'target' })
  }
  const xy = classicalMds(points)
  return labels.map((l, i) => ({ ...l, x: xy[i][0], y: xy[i][1] }))
}

/**
 * H-score of every registered task's data under every learned task's generated weights
 * (penultimate features), computed in a worker. Rows use the holdout set, or the training set
 * when no holdout is kept.
 */
export async function computeTransfer(ws: Workspace): Promise<TransferMatrix> {
  const active = ws.activeVersion()
  const tasks = ws.listTasks()
  const computedAt = new Date().toISOString()
  if (!active) {
    return emptyMatrix(tasks.map((t) => t.id), tasks.map((t) => t.name), tasks.map((t) => t.numClasses), computedAt)
  }
  const snap = loadSnapshot(ws, active)
  const sets = tasks.map((t) => {
    const d = ws.loadTaskData(t.id)
    return d.test.n > 1 ? d.test : d.train
  })
  const out = await transferInParallel(snap, sets)
  const sourceIds = versionTaskIds(active)
  ws.transaction(() => {
    tasks.forEach((t, i) => {
      if (out.scores[i].length) {
        ws.recordEvaluation({ versionId: active.id, taskId: t.id, kind: 'transfer', row: out.scores[i], taskIds: sourceIds, details: { computedAt, backend: out.backend, millis: out.millis, workers: out.workers } })
      }
    })
  })
  return latestTransfer(ws, snap)!
}

/**
 * The rows are independent (each is one set's H-scores under every learned task), so they are
 * split into balanced contiguous shards over {@link workersForParallelWork} workers (one per core
 * on wasm, whose workers run one thread each) and joined in order. Every worker restores the same
 * snapshot, so the rows equal a single worker's. `millis` is the wall time of the whole computation.
 */
async function transferInParallel(
  snapshot: LearnerSnapshot,
  sets: LabelledSet[]
): Promise<{ scores: number[][]; millis: number; backend: string; workers: number }> {
  const t0 = performance.now()
  const workers = Math.max(1, Math.min(workersForParallelWork(availableParallelism()), sets.length))
  const shards: LabelledSet[][] = []
  for (let k = 0, start = 0; k < workers; k++) {
    const size = Math.floor(sets.length / workers) + (k < sets.length % workers ? 1 : 0)
    shards.push(sets.slice(start, start + size))
    start += size
  }
  const jobs: Array<RunningJob<{ scores: number[][]; backend: string }>> = []
  try {
    for (const part of shards) jobs.push(runInWorker({ kind: 'transfer', payload: { snapshot, sets: part } }))
    const parts = await Promise.all(jobs.map((j) => j.result))
    return { scores: parts.flatMap((p) => p.scores), millis: performance.now() - t0, backend: parts[0].backend, workers }
  } catch (err) {
    // One shard failed (or a worker could not start): stop the others instead of letting them run on.
    await Promise.allSettled(jobs.map((j) => j.kill()))
    throw err
  }
}

/**
 * The newest stored transferability rows for the active version, as a matrix. `snapshot` is the
 * active version's learner when the caller already read it (the artifact is verified on read).
 */
export function latestTransfer(ws: Workspace, snapshot?: LearnerSnapshot): TransferMatrix | null {
  const active = ws.activeVersion()
  if (!active) return null
  const rows = ws.listEvaluations({ versionId: active.id, kind: 'transfer' })
  if (rows.length === 0) return null
  const tasks = ws.listTasks()
  const byTask = new Map<number, (typeof rows)[number]>()
  for (const r of rows) if (r.taskId !== null && (!byTask.has(r.taskId) || byTask.get(r.taskId)!.id < r.id)) byTask.set(r.taskId, r)
  const sourceIds = versionTaskIds(active)
  const names = taskMap(ws)
  const newest = [...byTask.values()].reduce((a, b) => (b.id > a.id ? b : a))
  return {
    versionId: active.id,
    computedAt: String(newest.details.computedAt ?? newest.createdAt),
    sourceTaskIds: sourceIds,
    sourceNames: sourceIds.map((id) => names.get(id)?.name ?? `task ${id}`),
    targetTaskIds: tasks.map((t) => t.id),
    targetNames: tasks.map((t) => t.name),
    scores: tasks.map((t) => {
      const r = byTask.get(t.id)
      return sourceIds.map((id) => {
        const k = r ? r.taskIds.indexOf(id) : -1
        return k >= 0 ? r!.row[k] : null
      })
    }),
    classCounts: tasks.map((t) => t.numClasses),
    embeddingMap: embeddingMap(ws, active, snapshot ?? loadSnapshot(ws, active)),
    backend: (newest.details.backend as BackendName | undefined) ?? null,
    millis: typeof newest.details.millis === 'number' ? newest.details.millis : null
  }
}

function emptyMatrix(ids: number[], names: string[], classCounts: number[], computedAt: string): TransferMatrix {
  return {
    versionId: null,
    computedAt,
    sourceTaskIds: [],
    sourceNames: [],
    targetTaskIds: ids,
    targetNames: names,
    scores: ids.map(() => []),
    classCounts,
    embeddingMap: [],
    backend: null,
    millis: null
  }
}
