import * as tf from '@tensorflow/tfjs'
import { resolveConfig } from '../../shared/domain/engineConfig'
import { restoreLearner } from '../../engine/learner'
import { estimateRows, transferRowsOf } from '../../engine/transferMeasure'
import type { TransferEstimator } from '../../shared/transferability'
import type { TransferPayload } from '../workerProtocol'

/**
 * Every estimator's score of every set under every learned task's generated weights (rows =
 * sets), on the rows the learner's own H-score row would use, so `hscore` equals
 * `learner.transferRow(set)`.
 */
export function transferInWorker(p: TransferPayload): {
  scores: Array<Record<TransferEstimator, number[]> | null>
  millis: number
  backend: string
} {
  const t0 = performance.now()
  const learner = restoreLearner(p.snapshot)
  const samples = resolveConfig(p.snapshot.config).hscoreSamples
  try {
    const scores = p.sets.map((s) =>
      s.n > 1 ? estimateRows(learner, s, transferRowsOf(s.n, samples, p.snapshot.seed, learner.tasksLearned)) : null
    )
    return { scores, millis: performance.now() - t0, backend: tf.getBackend() }
  } finally {
    learner.dispose()
  }
}
