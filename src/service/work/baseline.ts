import { createLearner, restoreLearner } from '../../engine/learner'
import type { Learner, LearnerSnapshot, StepProgress } from '../../engine/types'
import type { TaskData } from '../../shared/dataset'
import { KeizokuError } from '../../shared/errors'
import { say } from '../../shared/messages'
import { openWorkspace } from '../../workspace/index'
import type { BaselineCheckpoint, BaselineOutput, BaselinePayload, BaselineStep } from '../workerProtocol'

/** The tasks' data and the checkpoint to resume from, read here in the worker (read-only use). */
function readInputs(p: BaselinePayload): { data: TaskData[]; resume: BaselineCheckpoint | null } {
  // The host process owns the workspace (its lock); this thread only reads.
  const ws = openWorkspace(p.dir, { shared: true })
  try {
    const data = p.tasks.map((t) => ws.loadTaskData(t.taskId))
    if (!p.checkpointHash) return { data, resume: null }
    const { records, meta } = ws.getTensorFile(p.checkpointHash)
    const m = meta as unknown as Omit<BaselineCheckpoint, 'snapshot'> & { snapshot: Omit<LearnerSnapshot, 'tensors'> }
    return { data, resume: { ...m, snapshot: { ...m.snapshot, tensors: records } } }
  } finally {
    ws.close()
  }
}

/**
 * One baseline method with one seed over the lineage's tasks, in the lineage's order, with the
 * settings the lineage used for each task — the same steps the training job takes: task 0 from a
 * fresh learner, task i from the snapshot after task i − 1 restored with task i's settings.
 * R[i][i+1] and b[i] are measured as the training job measures preTrainAccuracy and
 * untrainedAccuracy. After each task a checkpoint (the snapshot plus the rows so far) goes to
 * the host, so a stopped run resumes at the next task with the same result.
 */
export async function baselineInWorker(
  p: BaselinePayload,
  hooks: {
    onProgress: (s: BaselineStep) => void
    onCheckpoint: (c: BaselineCheckpoint) => void
    shouldStop: () => boolean
  }
): Promise<BaselineOutput> {
  const { data, resume } = readInputs(p)
  if (resume && (resume.method !== p.method || resume.seed !== p.seed)) {
    throw new KeizokuError(
      'corrupt',
      `The checkpoint is for ${resume.method} seed ${resume.seed}, not ${p.method} seed ${p.seed}.`,
      {
        say: say('baseline.checkpoint_other_run', {
          method: resume.method,
          seed: resume.seed,
          wantMethod: p.method,
          wantSeed: p.seed
        })
      }
    )
  }
  const T = p.tasks.length
  const R: Array<Array<number | null>> = resume ? resume.R.map((r) => [...r]) : []
  const b: Array<number | null> = resume ? [...resume.b] : []
  const trainMs: number[] = resume ? [...resume.trainMs] : []
  let snapshot: LearnerSnapshot | null = resume?.snapshot ?? null
  let backend = ''
  for (let i = resume?.done ?? 0; i < T; i++) {
    if (hooks.shouldStop())
      throw new KeizokuError(
        'cancelled',
        `The ${p.method} baseline (seed ${p.seed}) was cancelled before task ${i + 1} of ${T}.`,
        { say: say('baseline.cancelled', { method: p.method, seed: p.seed, task: i + 1, tasks: T }) }
      )
    const config = p.tasks[i].config
    const test = data[i].test
    const learner: Learner = snapshot
      ? restoreLearner({ ...snapshot, config })
      : createLearner({ method: p.method, seed: p.seed, config, inputShape: p.inputShape })
    try {
      if (i > 0) R[i - 1][i] = test.n > 0 ? learner.evaluateBeforeLearning(test) : null
      const fresh = createLearner({ method: p.method, seed: p.seed, config, inputShape: p.inputShape })
      try {
        b.push(test.n > 0 ? fresh.evaluateBeforeLearning(test) : null)
      } finally {
        fresh.dispose()
      }
      const res = await learner.learnTask(data[i], {
        shouldStop: hooks.shouldStop,
        onProgress: (s: StepProgress) => hooks.onProgress({ ...s, taskIndex: i })
      })
      backend = res.backend
      trainMs.push(res.millis)
      const row: Array<number | null> = new Array<number | null>(T).fill(null)
      for (let j = 0; j <= i; j++) row[j] = data[j].test.n > 0 ? learner.evaluate(j, data[j].test) : null
      R.push(row)
      snapshot = learner.snapshot()
      if (i === T - 1) {
        return {
          R,
          b,
          trainMs,
          parameterCounts: learner.parameterCounts(),
          snapshotBytes: snapshot.tensors.reduce((s, t) => s + t.data.byteLength, 0),
          backend
        }
      }
      hooks.onCheckpoint({ method: p.method, seed: p.seed, done: i + 1, R, b, trainMs, snapshot })
    } finally {
      learner.dispose()
    }
  }
  throw new KeizokuError(
    'internal',
    `The ${p.method} baseline had no task left to learn (checkpoint after ${resume?.done ?? 0} of ${T}).`,
    { say: say('baseline.nothing_left', { method: p.method, done: resume?.done ?? 0, tasks: T }) }
  )
}
