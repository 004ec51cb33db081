import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../src/engine/backend'
import { benchmarkSequence } from '../../src/common/benchmarks'
import { createLearner } from '../../src/engine/learner'
import { clMetrics } from '../../src/engine/metrics'

describe('split-MNIST, 3 tasks, wasm (integration)', () => {
  beforeAll(async () => {
    await initBackend({ KEIZOKU_BACKEND: 'wasm' })
  })

  it('hemb reaches ≥ 95 % average task-incremental accuracy with few steps', async () => {
    expect(tf.getBackend()).toBe('wasm')
    const tasks = benchmarkSequence('split-mnist', 3, 1)
    const learner = createLearner({
      method: 'hemb',
      seed: 1,
      inputShape: tasks[0].train.inputShape,
      config: { steps: 100, lr: 2e-3 }
    })
    const R: number[][] = []
    for (let t = 0; t < tasks.length; t++) {
      const res = await learner.learnTask(tasks[t])
      expect(res.transferRow.length).toBe(t)
      if (t === 2) expect(res.embeddingTarget?.length).toBe(32)
      R.push(tasks.map((d, j) => (j <= t ? learner.evaluate(j, d.test) : learner.evaluateBeforeLearning(d.test))))
    }
    const m = clMetrics(R)
    expect(m.average_accuracy).toBeGreaterThanOrEqual(0.95)
    expect(m.bwt).toBeGreaterThan(-0.02)
    learner.dispose()
  }, 180_000) // ~15 s on an idle 2-core machine; the margin is for a machine shared with other jobs
})
