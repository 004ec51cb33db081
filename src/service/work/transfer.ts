import * as tf from '@tensorflow/tfjs'
import { restoreLearner } from '../../engine/learner'
import type { TransferPayload } from '../workerProtocol'

/** H-score of every set under every learned task's generated weights (rows = sets). */
export function transferInWorker(p: TransferPayload): { scores: number[][]; millis: number; backend: string } {
  const t0 = performance.now()
  const learner = restoreLearner(p.snapshot)
  try {
    const scores = p.sets.map((s) => (s.n > 1 ? learner.transferRow(s) : []))
    return { scores, millis: performance.now() - t0, backend: tf.getBackend() }
  } finally {
    learner.dispose()
  }
}
