import { afterAll, describe, expect, it } from 'vitest'
import { Service } from '../../src/service/service'
import type { ProgressEvent } from '../../src/shared/types'

describe('service', () => {
  const service = new Service({ host: 'cli' })
  afterAll(() => service.close())

  it('app.info reports the backend the workers use', async () => {
    const info = await service.invoke('app.info', {})
    expect(info.appVersion).toMatch(/^\d+\.\d+\.\d+/)
    expect(['tensorflow', 'wasm', 'cpu']).toContain(info.backend.name)
    expect(info.backend.tfjsVersion).toBe('4.22.0')
    expect(info.backend.attempts.at(-1)).toEqual({ backend: info.backend.name, ok: true })
    expect(info.host).toBe('cli')
  })

  it('engine.selfTest trains in a worker: the loss falls and progress events arrive', async () => {
    const events: ProgressEvent[] = []
    const off = service.subscribe((name, payload) => {
      if (name === 'selfTest.progress') events.push(payload as ProgressEvent)
    })
    const r = await service.invoke('engine.selfTest', { steps: 40, seed: 3 })
    off()
    expect(r.steps).toBe(40)
    expect(r.losses).toHaveLength(40)
    expect(r.losses.every(Number.isFinite)).toBe(true)
    expect(r.losses[39]).toBeLessThan(r.losses[0] * 0.6)
    expect(r.finalAccuracy).toBeGreaterThan(0.9)
    expect(events.length).toBeGreaterThan(0)
    expect(events.at(-1)!.step).toBe(40)
    expect(events.at(-1)!.totalSteps).toBe(40)
  })

  it('is deterministic for a seed on one backend', async () => {
    const a = await service.invoke('engine.selfTest', { steps: 10, seed: 7 })
    const b = await service.invoke('engine.selfTest', { steps: 10, seed: 7 })
    const c = await service.invoke('engine.selfTest', { steps: 10, seed: 8 })
    expect(a.losses).toEqual(b.losses)
    expect(c.losses).not.toEqual(a.losses)
  })

  it('keeps the host event loop free while a job trains', async () => {
    let maxGap = 0
    let last = performance.now()
    const timer = setInterval(() => {
      const now = performance.now()
      maxGap = Math.max(maxGap, now - last)
      last = now
    }, 5)
    await service.invoke('engine.selfTest', { steps: 300, seed: 1 })
    clearInterval(timer)
    // Inline training blocks for seconds; a worker leaves the loop ticking.
    expect(maxGap).toBeLessThan(1000)
  })

  it('validates before running anything', async () => {
    await expect(service.call('engine.selfTest', { steps: 0 })).rejects.toMatchObject({ code: 'invalid_argument' })
    await expect(service.call('nope', {})).rejects.toMatchObject({ code: 'unknown_call' })
  })
})
