import { parentPort, workerData } from 'node:worker_threads'
import { initBackend } from '../engine/backend'
import { runBenchmarkJob } from '../engine/benchmarkRun'
import { runSelfTest } from '../engine/selfTest'
import { KeizokuError, toErrorInfo } from '../shared/errors'
import { say } from '../shared/messages'
import { baselineInWorker } from './work/baseline'
import { exportInWorker } from './work/exportModel'
import { trainInWorker } from './work/train'
import { transferInWorker } from './work/transfer'
import type { WorkerJob, WorkerMessage, WorkerStart } from './workerProtocol'

/** Job worker: one job per worker, so a killed or crashed job takes nothing else with it. */
const port = parentPort
if (!port) throw new Error('worker.ts must run inside a worker thread')
const start = workerData as WorkerStart
const cancel = new Int32Array(start.cancelFlag)
const shouldStop = (): boolean => Atomics.load(cancel, 0) !== 0
const post = (m: WorkerMessage): void => port.postMessage(m)

async function run(job: WorkerJob): Promise<unknown> {
  // A bench job starts its own backend: its wall time includes that, as its results file says.
  if (job.kind === 'benchmark')
    return runBenchmarkJob(job.payload, (report) => post({ type: 'progress', data: report }))
  const backend = await initBackend()
  switch (job.kind) {
    case 'backendInfo':
      return backend
    case 'selfTest': {
      const t0 = performance.now()
      let lastPost = 0
      const out = runSelfTest({
        ...job.payload,
        shouldStop,
        onStep: (step, loss) => {
          const now = performance.now()
          if (now - lastPost > 100 || step === job.payload.steps) {
            lastPost = now
            post({ type: 'progress', data: { step, totalSteps: job.payload.steps, loss } })
          }
        }
      })
      if (shouldStop())
        throw new KeizokuError('cancelled', 'The self-test was cancelled.', { say: say('worker.selftest_cancelled') })
      return {
        backend: backend.name,
        seed: job.payload.seed,
        steps: job.payload.steps,
        ...out,
        millis: performance.now() - t0
      }
    }
    case 'train':
      return trainInWorker(job.payload, {
        shouldStop,
        onProgress: (data) => post({ type: 'progress', data }),
        onCheckpoint: (data) => post({ type: 'checkpoint', data })
      })
    case 'baseline':
      return baselineInWorker(job.payload, {
        shouldStop,
        onProgress: (data) => post({ type: 'progress', data }),
        onCheckpoint: (data) => post({ type: 'checkpoint', data })
      })
    case 'transfer':
      return transferInWorker(job.payload)
    case 'export':
      return exportInWorker(job.payload)
  }
}

run(start.job).then(
  (data) => post({ type: 'result', data }),
  (err) => post({ type: 'error', error: toErrorInfo(err) })
)
