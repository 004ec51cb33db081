import { createLearner, restoreLearner } from '../../engine/learner'
import { relativeOutputDrift } from '../../engine/metrics'
import type { Learner, StepProgress, TrainCheckpoint } from '../../engine/types'
import type { TrainOutput, TrainPayload } from '../workerProtocol'

/**
 * One task's training, run inside a job worker: restore the active learner (or create the
 * first), learn the task, evaluate every holdout set, measure output drift of old tasks.
 */
export async function trainInWorker(
  p: TrainPayload,
  hooks: { onProgress: (s: StepProgress) => void; onCheckpoint: (c: TrainCheckpoint) => void; shouldStop: () => boolean }
): Promise<TrainOutput> {
  const learner: Learner = p.parent
    ? restoreLearner({ ...p.parent, config: { ...p.parent.config, ...p.overrides } })
    : createLearner({ ...p.create, config: { ...p.create.config, ...p.overrides } })
  try {
    const hyper = ['hemb', 'hnet', 'hnet-random'].includes(learner.method)
    const before = hyper ? Array.from({ length: learner.tasksLearned }, (_, j) => learner.generatedWeights(j)) : []
    const res = await learner.learnTask(p.task, {
      onProgress: hooks.onProgress,
      shouldStop: hooks.shouldStop,
      checkpointEvery: p.checkpointEvery,
      onCheckpoint: hooks.onCheckpoint,
      resume: p.resume ?? undefined
    })
    const accuracyRow = p.evalSets.map((s, j) => (s.n > 0 ? learner.evaluate(j, s) : null))
    const drift = Array.from({ length: learner.tasksLearned - 1 }, (_, j) =>
      hyper ? relativeOutputDrift(learner.generatedWeights(j), before[j]) : null
    )
    return {
      snapshot: learner.snapshot(),
      transferRow: res.transferRow,
      embeddingTarget: res.embeddingTarget ?? null,
      accuracyRow,
      drift,
      parameterCounts: learner.parameterCounts(),
      steps: res.steps,
      trainMs: res.millis,
      stepsPerSecond: res.stepsPerSecond,
      lossCurve: res.lossCurve,
      backend: res.backend
    }
  } finally {
    learner.dispose()
  }
}
