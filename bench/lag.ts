/**
 * Host event-loop lag while a real job trains through the service: a CLI-hosted Service on a
 * temporary home, a new workspace, one built-in task, `train.start { wait: true }`. The service
 * trains in a worker thread; meanwhile the host thread's loop delay is sampled two ways:
 * `perf_hooks.monitorEventLoopDelay` (resolution 10 ms) and a 10 ms interval timer whose lateness
 * (actual − expected interval) is recorded per tick. Peak RSS of this process includes the worker.
 *
 * `node --import tsx bench/lag.ts [--steps 400] [--method hemb]`
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Service } from '../src/service/service'
import { arg, log, numArg, peakRssMB, runChild } from './common'

export interface LagResult {
  steps: number
  method: string
  trainSeconds: number
  /** Interval-timer lateness per 10 ms tick (ms). */
  timer: { p50: number; p99: number; max: number; ticks: number }
  /** monitorEventLoopDelay over the same period (ms). */
  histogram: { p50: number; p99: number; max: number }
  peakRssMB: number
  jobStatus: string
  /** Ticks later than 50 ms: seconds since train.start was called, and the lateness in ms. */
  stalls: Array<{ at: number; ms: number }>
  /**
   * The same timer over `baselineSeconds` before train.start, with no job running: on a loaded
   * machine the host thread is late even when it does nothing — the part of the lag that is CPU
   * starvation, not Keizoku.
   */
  baseline?: { seconds: number; p50: number; p99: number; max: number; ticks: number }
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function main(): Promise<LagResult> {
  const steps = numArg('steps', 400)
  const method = arg('method', 'hemb')
  const home = mkdtempSync(join(tmpdir(), 'keizoku-bench-'))
  const service = new Service({ host: 'cli', home })
  try {
    await service.invoke('workspace.create', { dir: join(home, 'ws'), name: 'bench' })
    await service.invoke('task.add', { name: 'pm-0', source: { kind: 'builtin', benchmark: 'permuted-mnist', k: 0 } })
    const baselineSeconds = numArg('baseline', 10)
    const base: number[] = []
    {
      let prev = performance.now()
      const tick = setInterval(() => {
        const now = performance.now()
        base.push(Math.max(0, now - prev - 10))
        prev = now
      }, 10)
      await new Promise((resolve) => setTimeout(resolve, baselineSeconds * 1000))
      clearInterval(tick)
      base.sort((a, b) => a - b)
    }
    const late: number[] = []
    const stalls: Array<{ at: number; ms: number }> = []
    let last = performance.now()
    let t0 = last
    const timer = setInterval(() => {
      const now = performance.now()
      const l = Math.max(0, now - last - 10)
      late.push(l)
      if (l > 50) stalls.push({ at: Math.round(now - l - t0) / 1000, ms: Math.round(l) })
      last = now
    }, 10)
    const h = monitorEventLoopDelay({ resolution: 10 })
    h.enable()
    t0 = performance.now()
    const outcome = await service.invoke('train.start', {
      task: 'pm-0',
      steps,
      method: method as 'hemb',
      seed: 1,
      wait: true,
      by: 'bench'
    })
    const trainSeconds = (performance.now() - t0) / 1000
    h.disable()
    clearInterval(timer)
    late.sort((a, b) => a - b)
    const r: LagResult = {
      steps,
      method,
      trainSeconds,
      timer: { p50: pct(late, 50), p99: pct(late, 99), max: late.at(-1) ?? NaN, ticks: late.length },
      // The histogram's values include the 10 ms resolution itself; subtract it to get the delay.
      histogram: {
        p50: Math.max(0, h.percentile(50) / 1e6 - 10),
        p99: Math.max(0, h.percentile(99) / 1e6 - 10),
        max: Math.max(0, h.max / 1e6 - 10)
      },
      peakRssMB: peakRssMB(),
      jobStatus: outcome.job.status,
      stalls,
      baseline: {
        seconds: baselineSeconds,
        p50: pct(base, 50),
        p99: pct(base, 99),
        max: base.at(-1) ?? NaN,
        ticks: base.length
      }
    }
    log(`idle baseline: p99 ${pct(base, 99).toFixed(1)} ms`)
    log(
      `lag during ${steps}-step ${method} job (${trainSeconds.toFixed(1)} s): p50 ${r.timer.p50.toFixed(1)} ms, p99 ${r.timer.p99.toFixed(1)} ms, max ${r.timer.max.toFixed(1)} ms`
    )
    return r
  } finally {
    await service.close()
    rmSync(home, { recursive: true, force: true })
  }
}

runChild(main)
