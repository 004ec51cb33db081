import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { KeizokuError } from '../shared/errors'
import { say } from '../shared/messages'
import type { TrainCheckpoint } from '../engine/types'
import type { WorkerJob, WorkerMessage, WorkerStart } from './workerProtocol'

/**
 * Where the worker entry lives: next to the bundle when built (out/main/worker.js), or the
 * TypeScript source run through tsx when the service itself runs from source (CLI, tests).
 */
function workerEntry(): { file: string; execArgv: string[] } {
  const built = join(__dirname, 'worker.js')
  if (existsSync(built)) return { file: built, execArgv: [] }
  return { file: join(__dirname, 'workerBootstrap.cjs'), execArgv: [] }
}

export interface RunningJob<R> {
  result: Promise<R>
  cancel(): void
  /** Ends the worker at once (used when a host shuts down). */
  kill(): Promise<void>
}

/** Runs one job in a fresh worker thread; progress arrives through `onProgress`. */
export function runInWorker<R, C = TrainCheckpoint>(
  job: WorkerJob,
  onProgress: (data: unknown) => void = () => {},
  onCheckpoint: (c: C) => void = () => {}
): RunningJob<R> {
  const cancelFlag = new SharedArrayBuffer(4)
  const { file, execArgv } = workerEntry()
  const start: WorkerStart = { job, cancelFlag }
  const worker = new Worker(file, { workerData: start, execArgv, env: process.env })
  let settled = false
  const result = new Promise<R>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.data)
      else if (m.type === 'checkpoint') onCheckpoint(m.data as C)
      else if (m.type === 'result') {
        settled = true
        resolve(m.data as R)
        void worker.terminate()
      } else {
        settled = true
        reject(KeizokuError.fromInfo(m.error))
        void worker.terminate()
      }
    })
    worker.on('error', (err) => {
      settled = true
      reject(
        new KeizokuError('internal', `The ${job.kind} worker crashed: ${err.message}`, {
          detail: err.stack,
          say: say('worker.crashed', { work: job.kind, reason: err.message })
        })
      )
    })
    worker.on('exit', (code) => {
      if (!settled)
        reject(
          new KeizokuError('cancelled', `The ${job.kind} worker stopped (exit code ${code}) before finishing.`, {
            say: say('worker.stopped', { work: job.kind, code })
          })
        )
    })
  })
  return {
    result,
    cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1),
    kill: async () => {
      await worker.terminate()
    }
  }
}

/** The worker jobs one runner has in flight, by job id; the trainer and the baselines runner share it. */
export class RunningJobs<T> extends Map<number, RunningJob<T>> {
  busy(): boolean {
    return this.size > 0
  }

  async killAll(): Promise<void> {
    await Promise.all([...this.values()].map((j) => j.kill()))
    this.clear()
  }
}
