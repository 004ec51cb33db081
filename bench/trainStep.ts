/**
 * Training-step throughput through the engine's public Learner (createLearner + learnTask) on
 * Permuted-MNIST tasks: the step loop only, as learnTask reports it (TaskLearnResult.stepsPerSecond
 * = steps / wall time of the loop, excluding the task's H-score row and set-up).
 *
 * Configurations (MLP 784-100-100-10, batch 128, Adam):
 *   mlp        — the main net alone (method `independent`: a fresh net per task, no regulariser);
 *   hnet       — chunked hypernet (chunk 2,000, hidden 100-75-50, embedding 32) + main net, β = 0;
 *   hnet-reg-k — the same with the output regulariser over k earlier tasks (the learner is first
 *                taught k tasks with 1 step each, snapshotted, and restored for every run).
 * One warm-up run per configuration is discarded, then `runs` timed runs.
 *
 * `KEIZOKU_BACKEND=wasm node --import tsx bench/trainStep.ts [--configs mlp,hnet,hnet-reg-4] [--runs 5]
 *   [--steps-mlp 1000] [--steps-hnet 300]`
 */
import * as tf from '@tensorflow/tfjs'
import { initBackend } from '../src/engine/backend'
import { benchmarkTask } from '../src/common/benchmarks'
import { createLearner, restoreLearner } from '../src/engine/learner'
import type { Learner } from '../src/engine/types'
import type { Method } from '../src/shared/domain/methods'
import type { TaskData } from '../src/shared/dataset'
import { arg, log, matmulPeak, numArg, runChild, stat, type Stat } from './common'
import { stepFlops, type StepShape } from './flops'

export interface StepResult {
  config: string
  backend: string
  method: Method
  regTasks: number
  steps: number
  stepsPerSecond: Stat
  /** FLOPs per step (actual engine algorithm, and the direct-form regulariser equivalent). */
  flopsPerStep: number
  directFlopsPerStep: number
  gflops: Stat
  /** tf.memory().numTensors after the warm-up run and after the last run (equal ⇒ no leak across runs). */
  tensorsAfterWarmup: number
  tensorsAtEnd: number
  /**
   * 1024³ matMul GFLOP/s measured right before this configuration's runs (on a shared machine
   * the load changes within minutes; the ratio to this peak is the robust figure).
   */
  peakGflops: Stat
}

const TASKS = 64
const MAIN = [784, 100, 100, 10]
const BATCH = 128
const CHUNK = 2000

const cache = new Map<number, TaskData>()
function task(k: number): TaskData {
  let t = cache.get(k)
  if (!t) {
    t = benchmarkTask('permuted-mnist', k, { seed: 1, tasks: TASKS })
    // Only the training rows matter here; keep the test set tiny.
    t = { ...t, test: { ...t.test, n: 0, x: new Float32Array(0), y: new Int32Array(0) } }
    cache.set(k, t)
  }
  return t
}

function shapeOf(method: Method, regTasks: number): StepShape {
  if (method !== 'hnet') return { main: MAIN, batch: BATCH, regTasks: 0 }
  let n = 0
  for (let l = 0; l + 1 < MAIN.length; l++) n += MAIN[l] * MAIN[l + 1] + MAIN[l + 1]
  const chunks = Math.ceil(n / CHUNK)
  return {
    main: MAIN,
    batch: BATCH,
    hnet: { te: 32, ce: 12, hidden: [100, 75, 50], chunk: CHUNK, chunks, tail: chunks * CHUNK - n },
    regTasks
  }
}

async function measureConfig(name: string, runs: number, stepsMlp: number, stepsHnet: number): Promise<StepResult> {
  const m = /^hnet-reg-(\d+)$/.exec(name)
  const method: Method = name === 'mlp' ? 'independent' : 'hnet'
  const regTasks = m ? Number(m[1]) : 0
  const steps = method === 'hnet' ? stepsHnet : stepsMlp
  const base = {
    mainNet: { hidden: [100, 100] },
    hnet: { chunkSize: CHUNK, hidden: [100, 75, 50], taskEmbeddingSize: 32 },
    batchSize: BATCH,
    // The H-score row of each new task is computed before the loop and is not timed; keep it small.
    hscoreSamples: 200,
    beta: regTasks > 0 ? 0.05 : 0
  }
  const peakGflops = matmulPeak(1024, 3).gflops
  const sps: number[] = []
  let tensorsAfterWarmup = 0
  if (regTasks === 0) {
    // Independent nets / β = 0: every task starts the same kind of step, so one learner serves all runs.
    const learner = createLearner({ method, seed: 1, config: { ...base, steps }, inputShape: [784] })
    for (let r = 0; r <= runs; r++) {
      const res = await learner.learnTask(task(r))
      if (r === 0) tensorsAfterWarmup = tf.memory().numTensors
      else sps.push(res.stepsPerSecond)
      log(`${name} run ${r}${r === 0 ? ' (warm-up)' : ''}: ${res.stepsPerSecond.toFixed(1)} steps/s`)
    }
    // The independent family keeps one net per task; the growth is state, not a leak.
    learner.dispose()
  } else {
    const setup: Learner = createLearner({ method, seed: 1, config: { ...base, steps: 1 }, inputShape: [784] })
    for (let k = 0; k < regTasks; k++) await setup.learnTask(task(k))
    const snap = setup.snapshot()
    setup.dispose()
    snap.config = { ...snap.config, steps }
    for (let r = 0; r <= runs; r++) {
      const learner = restoreLearner(snap)
      const res = await learner.learnTask(task(regTasks))
      learner.dispose()
      if (r === 0) tensorsAfterWarmup = tf.memory().numTensors
      else sps.push(res.stepsPerSecond)
      log(`${name} run ${r}${r === 0 ? ' (warm-up)' : ''}: ${res.stepsPerSecond.toFixed(1)} steps/s`)
    }
  }
  const flops = stepFlops(shapeOf(method, regTasks))
  return {
    config: name,
    backend: tf.getBackend(),
    method,
    regTasks,
    steps,
    stepsPerSecond: stat(sps),
    flopsPerStep: flops.actual,
    directFlopsPerStep: flops.directEquivalent,
    gflops: stat(sps.map((s) => (s * flops.actual) / 1e9)),
    tensorsAfterWarmup,
    tensorsAtEnd: tf.memory().numTensors,
    peakGflops
  }
}

export interface StepRun {
  backend: string
  /** 1024³ matMul peak measured in this process right before the step figures (same load). */
  peak: { n: number; gflops: Stat }
  results: StepResult[]
}

async function main(): Promise<StepRun> {
  await initBackend()
  const n = numArg('peak-n', 1024)
  const peak = { n, gflops: matmulPeak(n, numArg('peak-runs', 3)).gflops }
  log(`matmul ${n}³ on ${tf.getBackend()} (same process): ${peak.gflops.median.toFixed(2)} GFLOP/s`)
  const configs = arg('configs', 'mlp,hnet,hnet-reg-1,hnet-reg-4,hnet-reg-16').split(',').filter(Boolean)
  const runs = numArg('runs', 5)
  const stepsMlp = numArg('steps-mlp', 1000)
  const stepsHnet = numArg('steps-hnet', 300)
  const out: StepResult[] = []
  for (const c of configs) out.push(await measureConfig(c, runs, stepsMlp, stepsHnet))
  return { backend: tf.getBackend(), peak, results: out }
}

runChild(main)
