import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { JobProgress, JobView, TaskView } from '@shared/types'
import { getTransport } from '../transport'
import { action } from './action'
import { useUserStore } from './user'

/** The task sequence and the job queue of the open workspace. */
export const useTasksStore = defineStore('tasks', () => {
  const tasks = ref<TaskView[]>([])
  const jobs = ref<JobView[]>([])

  const load = action(async () => {
    const t = getTransport()
    const [ts, js] = await Promise.all([t.invoke('task.list', {}), t.invoke('jobs.list', {})])
    tasks.value = ts
    jobs.value = js
  })
  const loadJobs = action(async () => {
    jobs.value = await getTransport().invoke('jobs.list', {})
  })
  const cancel = action(async (job: number) => {
    const by = useUserStore().name.trim() || undefined
    const j = await getTransport().invoke('train.cancel', { job, by })
    upsertJob(j)
    return j
  })

  /** Continue a job a dead process left 'interrupted', from its last checkpoint. */
  const resume = action(async (job: number) => {
    const by = useUserStore().name.trim() || undefined
    const outcome = await getTransport().invoke('train.resume', { job, wait: false, by })
    upsertJob(outcome.job)
    return outcome
  })

  /** The job currently running (or the oldest queued one). */
  const runningJob = computed<JobView | undefined>(
    () => jobs.value.find((j) => j.status === 'running') ?? jobs.value.find((j) => j.status === 'queued')
  )
  const byId = (id: number): TaskView | undefined => tasks.value.find((t) => t.id === id)

  function upsertJob(j: JobView): void {
    const i = jobs.value.findIndex((x) => x.id === j.id)
    if (i >= 0) jobs.value.splice(i, 1, j)
    else jobs.value.unshift(j)
  }
  function applyProgress(p: JobProgress): void {
    const j = jobs.value.find((x) => x.id === p.jobId)
    if (j) j.progress = p
  }

  return { tasks, jobs, load, loadJobs, cancel, resume, runningJob, byId, upsertJob, applyProgress }
})
