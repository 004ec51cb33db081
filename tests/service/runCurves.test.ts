import { afterAll, describe, expect, it } from 'vitest'
import { Service } from '../../src/service/service'
import { RUN_CURVE_MAX_POINTS } from '../../src/shared/domain/runCurve'
import { TINY, tempService } from './helpers'

describe('run records last', () => {
  const { service, dir, home } = tempService()
  let second: Service | undefined
  afterAll(async () => {
    await service.close()
    await second?.close()
  })

  it('a training job keeps its loss and accuracy curve in the workspace, readable after reopening; decisions are listed', async () => {
    await service.invoke('workspace.create', { dir })
    await service.invoke('task.add', { name: 'digits', source: { kind: 'builtin', benchmark: 'split-mnist', k: 0 } })
    const steps = 400
    const o = await service.invoke('train.start', { task: 'digits', steps, config: TINY, wait: true })
    const [stored] = await service.invoke('jobs.curves', { jobs: [o.job.id, 999] })
    expect(stored.job).toBe(o.job.id)
    const c = stored.curve
    expect(c.steps.length).toBeGreaterThan(0)
    expect(c.steps.length).toBeLessThanOrEqual(RUN_CURVE_MAX_POINTS + 1)
    // The curve ends at the job's last step; steps rise; every point has a task loss and an accuracy.
    expect(c.steps.at(-1)).toBe(steps)
    expect(c.steps.every((s, i) => i === 0 || s > c.steps[i - 1])).toBe(true)
    expect(c.task.every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true)
    expect(c.accuracy.every((v) => typeof v === 'number' && v >= 0 && v <= 1)).toBe(true)
    // The history lists each decision with who took it and why.
    await service.invoke('version.approve', { version: o.version!.id, by: 'tester', comment: 'good enough' })
    const [listed] = await service.invoke('versions.list', {})
    expect(listed.decisions).toEqual([
      { decision: 'approve', by: 'tester', comment: 'good enough', at: expect.any(String) }
    ])
    await service.close()

    second = new Service({ host: 'cli', home })
    await second.invoke('workspace.open', { dir })
    expect(await second.invoke('jobs.curves', { jobs: [o.job.id] })).toEqual([stored])
  }, 300_000)
})
