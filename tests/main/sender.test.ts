import { describe, expect, it } from 'vitest'
import { isTrustedSender } from '../../src/main/sender'

const APP = 'file:///opt/Keizoku/resources/app.asar/out/renderer/index.html'

describe('isTrustedSender (IPC sender frame check)', () => {
  it('accepts the app page in the top-level frame', () => {
    expect(isTrustedSender({ url: `${APP}#/tasks`, parent: null }, APP)).toBe(true)
  })

  it('refuses sub-frames, foreign pages and missing frames', () => {
    expect(isTrustedSender({ url: APP, parent: {} }, APP)).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.com/', parent: null }, APP)).toBe(false)
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', parent: null }, APP)).toBe(false)
    expect(isTrustedSender({ url: '', parent: null }, APP)).toBe(false)
    expect(isTrustedSender(null, APP)).toBe(false)
    expect(isTrustedSender(undefined, APP)).toBe(false)
  })
})
