import { describe, expect, it } from 'vitest'
import { allowPermission, contentsGuards } from '../../src/main/guards'

const APP = 'file:///opt/Keizoku/resources/app.asar/out/renderer/index.html'

/** Records what the guards decided: whether the event was cancelled, what went to the OS. */
function harness(): {
  guards: ReturnType<typeof contentsGuards>
  opened: string[]
  event: () => { preventDefault(): void; cancelled: boolean }
} {
  const opened: string[] = []
  const guards = contentsGuards(
    () => APP,
    (url) => opened.push(url)
  )
  const event = (): { preventDefault(): void; cancelled: boolean } => {
    const e = {
      cancelled: false,
      preventDefault() {
        e.cancelled = true
      }
    }
    return e
  }
  return { guards, opened, event }
}

describe('web contents guards (deny by default)', () => {
  it('lets the app navigate within itself', () => {
    const { guards, opened, event } = harness()
    const e = event()
    guards.willNavigate(e, `${APP}#/reports`)
    expect(e.cancelled).toBe(false)
    expect(opened).toEqual([])
  })

  it('cancels navigation away; allow-listed https links go to the OS browser, others nowhere', () => {
    const { guards, opened, event } = harness()
    const a = event()
    guards.willNavigate(a, 'https://arxiv.org/abs/2502.11609')
    const b = event()
    guards.willNavigate(b, 'https://evil.com/phish')
    const c = event()
    guards.willNavigate(c, 'file:///etc/passwd')
    expect([a.cancelled, b.cancelled, c.cancelled]).toEqual([true, true, true])
    expect(opened).toEqual(['https://arxiv.org/abs/2502.11609'])
  })

  it('cancels sub-frame navigation and redirects away from the app without opening anything', () => {
    const { guards, opened, event } = harness()
    const f = event()
    guards.willSubframeNavigate(f, 'https://github.com/')
    const r = event()
    guards.willRedirect(r, 'https://github.com/')
    const ok = event()
    guards.willRedirect(ok, APP)
    expect([f.cancelled, r.cancelled, ok.cancelled]).toEqual([true, true, false])
    expect(opened).toEqual([])
  })

  it('never attaches a webview', () => {
    const { guards, event } = harness()
    const e = event()
    guards.willAttachWebview(e)
    expect(e.cancelled).toBe(true)
  })

  it('denies every new window; only allow-listed https links are handed to the OS', () => {
    const { guards, opened } = harness()
    for (const url of ['https://github.com/x', 'https://evil.com/', APP, 'about:blank', 'http://arxiv.org/']) {
      expect(guards.windowOpen({ url })).toEqual({ action: 'deny' })
    }
    expect(opened).toEqual(['https://github.com/x'])
  })

  it('denies every permission', () => {
    expect(allowPermission()).toBe(false)
  })
})
