/**
 * Test workspaces for the report tests: tiny synthetic tasks (two Gaussian blobs in 6-D, a
 * different separating direction per task), learned for real by the engine, or — for the
 * 50-task layout check — versions with hand-made accuracy rows.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { initBackend } from '../../src/engine/backend'
import { createLearner } from '../../src/engine/learner'
import { relativeOutputDrift } from '../../src/engine/metrics'
import { gaussian, mulberry32 } from '../../src/common/random'
import type { Method } from '../../src/shared/domain/methods'
import type { LabelledSet } from '../../src/shared/dataset'
import { openWorkspace, type ImportedDataset, type Workspace } from '../../src/workspace'

const D = 6

function blobs(n: number, dir: number[], rand: () => number): LabelledSet {
  const x = new Float32Array(n * D)
  const y = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = i % 2
    y[i] = c
    for (let d = 0; d < D; d++) x[i * D + d] = (c === 0 ? -1 : 1) * 1.2 * dir[d] + gaussian(rand)
  }
  return { x, y, n, inputShape: [D], numClasses: 2 }
}

export function syntheticTask(k: number, nTrain = 80, nTest = 40): ImportedDataset {
  const rand = mulberry32(1000 + k)
  const raw = Array.from({ length: D }, () => gaussian(rand))
  const norm = Math.hypot(...raw)
  const dir = raw.map((v) => v / norm)
  const train = blobs(nTrain, dir, rand)
  const test = blobs(nTest, dir, rand)
  return {
    data: { name: `task ${k}`, train, test, classNames: ['a', 'b'] },
    source: { kind: 'synthetic', k },
    schema: { features: Array.from({ length: D }, (_, i) => `f${i}`), label: 'y', ignored: [], groupBy: null },
    classCounts: { train: [nTrain / 2, nTrain / 2], test: [nTest / 2, nTest / 2] },
    stats: null,
    holdout: { fraction: nTest / (nTrain + nTest), seed: 1, mode: 'stratified' },
    warnings: [],
    sourceHash: `synthetic-${k}`
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `keizoku-${prefix}-`))
}

const TINY = {
  mainNet: { kind: 'mlp', hidden: [12], activation: 'relu', convFilters: [4, 4], headSize: 2 },
  hnet: {
    taskEmbeddingSize: 8,
    chunkEmbeddingSize: 4,
    chunkSize: 64,
    hidden: [16],
    activation: 'relu',
    embeddingInit: 'random'
  },
  steps: 60,
  batchSize: 16,
  lr: 0.01,
  embeddingLr: 0.01,
  decoderHidden: 16,
  hembSteps: 50,
  hscoreSamples: 40,
  ewcSamples: 20
}

/**
 * Learn every task of `ws` in order with `method`, storing one version per task the way the
 * service does (src/service/work/train.ts): accuracyRow over the learned tasks, metrics.taskIds,
 * parameterCounts, preTrainAccuracy (R[t−1][t]) and untrainedAccuracy (b_t), drift, timings.trainMs. With `approve`, each version is approved (active) with an approval row.
 */
export async function learnAll(
  ws: Workspace,
  method: Method,
  opts: { approve: boolean; seed?: number }
): Promise<number[]> {
  await initBackend()
  const tasks = ws.listTasks()
  const learner = createLearner({ method, seed: opts.seed ?? 1, config: TINY, inputShape: [D] })
  // A never-trained learner of the same method and seed gives the FWT baseline b_t.
  const fresh = createLearner({ method, seed: opts.seed ?? 1, config: TINY, inputShape: [D] })
  const ids: number[] = []
  let parentId: number | null = null
  const before: Float32Array[] = []
  const hyper = method === 'hemb' || method === 'hnet' || method === 'hnet-random'
  try {
    for (let i = 0; i < tasks.length; i++) {
      const data = ws.loadTaskData(tasks[i].id)
      const preTrainAccuracy = learner.evaluateBeforeLearning(data.test)
      const untrainedAccuracy = fresh.evaluateBeforeLearning(data.test)
      const res = await learner.learnTask(data)
      const accuracyRow = tasks.slice(0, i + 1).map((t, j) => learner.evaluate(j, ws.loadTaskData(t.id).test))
      const drift = i === 0 || !hyper ? null : before.map((w, j) => relativeOutputDrift(learner.generatedWeights(j), w))
      if (hyper) {
        before.length = 0
        for (let j = 0; j <= i; j++) before.push(learner.generatedWeights(j).slice())
      }
      const snap = learner.snapshot()
      const snapshotHash = ws.putTensors(snap.tensors, 'snapshot', { method })
      const v = ws.createVersion({
        taskId: tasks[i].id,
        parentId,
        snapshotHash,
        method,
        config: TINY,
        seed: opts.seed ?? 1,
        backend: res.backend,
        metrics: {
          taskIds: tasks.slice(0, i + 1).map((t) => t.id),
          parameterCounts: { ...learner.parameterCounts() },
          preTrainAccuracy,
          untrainedAccuracy
        },
        accuracyRow,
        transferRow: res.transferRow,
        drift,
        timings: { trainMs: res.millis }
      })
      if (opts.approve) {
        ws.recordApproval({ versionId: v.id, decision: 'approve', by: 'tester', comment: `ok ${i}` })
        ws.setVersionStatus(v.id, 'active')
      }
      parentId = v.id
      ids.push(v.id)
    }
  } finally {
    learner.dispose()
    fresh.dispose()
  }
  return ids
}

/** `sameData`: every task gets the same rows (one pair of content-addressed files, fast). */
export function workspaceWithTasks(n: number, name = 'Line A', sameData = false): Workspace {
  const ws = openWorkspace(tempDir('rep'), { create: true, settings: { name } })
  const shared = syntheticTask(0, 8, 4)
  for (let k = 0; k < n; k++) ws.addTask({ name: `Cut ${k + 1}`, dataset: sameData ? shared : syntheticTask(k, 8, 4) })
  return ws
}

/**
 * A workspace of n tasks whose versions carry hand-made accuracy rows (no training): task j
 * starts at 0.95 − 0.1·frac and loses 0.004 per later task; drift 0.01·(i − j). For layout checks.
 */
export function syntheticLineage(n: number, name = 'Fifty tasks'): Workspace {
  const ws = workspaceWithTasks(n, name, true)
  const tasks = ws.listTasks()
  const snapshotHash = ws.putTensors([{ name: 'theta', shape: [4], data: new Float32Array(4) }])
  let parentId: number | null = null
  for (let i = 0; i < n; i++) {
    const row = tasks.slice(0, i + 1).map((_, j) => Math.max(0, 0.95 - (0.1 * ((j * 7) % 10)) / 10 - 0.004 * (i - j)))
    const v = ws.createVersion({
      taskId: tasks[i].id,
      parentId,
      snapshotHash,
      method: 'hemb',
      config: {},
      seed: 1,
      backend: 'wasm',
      metrics: {
        taskIds: tasks.slice(0, i + 1).map((t) => t.id),
        parameterCounts: { shared: 20000, perTask: 32, mainNet: 90000, compression: 2 }
      },
      accuracyRow: row,
      drift: i === 0 ? null : Array.from({ length: i }, (_, j) => 0.01 * (i - j)),
      timings: { trainMs: 60000 }
    })
    ws.recordApproval({ versionId: v.id, decision: 'approve', by: 'engineer', comment: '' })
    ws.setVersionStatus(v.id, 'active')
    parentId = v.id
  }
  return ws
}
