import { availableParallelism } from 'node:os'
import { workersForParallelWork } from '../engine/backendEnv'
import type { LearnerSnapshot } from '../engine/types'
import type { LabelledSet } from '../shared/dataset'
import { resolveConfig } from '../shared/domain/engineConfig'
import { loadSnapshot } from './snapshots'
import type { BackendName, TransferMatrix } from '../shared/types'
import type { VersionRecord, Workspace } from '../workspace/index'
import { classicalMds } from './embeddingMap'
import { isFlatRow } from '../engine/flatRow'
import {
  TRANSFER_ESTIMATORS,
  estimatorScale,
  type TransferEstimator,
  type TransferTrust
} from '../shared/transferability'
import { transferRecordOf, workspaceTrust } from './transferTrust'

type EstimateRows = Record<TransferEstimator, number[]>
import { taskMap, versionTaskIds } from './views'
import { runInWorker, type RunningJob } from './workerClient'

/** Learned task embeddings e_j and, when the version has one, its fitted target ê. */
function embeddingMap(ws: Workspace, v: VersionRecord, snap: LearnerSnapshot): TransferMatrix['embeddingMap'] {
  const tasks = taskMap(ws)
  const ids = versionTaskIds(v)
  const points: Float32Array[] = []
  const labels: TransferMatrix['embeddingMap'] = []
  // With per-task chunk embeddings a stored embedding is [e_j ; chunk embeddings]; the map shows e_j.
  const te = resolveConfig(snap.config).hnet.taskEmbeddingSize
  ids.forEach((id, j) => {
    const e = snap.tensors.find((t) => t.name === `embedding/${j}`)
    if (!e) return
    points.push(e.data.subarray(0, te))
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
    return emptyMatrix(
      tasks.map((t) => t.id),
      tasks.map((t) => t.name),
      tasks.map((t) => t.numClasses),
      computedAt,
      workspaceTrust(ws)
    )
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
      const est = out.scores[i]
      if (est && est.hscore.length) {
        // `row` stays the paper's H-score (the reference); every estimator's row rides in details.
        ws.recordEvaluation({
          versionId: active.id,
          taskId: t.id,
          kind: 'transfer',
          row: est.hscore,
          taskIds: sourceIds,
          details: { computedAt, backend: out.backend, millis: out.millis, workers: out.workers, estimates: est }
        })
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
): Promise<{ scores: Array<EstimateRows | null>; millis: number; backend: string; workers: number }> {
  const t0 = performance.now()
  const workers = Math.max(1, Math.min(workersForParallelWork(availableParallelism()), sets.length))
  const shards: LabelledSet[][] = []
  for (let k = 0, start = 0; k < workers; k++) {
    const size = Math.floor(sets.length / workers) + (k < sets.length % workers ? 1 : 0)
    shards.push(sets.slice(start, start + size))
    start += size
  }
  const jobs: Array<RunningJob<{ scores: Array<EstimateRows | null>; backend: string }>> = []
  try {
    for (const part of shards) jobs.push(runInWorker({ kind: 'transfer', payload: { snapshot, sets: part } }))
    const parts = await Promise.all(jobs.map((j) => j.result))
    return {
      scores: parts.flatMap((p) => p.scores),
      millis: performance.now() - t0,
      backend: parts[0].backend,
      workers
    }
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
  for (const r of rows)
    if (r.taskId !== null && (!byTask.has(r.taskId) || byTask.get(r.taskId)!.id < r.id)) byTask.set(r.taskId, r)
  const sourceIds = versionTaskIds(active)
  const names = taskMap(ws)
  const newest = [...byTask.values()].reduce((a, b) => (b.id > a.id ? b : a))
  const trust = workspaceTrust(ws)
  const estimates = Object.fromEntries(
    TRANSFER_ESTIMATORS.map((e) => [
      e,
      tasks.map((t) => {
        const r = byTask.get(t.id)
        const row = e === 'hscore' ? r?.row : (r?.details.estimates as EstimateRows | undefined)?.[e]
        return sourceIds.map((id) => {
          const k = r ? r.taskIds.indexOf(id) : -1
          return k >= 0 && row && typeof row[k] === 'number' ? row[k] : null
        })
      })
    ])
  ) as TransferMatrix['estimates']
  const scores = estimates[trust.estimator]
  const classCounts = tasks.map((t) => t.numClasses)
  const learned = new Set(sourceIds)
  return {
    versionId: active.id,
    computedAt: String(newest.details.computedAt ?? newest.createdAt),
    sourceTaskIds: sourceIds,
    sourceNames: sourceIds.map((id) => names.get(id)?.name ?? `task ${id}`),
    targetTaskIds: tasks.map((t) => t.id),
    targetNames: tasks.map((t) => t.name),
    scores,
    estimator: trust.estimator,
    estimates,
    measured: measuredMatrix(
      ws,
      tasks.map((t) => t.id),
      sourceIds
    ),
    trust,
    flatRows: scores.map((row, i) => isFlatRow(row, trust.estimator, classCounts[i])),
    recommendedOrder: recommendOrder(
      tasks.flatMap((t, i) =>
        learned.has(t.id) ? [] : [{ taskId: t.id, name: t.name, row: scores[i], numClasses: t.numClasses }]
      ),
      sourceIds.map((id) => names.get(id)?.name ?? `task ${id}`),
      trust.estimator
    ),
    classCounts,
    embeddingMap: embeddingMap(ws, active, snapshot ?? loadSnapshot(ws, active)),
    backend: (newest.details.backend as BackendName | undefined) ?? null,
    millis: typeof newest.details.millis === 'number' ? newest.details.millis : null
  }
}

/**
 * Measured transfer in the matrix's layout: row task t's linear-probe accuracy on each source's
 * features, from the newest version that learned t (its record covers the tasks learned before it).
 */
function measuredMatrix(ws: Workspace, targetIds: number[], sourceIds: number[]): Array<Array<number | null>> {
  const newest = new Map<number, VersionRecord>()
  for (const v of ws.listVersions()) {
    if (v.status === 'rejected' || !transferRecordOf(v)) continue
    const seen = newest.get(v.taskId)
    if (!seen || seen.id < v.id) newest.set(v.taskId, v)
  }
  return targetIds.map((t) => {
    const v = newest.get(t)
    const rec = v ? transferRecordOf(v) : null
    const before = v ? versionTaskIds(v).slice(0, -1) : []
    return sourceIds.map((id) => {
      const k = before.indexOf(id)
      return rec && k >= 0 ? (rec.measured[k] ?? null) : null
    })
  })
}

/**
 * Greedy order for the tasks not yet learned: by the best predicted transfer from any learned
 * task, max_j s_tj / scale_t (scale = C − 1 for the H-scores, so rows with different class counts
 * compare), highest first. Later steps cannot be predicted — a task's features exist only once
 * it is learned — so the order is one greedy step from what is learned now, ranked.
 */
export function recommendOrder(
  candidates: Array<{ taskId: number; name: string; row: Array<number | null>; numClasses: number }>,
  sourceNames: string[],
  estimator: TransferEstimator
): TransferMatrix['recommendedOrder'] {
  const ranked = candidates.map((c, order) => {
    let score: number | null = null
    let bestSource: string | null = null
    c.row.forEach((v, j) => {
      if (v === null) return
      const s = v / estimatorScale(estimator, c.numClasses)
      if (score === null || s > score) {
        score = s
        bestSource = sourceNames[j]
      }
    })
    return {
      taskId: c.taskId,
      name: c.name,
      score: score as number | null,
      bestSource: bestSource as string | null,
      order
    }
  })
  ranked.sort((x, y) => (y.score ?? -Infinity) - (x.score ?? -Infinity) || x.order - y.order)
  return ranked.map(({ order: _order, ...r }) => r)
}

function emptyMatrix(
  ids: number[],
  names: string[],
  classCounts: number[],
  computedAt: string,
  trust: TransferTrust
): TransferMatrix {
  return {
    versionId: null,
    computedAt,
    sourceTaskIds: [],
    sourceNames: [],
    targetTaskIds: ids,
    targetNames: names,
    scores: ids.map(() => []),
    estimator: trust.estimator,
    estimates: Object.fromEntries(
      TRANSFER_ESTIMATORS.map((e) => [e, ids.map(() => [])])
    ) as unknown as TransferMatrix['estimates'],
    measured: ids.map(() => []),
    trust,
    flatRows: ids.map(() => false),
    recommendedOrder: [],
    classCounts,
    embeddingMap: [],
    backend: null,
    millis: null
  }
}
