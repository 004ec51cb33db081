/**
 * Permuted-MNIST, the issue's reference setup: 10 tasks, 1,000 steps per task, MLP 100-100,
 * chunked hypernet (chunk 2,000, hidden 100-75-50), batch 128 — the engine defaults — run through
 * the engine's bench runner (`runBenchJob`, what `keizoku bench` runs per method and seed).
 * One method per process. Reference: the authors' PyTorch `hnet`, one torch thread, on this
 * machine: 160.5 s.
 *
 * `KEIZOKU_BACKEND=wasm node --import tsx bench/pmnist.ts --method hnet [--tasks 10] [--steps 1000]`
 */
import { runBenchJob } from '../src/engine/benchRun'
import type { Method } from '../src/engine/types'
import { arg, log, numArg, runChild } from './common'

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
}

async function main(): Promise<PmnistResult> {
  const method = arg('method', 'hnet') as Method
  const tasks = numArg('tasks', 10)
  const steps = numArg('steps', 1000)
  const r = await runBenchJob({ benchmark: 'permuted-mnist', tasks, method, seed: 1, steps, config: {} }, (t, s) =>
    log(`permuted-mnist ${method} task ${t}: ${s.toFixed(1)} s`)
  )
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
