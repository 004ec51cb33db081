/**
 * Cost per task as the number of learned tasks grows (hnet with the output regulariser, β = 0.05):
 * Permuted-MNIST tasks 0 … T−1 with a few steps each, `regSubsample` 0 (all earlier tasks) or k.
 * Per task two times: the whole learnTask (incl. the new task's H-score row under every earlier
 * task, which grows with t by design) and the step loop alone (steps / stepsPerSecond).
 *
 * `KEIZOKU_BACKEND=wasm node --import tsx bench/growth.ts [--tasks 50] [--steps 50] [--subsample 0]`
 */
import { benchmarkTask } from '../src/common/benchmarks'
import { createLearner } from '../src/engine/learner'
import { initBackend } from '../src/engine/backend'
import { log, numArg, runChild } from './common'

export interface GrowthResult {
  tasks: number
  steps: number
  regSubsample: number
  /** Seconds per task, index = task (0-based; task t regularises t earlier tasks). */
  taskSeconds: number[]
  loopSeconds: number[]
}

async function main(): Promise<GrowthResult> {
  await initBackend()
  const T = numArg('tasks', 50)
  const steps = numArg('steps', 50)
  const regSubsample = numArg('subsample', 0)
  const learner = createLearner({ method: 'hnet', seed: 1, config: { steps, regSubsample }, inputShape: [784] })
  const taskSeconds: number[] = []
  const loopSeconds: number[] = []
  for (let t = 0; t < T; t++) {
    const d = benchmarkTask('permuted-mnist', t, { seed: 1, tasks: T })
    const res = await learner.learnTask({
      ...d,
      test: { ...d.test, n: 0, x: new Float32Array(0), y: new Int32Array(0) }
    })
    taskSeconds.push(res.millis / 1000)
    loopSeconds.push(steps / res.stepsPerSecond)
    if (t % 5 === 0 || t === T - 1)
      log(
        `growth (subsample ${regSubsample}) task ${t + 1}/${T}: ${(res.millis / 1000).toFixed(2)} s, loop ${loopSeconds[t].toFixed(2)} s`
      )
  }
  learner.dispose()
  return { tasks: T, steps, regSubsample, taskSeconds, loopSeconds }
}

runChild(main)
