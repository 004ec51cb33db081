import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { invokeFromIpc } from '../../src/main/invoke'
import { api } from '../../src/shared/api'
import { CALL_NAMES } from '../../src/shared/channels'
import { Service } from '../../src/service/service'

const APP = 'file:///opt/Keizoku/resources/app.asar/out/renderer/index.html'
const TOP = { url: `${APP}#/tasks`, parent: null }

describe('IPC invoke (the handler body, without Electron)', () => {
  const service = new Service({ host: 'electron', home: mkdtempSync(join(tmpdir(), 'keizoku-ipc-')) })
  afterAll(() => service.close())

  it('refuses untrusted senders before the service sees the call', async () => {
    const calls: unknown[] = []
    const target = { call: async (n: unknown) => void calls.push(n) }
    for (const frame of [
      { url: 'https://evil.com/', parent: null },
      { url: APP, parent: {} },
      { url: 'file:///tmp/evil.html', parent: null },
      null,
      undefined
    ]) {
      const r = await invokeFromIpc(target, frame, APP, 'app.info', {})
      expect(r).toMatchObject({ ok: false, error: { code: 'refused' } })
    }
    expect(calls).toEqual([])
    expect(await invokeFromIpc(target, TOP, APP, 'app.info', {})).toEqual({ ok: true, result: undefined })
    expect(calls).toEqual(['app.info'])
  })

  it('returns validation errors as envelopes for malformed names and arguments, for every call', async () => {
    const hostile = fc.oneof(
      fc.constantFrom(null, 42, 'x', [], -1, Number.NaN, Infinity, { __proto__: { polluted: 1 } }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.double(), fc.constant(null)), { maxKeys: 3 })
    )
    for (const name of CALL_NAMES) {
      await fc.assert(
        fc.asyncProperty(hostile, async (arg) => {
          fc.pre(!api[name].arg.safeParse(arg === undefined ? {} : arg).success)
          const r = await invokeFromIpc(service, TOP, APP, name, arg)
          expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
        }),
        { seed: 7, numRuns: 25 }
      )
    }
    for (const name of [undefined, 7, '__proto__', 'app.info ', 'constructor', { toString: () => 'app.info' }]) {
      expect(await invokeFromIpc(service, TOP, APP, name, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_call' }
      })
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
