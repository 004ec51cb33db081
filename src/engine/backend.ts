import * as tf from '@tensorflow/tfjs'
import { KeizokuError } from '../shared/errors'
import type { BackendAttempt, BackendInfo, BackendName } from '../shared/types'
import { parseForced } from './backendEnv'
import { say } from '../shared/messages'

/**
 * Backend choice. Order: `KEIZOKU_BACKEND` if set (and then only that one — a forced backend
 * that fails is an error, not a silent fallback), else tfjs-node (libtensorflow, all cores),
 * else wasm (SIMD, one thread), else the plain-JS cpu backend.
 */
export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu']

export interface BackendLoaders {
  /** Registers the backend with tfjs (e.g. requires tfjs-node); throws when unavailable. */
  load(name: BackendName): Promise<void>
  /** Makes tfjs use it; resolves false when tfjs refuses. */
  activate(name: BackendName): Promise<boolean>
}

export async function chooseBackend(
  env: Record<string, string | undefined>,
  loaders: BackendLoaders,
  tfjsVersion: string
): Promise<BackendInfo> {
  const forced = parseForced(env.KEIZOKU_BACKEND)
  const candidates = forced ? [forced] : BACKEND_ORDER
  const attempts: BackendAttempt[] = []
  for (const name of candidates) {
    try {
      await loaders.load(name)
      if (!(await loaders.activate(name))) throw new Error(`tfjs could not initialise the ${name} backend`)
      attempts.push({ backend: name, ok: true })
      const reason = forced
        ? `forced by KEIZOKU_BACKEND=${env.KEIZOKU_BACKEND}`
        : name === 'tensorflow'
          ? '@tensorflow/tfjs-node is installed: native libtensorflow kernels on all cores'
          : name === 'wasm'
            ? '@tensorflow/tfjs-node is not installed here; wasm (SIMD, one thread per worker) is the fastest available'
            : 'neither tfjs-node nor wasm could start; the plain JavaScript backend is slow but works'
      const reasonSay = forced ? say('backend.forced', { value: env.KEIZOKU_BACKEND ?? '' }) : say(`backend.${name}`)
      return { name, reason, reasonSay, tfjsVersion, attempts }
    } catch (err) {
      attempts.push({
        backend: name,
        ok: false,
        error: err instanceof Error ? err.message.split('\n')[0] : String(err)
      })
    }
  }
  const tried = attempts.map((a) => `${a.backend}: ${a.error}`).join('; ')
  throw new KeizokuError(
    'unavailable',
    forced
      ? `The backend forced by KEIZOKU_BACKEND=${env.KEIZOKU_BACKEND} could not start (${tried}). Unset KEIZOKU_BACKEND or install it.`
      : `No tfjs backend could start (${tried}).`,
    {
      say: forced
        ? say('engine.backend_forced_failed', { value: env.KEIZOKU_BACKEND ?? '', tried })
        : say('engine.no_backend', { tried })
    }
  )
}

const realLoaders: BackendLoaders = {
  async load(name) {
    if (name === 'tensorflow') {
      // Optional dependency: absent wherever its libtensorflow download failed.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@tensorflow/tfjs-node')
    } else if (name === 'wasm') {
      await import('@tensorflow/tfjs-backend-wasm')
    }
  },
  async activate(name) {
    return tf.setBackend(name)
  }
}

let active: Promise<BackendInfo> | undefined

/** Initialises tfjs once per thread and reports which backend is in use and why. */
export function initBackend(env: Record<string, string | undefined> = process.env): Promise<BackendInfo> {
  if (!active) {
    active = chooseBackend(env, realLoaders, tf.version.tfjs).then(async (info) => {
      await tf.ready()
      return info
    })
    active.catch(() => {
      active = undefined
    })
  }
  return active
}
