/**
 * Checks the training-memory estimate (src/engine/memoryEstimate.ts) against measured peaks: for
 * each main-net size and method, the tf.profile peak of learning Permuted-MNIST tasks 1…T (a few
 * steps each) beside the estimate. The estimate must stay above the peak.
 *
 * `node --import tsx bench/memoryEstimate.ts [--hidden 400,2000] [--tasks 2] [--steps 5]`
 */
import * as tf from '@tensorflow/tfjs'
import { benchmarkSequence } from '../src/common/benchmarks'
import { initBackend } from '../src/engine/backend'
import { createLearner } from '../src/engine/learner'
import { estimateTrainingMemory } from '../src/engine/memoryEstimate'
import { resolveConfig } from '../src/shared/domain/engineConfig'
import type { Method } from '../src/shared/domain/methods'
import { arg, numArg } from './common'

async function main(): Promise<void> {
  const backend = await initBackend({ KEIZOKU_BACKEND: process.env.KEIZOKU_BACKEND ?? 'wasm' })
  const widths = arg('hidden', '400,2000').split(',').map(Number)
  const count = numArg('tasks', 2)
  const tasks = benchmarkSequence('permuted-mnist', count, 1)
  for (const width of widths) {
    const config = {
      mainNet: { hidden: [width, width] },
      batchSize: 128,
      steps: numArg('steps', 5),
      hscoreSamples: 200,
      hembSteps: 20
    }
    for (const method of ['hemb', 'finetune', 'independent'] as Method[]) {
      const learner = createLearner({ method, seed: 1, inputShape: tasks[0].train.inputShape, config })
      for (let t = 0; t < count; t++) {
        const before = tf.memory().numBytes
        const profile = await tf.profile(async () => {
          await learner.learnTask(tasks[t])
        })
        const est = estimateTrainingMemory(
          resolveConfig(config),
          method,
          tasks[t].train.inputShape,
          t,
          tasks[t].train.n + tasks[t].test.n
        )
        const mb = (b: number): number => Math.round(b / 1e5) / 10
        console.log(
          JSON.stringify({
            backend: backend.name,
            hidden: [width, width],
            weights: est.mainNetWeights,
            method,
            task: t + 1,
            peakMB: mb(before + profile.peakBytes),
            estimateMB: mb(est.bytes)
          })
        )
      }
      learner.dispose()
    }
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
