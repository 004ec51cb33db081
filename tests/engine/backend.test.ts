import { describe, expect, it } from 'vitest'
import { chooseBackend, type BackendLoaders } from '../../src/engine/backend'
import { parseForced, workersForParallelWork } from '../../src/engine/backendEnv'
import type { BackendName } from '../../src/shared/types'

/** Loaders where only the named backends load; records what was tried. */
function loaders(available: BackendName[], tried: string[] = []): BackendLoaders {
  return {
    async load(name) {
      tried.push(name)
      if (!available.includes(name)) throw new Error(`Cannot find module for ${name}\nstack line`)
    },
    async activate(name) {
      return available.includes(name)
    }
  }
}

describe('backend choice', () => {
  it('prefers tfjs-node, then wasm, then cpu', async () => {
    expect((await chooseBackend({}, loaders(['tensorflow', 'wasm', 'cpu']), '4.22.0')).name).toBe('tensorflow')
    const tried: string[] = []
    const info = await chooseBackend({}, loaders(['wasm', 'cpu'], tried), '4.22.0')
    expect(info.name).toBe('wasm')
    expect(tried).toEqual(['tensorflow', 'wasm'])
    expect(info.attempts[0]).toEqual({ backend: 'tensorflow', ok: false, error: 'Cannot find module for tensorflow' })
    expect(info.reason).toMatch(/tfjs-node is not installed/)
    expect((await chooseBackend({}, loaders(['cpu']), '4.22.0')).name).toBe('cpu')
  })

  it('honours KEIZOKU_BACKEND and does not fall back from a forced backend', async () => {
    const info = await chooseBackend({ KEIZOKU_BACKEND: 'cpu' }, loaders(['wasm', 'cpu']), '4.22.0')
    expect(info.name).toBe('cpu')
    expect(info.reason).toBe('forced by KEIZOKU_BACKEND=cpu')
    await expect(chooseBackend({ KEIZOKU_BACKEND: 'tensorflow' }, loaders(['wasm', 'cpu']), '4.22.0')).rejects.toThrow(
      /forced by KEIZOKU_BACKEND=tensorflow could not start/
    )
  })

  it('parses backend names and aliases, rejecting unknown ones', () => {
    expect(parseForced(undefined)).toBeUndefined()
    expect(parseForced('  ')).toBeUndefined()
    expect(parseForced('WASM')).toBe('wasm')
    expect(parseForced('tfjs-node')).toBe('tensorflow')
    expect(() => parseForced('gpu')).toThrow(/KEIZOKU_BACKEND=gpu is not a backend/)
  })

  it('splits independent work over one worker per core, except on libtensorflow (one worker uses every core)', () => {
    expect(workersForParallelWork(4, { KEIZOKU_BACKEND: 'wasm' })).toBe(4)
    expect(workersForParallelWork(4, { KEIZOKU_BACKEND: 'cpu' })).toBe(4)
    expect(workersForParallelWork(4, { KEIZOKU_BACKEND: 'tensorflow' })).toBe(1)
    expect(workersForParallelWork(0, { KEIZOKU_BACKEND: 'wasm' })).toBe(1)
    // Unforced: one worker exactly when @tensorflow/tfjs-node is installed.
    let native = true
    try {
      require.resolve('@tensorflow/tfjs-node')
    } catch {
      native = false
    }
    expect(workersForParallelWork(4, {})).toBe(native ? 1 : 4)
  })

  it('fails with every attempt listed when nothing starts', async () => {
    await expect(chooseBackend({}, loaders([]), '4.22.0')).rejects.toThrow(/tensorflow: .*wasm: .*cpu: /)
  })
})
