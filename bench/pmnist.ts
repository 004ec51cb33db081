/**
 * Permuted-MNIST, the issue's reference setup: 10 tasks, 1,000 steps per task, MLP 100-100,
 * chunked hypernet (chunk 2,000, hidden 100-75-50), batch 128 — the engine defaults — run through
 * the engine's bench runner (`runBenchmarkJob`, what `keizoku bench` runs per method and seed).
 * One method per process. Reference: the authors' PyTorch `hnet`, one torch thread, on this
 * machine: 160.5 s.
 *
 * `KEIZOKU_BACKEND=wasm node --import tsx bench/pmnist.ts --method hnet [--tasks 10] [--steps 1000]`
 */
import { writeFileSync } from 'node:fs'
import { runBenchmarkJob } from '../src/engine/benchmarkRun'
import type { Method } from '../src/shared/domain/methods'
import { arg, log, numArg, peakRssMB, runChild } from './common'

export interface PmnistResult {
  method: Method
  tasks: number
  steps: number
  backend: string
  /** Whole job: data, learning, H-score rows, H-embedding fits and the evaluation after every task. */
  wallSeconds: number
  /** Sum of learnTask times (the figure comparable with the authors' training time). */
  trainSeconds: number
  perTaskSeconds: number[]
  stepsPerSecond: number
  /** Mean test accuracy over all tasks after the last one (sanity: the run learned something). */
  finalAccuracy: number
  /** Set when the run was stopped before the last task: only `perTaskSeconds` of the tasks done. */
  partial?: { completedTasks: number; source: string }
}

async function main(): Promise<PmnistResult> {
  const method = arg('method', 'hnet') as Method
  const tasks = numArg('tasks', 10)
  const steps = numArg('steps', 1000)
  const out = arg('out', '')
  const done: number[] = []
  const r = await runBenchmarkJob({ benchmark: 'permuted-mnist', tasks, method, seed: 1, steps, config: {} }, (rep) => {
    log(`permuted-mnist ${method} task ${rep.t}: ${rep.seconds.toFixed(1)} s`)
    done.push(rep.seconds)
    // A partial result after every task, so a run stopped early (it takes minutes) keeps what it measured.
    if (out && rep.t < tasks - 1) {
      const sum = done.reduce((a, v) => a + v, 0)
      const data: PmnistResult = {
        method,
        tasks,
        steps,
        backend: 'unknown',
        wallSeconds: NaN,
        trainSeconds: sum,
        perTaskSeconds: [...done],
        stepsPerSecond: (steps * done.length) / sum,
        finalAccuracy: NaN,
        partial: { completedTasks: done.length, source: 'written after each task; the run was stopped before the end' }
      }
      writeFileSync(out, JSON.stringify({ ok: true, data, peakRssMB: peakRssMB() }))
    }
  })
  const last = r.R[r.R.length - 1]
  return {
    method,
    tasks,
    steps,
    backend: r.backend,
    wallSeconds: r.wallSeconds,
    trainSeconds: r.trainSeconds,
    perTaskSeconds: r.perTaskSeconds,
    stepsPerSecond: r.stepsPerSecond,
    finalAccuracy: last.reduce((a, v) => a + v, 0) / last.length
  }
}

runChild(main)
