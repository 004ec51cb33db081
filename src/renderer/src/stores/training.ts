import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { JobProgress, JobView, Method, TrainOutcome } from '@shared/types'
import { addCurvePoint, emptyCurve, type CurvePoint, type RunCurve } from '@shared/domain/runCurve'
import { getTransport } from '../transport'
import { action } from './action'
import { useTasksStore } from './tasks'
import { useUserStore } from './user'
import { useVersionsStore } from './versions'

export interface TrainSettings {
  method: Method
  steps: number
  seed: number
  config: Record<string, unknown>
}

/**
 * Starting training, the curves of every job seen (live from job.progress, thinned like the
 * stored ones; stored ones fetched for jobs that ran before this page loaded), and what happens
 * when a job finishes.
 */
export const useTrainingStore = defineStore('training', () => {
  const curves = ref<Record<number, RunCurve>>({})
  /** The job started from (or adopted by) the Train screen, per task id. */
  const jobOfTask = ref<Record<number, number>>({})

  const start = action(async (taskId: number, s: TrainSettings): Promise<TrainOutcome> => {
    const by = useUserStore().name.trim() || undefined
    const outcome = await getTransport().invoke('train.start', {
      task: taskId,
      method: s.method,
      steps: s.steps,
      seed: s.seed,
      config: s.config,
      wait: false,
      by
    })
    jobOfTask.value[taskId] = outcome.job.id
    curves.value[outcome.job.id] ??= emptyCurve()
    complete.add(outcome.job.id)
    useTasksStore().upsertJob(outcome.job)
    return outcome
  })

  function onProgress(p: JobProgress): void {
    if (p.taskId !== null && jobOfTask.value[p.taskId] === undefined) jobOfTask.value[p.taskId] = p.jobId
    if (p.phase !== 'training' || !p.loss) return
    addCurvePoint((curves.value[p.jobId] ??= emptyCurve()), p)
  }

  /** Jobs whose curve was read from the workspace (or that started in this page: nothing stored to read). */
  const complete = new Set<number>()

  /**
   * The stored curves of jobs that ran (or began) before this page was loaded, or in another
   * window. Points this page already drew after the stored ones are carried over.
   */
  const loadCurves = action(async (jobs: number[]) => {
    const missing = jobs.filter((id) => !complete.has(id))
    if (missing.length === 0) return
    for (const { job, curve } of await getTransport().invoke('jobs.curves', { jobs: missing })) {
      const live = curves.value[job]
      const last = curve.steps.at(-1) ?? -Infinity
      if (live) live.steps.forEach((step, i) => step > last && addCurvePoint(curve, pointAt(live, i)))
      curves.value[job] = curve
      complete.add(job)
    }
  })

  /** A finished training job made a candidate: fetch its comparison so the panel can show it. */
  async function onJobUpdated(j: JobView): Promise<void> {
    useTasksStore().upsertJob(j)
    if (
      j.taskId !== null &&
      jobOfTask.value[j.taskId] === undefined &&
      (j.status === 'running' || j.status === 'queued')
    ) {
      jobOfTask.value[j.taskId] = j.id
    }
    if (j.status === 'succeeded' || j.status === 'failed' || j.status === 'cancelled') {
      const versions = useVersionsStore()
      await Promise.all([versions.load.run(), useTasksStore().load.run()])
      if (j.status === 'succeeded' && j.versionId !== null) await versions.compare.run(j.versionId)
    }
  }

  return { curves, jobOfTask, start, onProgress, loadCurves, onJobUpdated }
})

function pointAt(c: RunCurve, i: number): CurvePoint {
  return {
    step: c.steps[i],
    loss: { task: c.task[i] ?? NaN, reg: c.reg[i] ?? undefined, guide: c.guide[i] ?? undefined },
    batchAccuracy: c.accuracy[i] ?? undefined
  }
}
