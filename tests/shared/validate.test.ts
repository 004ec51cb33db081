import { describe, expect, it } from 'vitest'
import { api } from '../../src/shared/api'
import { CALL_NAMES, EVENT_NAMES, isCallName, isEventName } from '../../src/shared/channels'
import { KeizokuError, toErrorInfo } from '../../src/shared/errors'
import { assertCallName, parseArg } from '../../src/shared/validate'

describe('API contract', () => {
  it('has a schema for every call name and no schema without a name', () => {
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES].sort())
  })

  it('fills defaults and accepts a valid argument', () => {
    expect(parseArg('engine.selfTest', {})).toEqual({ steps: 60, seed: 1 })
    expect(parseArg('engine.selfTest', { steps: 5, seed: 9 })).toEqual({ steps: 5, seed: 9 })
    expect(parseArg('app.info', undefined)).toEqual({})
  })

  it.each([
    [{ steps: -1 }, 'steps'],
    [{ steps: 1.5 }, 'steps'],
    [{ steps: 'ten' }, 'steps'],
    [{ steps: 1e9 }, 'steps'],
    [{ seed: Number.NaN }, 'seed'],
    [{ extra: 1 }, 'extra']
  ])('rejects %j naming the field %s', (arg, field) => {
    try {
      parseArg('engine.selfTest', arg)
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(KeizokuError)
      const e = err as KeizokuError
      expect(e.code).toBe('invalid_argument')
      expect(e.message).toContain('engine.selfTest')
      expect(e.message).toMatch(new RegExp(field === 'extra' ? 'extra' : `${field}:`))
    }
  })

  it('rejects non-object arguments', () => {
    expect(() => parseArg('app.info', 'x')).toThrow(/Invalid argument for app.info/)
    expect(() => parseArg('app.info', [1])).toThrow(KeizokuError)
  })

  it('refuses unknown call names without echoing huge input', () => {
    const long = 'x'.repeat(10_000)
    try {
      assertCallName(long)
      expect.unreachable()
    } catch (err) {
      expect((err as KeizokuError).code).toBe('unknown_call')
      expect((err as KeizokuError).message.length).toBeLessThan(200)
    }
    expect(() => assertCallName({})).toThrow(/Unknown API call/)
    expect(assertCallName('app.info')).toBe('app.info')
  })

  it('recognises only contract names', () => {
    expect(isCallName('app.info')).toBe(true)
    expect(isCallName('__proto__')).toBe(false)
    expect(isEventName(EVENT_NAMES[0])).toBe(true)
    expect(isEventName('toString')).toBe(false)
  })

  it('turns unexpected errors into an internal ErrorInfo with the stack as detail', () => {
    const info = toErrorInfo(new TypeError('boom'))
    expect(info.code).toBe('internal')
    expect(info.message).toContain('boom')
    expect(info.detail).toContain('TypeError')
    expect(toErrorInfo(new KeizokuError('not_found', 'No task "a".', { hint: 'Add it.' }))).toEqual({
      code: 'not_found',
      message: 'No task "a".',
      hint: 'Add it.'
    })
  })
})
