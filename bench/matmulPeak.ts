/**
 * The backends' own matMul peak (see `matmulPeak` in common.ts): 1024³ on wasm, 512³ on the
 * plain-JS cpu backend (one 1024³ product takes ~20 s there).
 *
 * `node --import tsx bench/matmulPeak.ts [--backends wasm,cpu] [--runs 5] [--cpu-runs 3] [--n 1024] [--cpu-n 512]`
 */
import * as tf from '@tensorflow/tfjs'
import { initBackend } from '../src/engine/backend'
import { arg, log, matmulPeak, numArg, runChild, type Stat } from './common'

export interface PeakResult {
  backend: string
  n: number
  gflops: Stat
  ms: Stat
}

async function main(): Promise<PeakResult[]> {
  const backends = arg('backends', 'wasm,cpu').split(',').filter(Boolean)
  const n = numArg('n', 1024)
  const out: PeakResult[] = []
  await initBackend({ KEIZOKU_BACKEND: 'wasm' }).catch(() => undefined)
  for (const name of backends) {
    if (!(await tf.setBackend(name).catch(() => false))) {
      log(`matmul peak: backend ${name} is not available, skipped`)
      continue
    }
    await tf.ready()
    const runs = name === 'cpu' ? numArg('cpu-runs', 3) : numArg('runs', 5)
    // The plain-JS cpu backend needs ~20 s for one 1024³ product on a loaded machine; 512³ is enough for its rate.
    const size = name === 'cpu' ? numArg('cpu-n', 512) : n
    const r = matmulPeak(size, runs)
    log(`matmul ${size}³ on ${name}: ${r.gflops.median.toFixed(2)} GFLOP/s (median of ${runs})`)
    out.push({ backend: name, n: size, ...r })
  }
  return out
}

runChild(main)
