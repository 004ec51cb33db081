import * as tf from '@tensorflow/tfjs'
import { initBackend } from '../src/engine/backend'
import { benchmarkSequence } from '../src/common/benchmarks'
import { createLearner } from '../src/engine/learner'
import { estimateTrainingMemory } from '../src/engine/memoryEstimate'
import { resolveConfig } from '../src/shared/domain/engineConfig'
import type { Method } from '../src/shared/domain/methods'

async function main(): Promise<void> {
  await initBackend({ KEIZOKU_BACKEND: 'wasm' })
  const tasks = benchmarkSequence('permuted-mnist', 3, 1)
  for (const hidden of [[400, 400], [2000, 2000]]) {
  const config = { mainNet: { hidden }, batchSize: 128, steps: 5, hscoreSamples: 200, hembSteps: 20 }
  for (const method of ['hemb', 'finetune', 'independent'] as Method[]) {
    const l = createLearner({ method, seed: 1, inputShape: tasks[0].train.inputShape, config })
    for (let t = 0; t < 2; t++) {
      const base = tf.memory().numBytes
      const prof = await tf.profile(async () => { await l.learnTask(tasks[t]) })
      const est = estimateTrainingMemory(resolveConfig(config), method, tasks[0].train.inputShape, t, tasks[t].train.n + tasks[t].test.n)
      console.log(JSON.stringify({ method, task: t, baseMB: +(base / 1e6).toFixed(1), peakMB: +((base + prof.peakBytes) / 1e6).toFixed(1), estimateMB: +(est.bytes / 1e6).toFixed(1), N: est.mainNetWeights }))
    }
    l.dispose()
  }
  }
}
main().catch((e) => { console.error(e); process.exit(1) })
