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

describe('reports screen: overwrite and language', () => {
  it('asks before replacing an existing file, and replaces it only when confirmed', async () => {
    const { w, fake } = await setup((arg) => {
      if (!(arg as { overwrite?: boolean }).overwrite) {
        throw new KeizokuError('conflict', 'The file /srv/root/reports/f.pdf already exists.', {
          say: { code: 'report_exists', params: { file: '/srv/root/reports/f.pdf' } }
        })
      }
      return built({ path: '/srv/root/reports/f.pdf', bytes: 4000 })
    })
    await w.find('input[aria-label="Output file"]').setValue('reports/f.pdf')
    await button(w, 'Export report').trigger('click')
    await flush()
    expect(fake.calls).toHaveLength(1)
    expect(w.find('[data-testid="report-overwrite"]').text()).toContain('reports/f.pdf already exists. Replace it?')
    expect(w.find('[data-testid="report-written"]').exists()).toBe(false)
    await button(w, 'Replace the file').trigger('click')
    await flush()
    expect(fake.calls).toHaveLength(2)
    expect(fake.calls[1].arg).toMatchObject({ outFile: 'reports/f.pdf', format: 'pdf', overwrite: true })
    expect(w.find('[data-testid="report-overwrite"]').exists()).toBe(false)
    expect(w.find('[data-testid="report-written"]').text()).toContain('Report written to /srv/root/reports/f.pdf')
  })

  it('keeps the chosen language when the screen is left and opened again, and drops a preview of another choice', async () => {
    const { w, fake } = await setup(() => built({ html: HTML }))
    await radio(w, '日本語').find('input').setValue(true)
    await button(w, 'Preview').trigger('click')
    await flush()
    expect(fake.calls.at(-1)?.arg).toMatchObject({ lang: 'ja' })
    expect(w.find('iframe').exists()).toBe(true)
    w.unmount()
    const again = await mountWith(ReportsView, {}, { keepPinia: true })
    await flush()
    expect(
      (
        again
          .findAll('.n-radio')
          .find((x) => x.text() === '日本語')!
          .find('input').element as HTMLInputElement
      ).checked
    ).toBe(true)
    expect(again.find('iframe').exists()).toBe(true)
    await again
      .findAll('.n-radio')
      .find((x) => x.text() === 'English')!
      .find('input')
      .setValue(true)
    await flush()
    expect(again.find('iframe').exists()).toBe(false)
  })
})
