import { parentPort, workerData } from 'node:worker_threads'
import { runBenchJob, type BenchJob } from '../../engine/benchRun'
import { toErrorInfo } from '../../shared/errors'

/** One `keizoku bench` job per worker thread: its own tfjs (wasm is one thread per worker). */
const port = parentPort
if (!port) throw new Error('bench/worker.ts must run inside a worker thread')
const job = workerData as BenchJob
runBenchJob(job, (report) => port.postMessage({ type: 'task', report })).then(
  (result) => port.postMessage({ type: 'result', result }),
  (err: unknown) => port.postMessage({ type: 'error', error: toErrorInfo(err) })
)
