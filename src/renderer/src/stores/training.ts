import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { JobProgress, JobView, Method, TrainOutcome } from '@shared/types'
import { getTransport } from '../transport'
import { action } from './action'
import { useTasksStore } from './tasks'
import { useUserStore } from './user'
import { useVersionsStore } from './versions'

/** Curves of one training job, one point per progress event (the service sends a few per second). */
export interface LiveCurves {
  steps: number[]
  task: Array<number | null>
  reg: Array<number | null>
  guide: Array<number | null>
  accuracy: Array<number | null>
  last: JobProgress | null
}

export interface TrainSettings {
  method: Method
  steps: number
  seed: number
  config: Record<string, unknown>
}

/** Starting training, the live curves of every job seen, and what happens when a job finishes. */
export const useTrainingStore = defineStore('training', () => {
  const curves = ref<Record<number, LiveCurves>>({})
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
    curves.value[outcome.job.id] ??= empty()
    useTasksStore().upsertJob(outcome.job)
    return outcome
  })

  function empty(): LiveCurves {
    return { steps: [], task: [], reg: [], guide: [], accuracy: [], last: null }
  }

  function onProgress(p: JobProgress): void {
    const c = (curves.value[p.jobId] ??= empty())
    c.last = p
    if (p.taskId !== null && jobOfTask.value[p.taskId] === undefined) jobOfTask.value[p.taskId] = p.jobId
    if (p.phase !== 'training' || !p.loss) return
    c.steps.push(p.step)
    c.task.push(p.loss.task)
    c.reg.push(p.loss.reg ?? null)
    c.guide.push(p.loss.guide ?? null)
    c.accuracy.push(p.batchAccuracy ?? null)
  }

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

  return { curves, jobOfTask, start, onProgress, onJobUpdated }
})
