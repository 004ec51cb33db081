import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { BaselineListing, JobView, Method } from '@shared/types'
import { getTransport } from '../transport'
import { action } from './action'
import { useTasksStore } from './tasks'
import { useUserStore } from './user'

/** Baselines measured on the open workspace's own tasks, and the job that measures them. */
export const useBaselinesStore = defineStore('baselines', () => {
  const listing = ref<BaselineListing>()
  const tasks = useTasksStore()
  const by = (): string | undefined => useUserStore().name.trim() || undefined

  const load = action(async () => {
    listing.value = await getTransport().invoke('baselines.list', {})
  })
  const start = action(async (methods: Method[], seeds: number[]) => {
    const o = await getTransport().invoke('baselines.start', { methods, seeds: seeds.length ? seeds : undefined, wait: false, by: by() })
    tasks.upsertJob(o.job)
    return o
  })
  const resume = action(async (job: number) => {
    const o = await getTransport().invoke('baselines.resume', { job, wait: false, by: by() })
    tasks.upsertJob(o.job)
    return o
  })

  /** The baselines job running or queued now, if any. */
  const job = computed<JobView | undefined>(() =>
    tasks.jobs.find((j) => j.kind === 'baselines' && (j.status === 'running' || j.status === 'queued'))
  )
  /** The newest baselines job that stopped before finishing and can continue. */
  const resumable = computed<JobView | undefined>(() =>
    job.value ? undefined : tasks.jobs.filter((j) => j.kind === 'baselines' && j.resumable).sort((a, b) => b.id - a.id)[0]
  )

  /** A baselines job ended: its runs are stored, so reload what the screens show. */
  function onJobUpdated(j: JobView): void {
    if (j.kind === 'baselines' && j.status !== 'running' && j.status !== 'queued') void load.run()
  }

  return { listing, load, start, resume, job, resumable, onJobUpdated }
})
