import { KeizokuError } from '../shared/errors'
import { say } from '../shared/messages'
import type { BackendName } from '../shared/types'

/*
 * The backend choice as far as it can be read from the environment, without loading tfjs (the
 * service host uses it and never loads tfjs itself; the engine's backend.ts does the rest).
 */

export function parseForced(value: string | undefined): BackendName | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const v = value.trim().toLowerCase()
  const alias: Record<string, BackendName> = {
    tensorflow: 'tensorflow',
    node: 'tensorflow',
    'tfjs-node': 'tensorflow',
    wasm: 'wasm',
    cpu: 'cpu'
  }
  const name = alias[v]
  if (!name) {
    throw new KeizokuError(
      'unavailable',
      `KEIZOKU_BACKEND=${value} is not a backend; use one of tensorflow, wasm, cpu (or unset it).`,
      { say: say('engine.backend_env_invalid', { value }) }
    )
  }
  return name
}

/**
 * How many workers independent engine work (rows of the transferability matrix) should be split
 * over, decided without loading tfjs: wasm and cpu run one thread per worker, so one worker per
 * core; libtensorflow (tfjs-node) already uses every core from one worker, and several workers
 * would only oversubscribe them (and load the native library once per worker).
 */
export function workersForParallelWork(cores: number, env: Record<string, string | undefined> = process.env): number {
  const forced = parseForced(env.KEIZOKU_BACKEND)
  let native = forced === 'tensorflow'
  if (!forced) {
    try {
      require.resolve('@tensorflow/tfjs-node')
      native = true
    } catch {
      native = false
    }
  }
  return native ? 1 : Math.max(1, cores)
}
