import { createLearner, restoreLearner } from '../../engine/learner'
import type { LabelledSet, TaskData } from '../../shared/dataset'
import { openWorkspace } from '../../workspace/index'
import { loadCheckpoint, loadSnapshot } from '../snapshots'
import { relativeOutputDrift } from '../../engine/metrics'
import { resolveConfig } from '../../shared/domain/engineConfig'
import { guidancePlan } from '../../engine/guidancePlan'
import { measureTransfer, transferRowsOf } from '../../engine/transferMeasure'
import type { Learner, LearnerSnapshot, StepProgress, TrainCheckpoint } from '../../engine/types'
import { isHypernetMethod } from '../../shared/domain/methods'
import type { TrainOutput, TrainPayload } from '../workerProtocol'

interface TrainInputs extends Omit<TrainPayload, 'checkpointHash'> {
  parent: LearnerSnapshot | null
  task: TaskData
  /** Holdout sets of the learned tasks in order, then the new task's. */
  evalSets: LabelledSet[]
  resume: TrainCheckpoint | null
}

/** Everything the job needs from the workspace, read here in the worker (read-only use). */
function readInputs(p: TrainPayload): TrainInputs {
  // The host process owns the workspace (its lock); this thread only reads.
  const ws = openWorkspace(p.dir, { shared: true })
  try {
    const task = ws.loadTaskData(p.taskId)
    return {
      ...p,
      parent: p.parentVersionId ? loadSnapshot(ws, ws.getVersion(p.parentVersionId)) : null,
      task,
      evalSets: [...p.learnedTaskIds.map((id) => ws.loadTaskData(id).test), task.test],
      resume: p.checkpointHash ? loadCheckpoint(ws, p.checkpointHash) : null
    }
  } finally {
    ws.close()
  }
}

/** The engine settings and seed of this task's training (the parent's, with the per-task overrides). */
function settingsOf(p: TrainInputs): { config: Record<string, unknown>; seed: number } {
  const config = p.parent ? { ...p.parent.config, ...p.overrides } : { ...p.create.config, ...p.overrides }
  return { config, seed: p.parent ? p.parent.seed : p.create.seed }
}

/** Accuracy of a learner as it would be before its first task: the untrained baseline b_t. */
function untrainedAccuracyOf(
  p: TrainInputs,
  settings: { config: Record<string, unknown>; seed: number },
  method: Learner['method'],
  set: LabelledSet
): number {
  const inputShape = p.parent ? p.parent.inputShape : p.create.inputShape
  const fresh = createLearner({ method, ...settings, inputShape })
  try {
    return fresh.evaluateBeforeLearning(set)
  } finally {
    fresh.dispose()
  }
}

/**
 * One task's training, run inside a job worker: restore the active learner (or create the
 * first), learn the task, evaluate every holdout set, measure output drift of old tasks.
 */
export async function trainInWorker(
  payload: TrainPayload,
  hooks: {
    onProgress: (s: StepProgress) => void
    onCheckpoint: (c: TrainCheckpoint) => void
    shouldStop: () => boolean
  }
): Promise<TrainOutput> {
  const p = readInputs(payload)
  const settings = settingsOf(p)
  const { config, seed } = settings
  const learner: Learner = p.parent ? restoreLearner({ ...p.parent, config }) : createLearner({ ...p.create, config })
  try {
    const hyper = isHypernetMethod(learner.method)
    const before = hyper ? Array.from({ length: learner.tasksLearned }, (_, j) => learner.generatedWeights(j)) : []
    const test = p.evalSets[p.evalSets.length - 1]
    // R[t−1][t] and b_t for forward transfer: the new task before training, from where this run
    // starts and from a freshly initialised learner of the same method and settings.
    const preTrainAccuracy = test.n > 0 ? learner.evaluateBeforeLearning(test) : null
    const untrainedAccuracy = test.n > 0 ? untrainedAccuracyOf(p, settings, learner.method, test) : null
    // Predicted (every estimator) and measured (linear probe) transfer from each learned task, on
    // the same rows the H-score row uses; the chosen estimator's row drives the H-embedding.
    const t = learner.tasksLearned
    const rows = transferRowsOf(p.task.train.n, resolveConfig(config).hscoreSamples, seed, t)
    const measured = t > 0 ? measureTransfer(learner, p.task.train, test, rows, seed) : null
    const plan = measured
      ? guidancePlan(measured, p.estimator ?? 'hscore', p.task.train.numClasses, learner.method, t, p.guide)
      : null
    const res = await learner.learnTask(p.task, {
      transferRow: plan?.row,
      noGuidance: plan?.noGuidance,
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
      preTrainAccuracy,
      untrainedAccuracy,
      steps: res.steps,
      trainMs: res.millis,
      stepsPerSecond: res.stepsPerSecond,
      lossCurve: res.lossCurve,
      backend: res.backend,
      transfer: plan?.record ?? null
    }
  } finally {
    learner.dispose()
  }
}
