// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { ReportBuildResult } from '@shared/types'
import { KeizokuError } from '@shared/errors'
import { setTransport } from '../../src/renderer/src/transport'
import ReportsView from '../../src/renderer/src/views/ReportsView.vue'
import { useUserStore } from '../../src/renderer/src/stores/user'
import { fakeTransport, flush } from './fakeTransport'
import { mountWith, openFakeWorkspace } from './mountApp'

const HTML = '<html><body><h1>Forgetting report</h1><p>Average accuracy 97.1%</p></body></html>'

function built(over: Partial<ReportBuildResult>): ReportBuildResult {
  return { bytes: HTML.length, sha256: 'ab'.repeat(32), versionId: 2, lang: 'en', ...over }
}

async function setup(build: (arg: unknown) => unknown) {
  const fake = fakeTransport({ 'report.build': build })
  setTransport(fake.transport)
  const w = await mountWith(ReportsView)
  openFakeWorkspace()
  await flush()
  return { w, fake }
}

type W = Awaited<ReturnType<typeof setup>>['w']
const button = (w: W, name: string) => w.findAll('button').find((x) => x.text() === name)!
const radio = (w: W, label: string) => w.findAll('label.n-radio, .n-radio').find((x) => x.text() === label)!

describe('reports screen', () => {
  it('previews without an output file and shows the HTML in a sandboxed frame', async () => {
    const { w, fake } = await setup(() => built({ html: HTML }))
    expect(w.find('iframe').exists()).toBe(false)
    await button(w, 'Preview').trigger('click')
    await flush()
    expect(fake.calls).toEqual([{ name: 'report.build', arg: { kind: 'forgetting', lang: 'en', format: 'html' } }])
    const frame = w.find('iframe[title="Report preview"]')
    expect(frame.exists()).toBe(true)
    // Scripts stay blocked (no allow-scripts); same origin keeps the frame in the app's process.
    expect(frame.attributes('sandbox')!.split(/\s+/)).toEqual(['allow-same-origin'])
    expect((frame.element as HTMLIFrameElement).srcdoc).toBe(HTML)
  })

  it('previews the ROI report with a baselines file when chosen', async () => {
    const { w, fake } = await setup(() => built({ html: '<p>ROI</p>' }))
    await radio(w, 'Return on investment (ROI)').find('input').setValue(true)
    await w.find('input[aria-label="Benchmark results file (optional)"]').setValue(' bench/out.json ')
    await button(w, 'Preview').trigger('click')
    await flush()
    expect(fake.calls.find((c) => c.name === 'report.build')?.arg).toEqual({
      kind: 'roi',
      lang: 'en',
      format: 'html',
      baselinesFile: 'bench/out.json'
    })
  })

  it('exports in the chosen format to the typed path and shows the written path and size', async () => {
    const { w, fake } = await setup(() => built({ path: '/srv/root/reports/forgetting.csv', bytes: 2048 }))
    useUserStore().name = 'Aiko'
    expect(button(w, 'Export report').attributes('disabled')).toBeDefined()
    await radio(w, 'CSV').find('input').setValue(true)
    await w.find('input[aria-label="Output file"]').setValue('reports/forgetting.csv')
    await button(w, 'Export report').trigger('click')
    await flush()
    expect(fake.calls[0].arg).toEqual({
      kind: 'forgetting',
      lang: 'en',
      format: 'csv',
      outFile: 'reports/forgetting.csv',
      by: 'Aiko'
    })
    expect(w.find('[role="status"]').text()).toContain('Report written to /srv/root/reports/forgetting.csv (2 kB).')
  })

  it('shows the service error next to the export and no success message', async () => {
    const { w } = await setup(() => {
      throw new KeizokuError('refused', 'The report file is inside the workspace folder', {
        hint: 'Choose a file outside the workspace folder'
      })
    })
    await w.find('input[aria-label="Output file"]').setValue('e2e/r.pdf')
    await button(w, 'Export report').trigger('click')
    await flush()
    expect(w.text()).toContain('The report file is inside the workspace folder')
    expect(w.text()).toContain('Choose a file outside the workspace folder')
    expect(w.find('[role="status"]').exists()).toBe(false)
    expect(w.find('iframe').exists()).toBe(false)
  })
})
