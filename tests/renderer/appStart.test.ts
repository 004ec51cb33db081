// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { WorkspaceSummary } from '@shared/types'
import App from '../../src/renderer/src/App.vue'
import { setTransport } from '../../src/renderer/src/transport'
import { fakeTransport, flush } from './fakeTransport'
import { mountWith } from './mountApp'

const summary: WorkspaceSummary = {
  dir: '/w/line',
  schemaVersion: 2,
  name: 'Line 3',
  language: 'en',
  tasks: 1,
  learnedTasks: 0,
  activeVersionId: null,
  integrity: { ok: true, summary: [], lines: [] },
  interruptedJobs: []
}

/**
 * Start-up: with a workspace open the app starts on its pipeline, and it decides so as soon as the
 * open workspace is known, not after app.info (which waits for the engine backend); until then it
 * shows no screen and no links, so no click can be undone by the jump.
 */
describe('app start', () => {
  it('opens the pipeline once the workspace is known, while app.info is still pending', async () => {
    let answerCurrent: (s: WorkspaceSummary) => void = () => {}
    const fake = fakeTransport({
      'workspace.current': () => new Promise<WorkspaceSummary>((r) => (answerCurrent = r)),
      'workspace.recent': () => [],
      'app.info': () => new Promise(() => {})
    })
    setTransport(fake.transport)
    const w = await mountWith(App)
    await w.vm.$router.push('/workspaces')
    await flush()
    const links = () => w.findAll('nav a').map((a) => a.text())
    expect(links()).toEqual([])
    answerCurrent(summary)
    await flush()
    await flush()
    expect(w.vm.$router.currentRoute.value.path).toBe('/pipeline')
    expect(links()).toContain('Workspaces')
    expect(links()).toContain('Pipeline')
  })
})
