import { randomUUID } from 'node:crypto'
import os from 'node:os'
import type { CallName } from '../shared/channels'
import type { CallResult, ParsedArg } from '../shared/api'
import { parseArg, assertCallName } from '../shared/validate'
import type { AppInfo, BackendInfo, ProgressEvent, SelfTestResult } from '../shared/types'
import { EventHub, type AnyEventListener } from './events'
import { runInWorker, type RunningJob } from './workerClient'
import { APP_VERSION } from './version'

export interface ServiceOptions {
  host: AppInfo['host']
}

type Handlers = { [N in CallName]: (arg: ParsedArg<N>) => Promise<CallResult<N>> }

/**
 * The one implementation of the API. Hosts (Electron IPC, HTTP server, CLI) pass raw
 * arguments to `call`; validation happens here, once, for all of them.
 */
export class Service {
  private readonly hub = new EventHub()
  private readonly running = new Set<RunningJob<unknown>>()
  private backend?: Promise<BackendInfo>

  constructor(private readonly opts: ServiceOptions) {}

  subscribe(listener: AnyEventListener): () => void {
    return this.hub.subscribe(listener)
  }

  async call(name: unknown, rawArg: unknown): Promise<unknown> {
    const n = assertCallName(name)
    const arg = parseArg(n, rawArg)
    return (this.handlers[n] as (a: unknown) => Promise<unknown>)(arg)
  }

  /** Typed variant for in-process callers (CLI, tests). */
  invoke<N extends CallName>(name: N, arg: unknown): Promise<CallResult<N>> {
    return this.call(name, arg) as Promise<CallResult<N>>
  }

  async close(): Promise<void> {
    await Promise.all([...this.running].map((j) => j.kill()))
  }

  private track<R>(job: RunningJob<R>): Promise<R> {
    this.running.add(job as RunningJob<unknown>)
    return job.result.finally(() => this.running.delete(job as RunningJob<unknown>))
  }

  /** The backend the job workers use, asked once from a worker (that is where training runs). */
  private backendInfo(): Promise<BackendInfo> {
    if (!this.backend) {
      this.backend = this.track(runInWorker<BackendInfo>({ kind: 'backendInfo', payload: {} }))
      this.backend.catch(() => (this.backend = undefined))
    }
    return this.backend
  }

  private readonly handlers: Handlers = {
    'app.info': async () => ({
      appVersion: APP_VERSION,
      backend: await this.backendInfo(),
      platform: os.platform(),
      arch: os.arch(),
      nodeVersion: process.versions.node,
      host: this.opts.host
    }),
    'engine.selfTest': async (arg) => {
      const id = randomUUID()
      const t0 = Date.now()
      const job = runInWorker<SelfTestResult>({ kind: 'selfTest', payload: arg }, (data) => {
        const p = data as Omit<ProgressEvent, 'id'>
        const elapsed = (Date.now() - t0) / 1000
        const etaSeconds = p.step > 0 ? (elapsed / p.step) * (p.totalSteps - p.step) : undefined
        this.hub.emit('selfTest.progress', { id, ...p, etaSeconds })
      })
      return this.track(job)
    }
  }
}
