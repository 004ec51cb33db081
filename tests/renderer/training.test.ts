// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { JobProgress, JobView, VersionComparison } from '@shared/types'
import { setTransport } from '../../src/renderer/src/transport'
import { wireEvents } from '../../src/renderer/src/stores/events'
import { useTasksStore } from '../../src/renderer/src/stores/tasks'
import { useTrainingStore } from '../../src/renderer/src/stores/training'
import { useVersionsStore } from '../../src/renderer/src/stores/versions'
import { fakeTransport, flush } from './fakeTransport'

const job = (status: JobView['status'], versionId: number | null = null): JobView => ({
  id: 7,
  kind: 'train',
  status,
  taskId: 2,
  taskName: 'Digits 2 and 3',
  args: {},
  progress: null,
  error: null,
  versionId,
  resumable: false,
  createdAt: '2026-11-28T02:00:00.000Z',
  startedAt: null,
  finishedAt: null
})

const progress = (step: number, phase: JobProgress['phase'] = 'training'): JobProgress => ({
  jobId: 7,
  taskId: 2,
  phase,
  step,
  totalSteps: 150,
  loss: { task: 1 / step, reg: 0.01 * step, guide: 0.5, total: 1 / step + 0.01 * step + 0.5 },
  batchAccuracy: step / 150,
  etaSeconds: 150 - step
})

describe('training store and service events', () => {
  it('starts without waiting, draws curves from job.progress and loads the comparison when the job succeeds', async () => {
    setActivePinia(createPinia())
    const comparison = { candidate: { id: 4 } } as unknown as VersionComparison
    const fake = fakeTransport({
      'train.start': () => ({ job: job('queued'), version: null }),
      'versions.list': () => [],
      'task.list': () => [],
      'jobs.list': () => [job('succeeded', 4)],
      'versions.compare': () => comparison
    })
    setTransport(fake.transport)
    wireEvents()
    const training = useTrainingStore()
    await training.start.run(2, { method: 'hemb', steps: 150, seed: 0, config: { beta: 0.1 } })
    expect(fake.calls[0]).toEqual({
      name: 'train.start',
      arg: { task: 2, method: 'hemb', steps: 150, seed: 0, config: { beta: 0.1 }, wait: false, by: undefined }
    })
    expect(training.jobOfTask[2]).toBe(7)

    fake.emit('job.progress', progress(10, 'preparing'))
    fake.emit('job.progress', progress(50))
    fake.emit('job.progress', progress(100))
    const c = training.curves[7]
    // Only training-phase events become points; the last event of any phase is kept for the status line.
    expect(c.steps).toEqual([50, 100])
    expect(c.task).toEqual([0.02, 0.01])
    expect(c.reg).toEqual([0.5, 1])
    expect(c.guide).toEqual([0.5, 0.5])
    expect(c.accuracy).toEqual([50 / 150, 100 / 150])
    expect(useTasksStore().jobs[0].progress?.step).toBe(100)

    fake.emit('job.updated', job('succeeded', 4))
    await flush()
    await flush()
    expect(fake.calls.filter((x) => x.name === 'versions.compare').map((x) => x.arg)).toEqual([{ version: 4 }])
    expect(useVersionsStore().comparison).toEqual(comparison)
  })
})
