import { readFileSync } from 'node:fs'
import * as tf from '@tensorflow/tfjs'
import type { BackendName } from '../shared/types'
import { initBackend } from './backend'
import { benchmarkSequence } from '../common/benchmarks'
import type { BenchmarkKind } from '../shared/domain/lists'
import type { PartialEngineConfig } from '../shared/domain/engineConfig'
import { createLearner } from './learner'
import { clMetrics, type CLMetrics } from './metrics'
import type { ParameterCounts } from '../shared/domain/learning'
import type { Method } from '../shared/domain/methods'

/** One (method, seed) cell of `keizoku bench`. Plain data: it crosses a worker boundary. */
export interface BenchmarkJob {
  benchmark: BenchmarkKind
  tasks: number
  method: Method
  seed: number
  steps: number
  config: PartialEngineConfig
}

export interface BenchmarkResult {
  benchmark: BenchmarkKind
  tasks: number
  method: Method
  seed: number
  steps: number
  /** R[i][j]: test accuracy on task j after learning tasks 0 … i (j > i: before learning j). */
  R: number[][]
  /** Accuracy of an untrained model on each task (FWT baseline). */
  b: number[]
  metrics: CLMetrics
  /** Whole job incl. data, H-scores, evaluation. */
  wallSeconds: number
  /** Sum of learnTask times (training incl. the task's H-score row and H-embedding fit). */
  trainSeconds: number
  perTaskSeconds: number[]
  /** CPU seconds of the training thread during learnTask calls (Linux; null elsewhere). */
  trainCpuSeconds: number | null
  perTaskCpuSeconds: number[]
  /** Training steps per second over the whole sequence (steps · tasks / trainSeconds). */
  stepsPerSecond: number
  backend: BackendName
  parameterCounts: ParameterCounts
  /** Floats kept per task × 4 (e_t for hypernets; a head or a whole net for baselines). */
  bytesPerTask: number
  /** Bytes of the learner snapshot after the last task, divided by the number of tasks. */
  snapshotBytesPerTask: number
  transferRows: number[][]
}

/**
 * CPU seconds used so far by the calling thread (Linux /proc/thread-self/stat utime + stime,
 * clock ticks of 1/100 s), or undefined elsewhere. Wall time on a machine shared with other
 * work overstates the engine's cost; the training thread's own CPU time does not.
 */
export function threadCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}

/**
 * Runs one method on one seed of a built-in benchmark: learns the tasks in order, evaluating
 * every task's test set after each (task-incremental: the task index is known at test time).
 */
export interface BenchmarkTaskReport {
  t: number
  seconds: number
  cpuSeconds: number | null
  /** R[t][0 … t]: accuracies on the tasks learned so far. */
  row: number[]
}

export async function runBenchmarkJob(
  job: BenchmarkJob,
  onTask?: (r: BenchmarkTaskReport) => void
): Promise<BenchmarkResult> {
  const started = Date.now()
  const info = await initBackend()
  const seq = benchmarkSequence(job.benchmark, job.tasks, job.seed)
  const T = seq.length
  const config = { ...job.config, steps: job.steps }
  const learner = createLearner({ method: job.method, seed: job.seed, config, inputShape: seq[0].train.inputShape })
  const fresh = createLearner({ method: job.method, seed: job.seed, config, inputShape: seq[0].train.inputShape })
  const b = seq.map((d) => fresh.evaluateBeforeLearning(d.test))
  fresh.dispose()
  const R: number[][] = []
  const perTaskSeconds: number[] = []
  const perTaskCpu: number[] = []
  const transferRows: number[][] = []
  try {
    for (let t = 0; t < T; t++) {
      const cpu0 = threadCpuSeconds()
      const res = await learner.learnTask(seq[t])
      const cpu1 = threadCpuSeconds()
      if (cpu0 !== undefined && cpu1 !== undefined) perTaskCpu.push(cpu1 - cpu0)
      perTaskSeconds.push(res.millis / 1000)
      transferRows.push(res.transferRow)
      const row: number[] = []
      for (let j = 0; j < T; j++)
        row.push(
          j <= t ? learner.evaluate(j, seq[j].test) : j === t + 1 ? learner.evaluateBeforeLearning(seq[j].test) : NaN
        )
      R.push(row)
      onTask?.({
        t,
        seconds: res.millis / 1000,
        cpuSeconds: cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : null,
        row: row.slice(0, t + 1)
      })
    }
    // Entries j > i + 1 are not used by any metric; fill them with the pre-learning accuracy
    // measured when task j was next (R[j−1][j]) so the matrix is complete.
    for (let i = 0; i < T; i++) for (let j = i + 2; j < T; j++) R[i][j] = R[j - 1][j]
    const trainSeconds = perTaskSeconds.reduce((a, v) => a + v, 0)
    const counts = learner.parameterCounts()
    const snap = learner.snapshot()
    const snapBytes = snap.tensors.reduce((a, r) => a + r.data.byteLength, 0)
    return {
      benchmark: job.benchmark,
      tasks: T,
      method: job.method,
      seed: job.seed,
      steps: job.steps,
      R,
      b,
      metrics: clMetrics(R, b),
      wallSeconds: (Date.now() - started) / 1000,
      trainSeconds,
      perTaskSeconds,
      trainCpuSeconds: perTaskCpu.length === T ? perTaskCpu.reduce((a, v) => a + v, 0) : null,
      perTaskCpuSeconds: perTaskCpu,
      stepsPerSecond: (job.steps * T) / Math.max(trainSeconds, 1e-9),
      backend: (tf.getBackend() as BackendName) ?? info.name,
      parameterCounts: counts,
      bytesPerTask: counts.perTask * 4,
      snapshotBytesPerTask: snapBytes / T,
      transferRows
    }
  } finally {
    learner.dispose()
  }
}
