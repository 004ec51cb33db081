// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { DatasetPreview, WorkspaceSummary } from '@shared/types'
import { setTransport } from '../../src/renderer/src/transport'
import TaskWizardView from '../../src/renderer/src/views/TaskWizardView.vue'
import { useWorkspaceStore } from '../../src/renderer/src/stores/workspace'
import { useWizardStore } from '../../src/renderer/src/stores/wizard'
import { fakeTransport, flush } from './fakeTransport'
import { mountWith } from './mountApp'

const summary: WorkspaceSummary = {
  dir: 'w',
  schemaVersion: 2,
  name: 'Line 1',
  language: 'en',
  tasks: 0,
  learnedTasks: 0,
  activeVersionId: null,
  integrity: { ok: true, summary: [] },
  interruptedJobs: []
}

function preview(problems: DatasetPreview['problems']): DatasetPreview {
  return {
    kind: 'csv',
    rowCount: 120,
    columns: [
      { name: 'temp', kind: 'text', role: 'feature', nonNumeric: 1 },
      { name: 'class', kind: 'text', role: 'label', nonNumeric: 120 }
    ],
    sampleRows: [['20.1', 'a']],
    classHistogram: [
      { className: 'a', count: 60 },
      { className: 'b', count: 60 }
    ],
    featureStats: null,
    inputShape: [1],
    problems
  }
}

const problems: DatasetPreview['problems'] = [
  {
    severity: 'error',
    code: 'non_numeric',
    message: 'Column temp has a non-numeric value "n/a"',
    location: { file: 'line.csv', line: 4, column: 'temp' },
    fix: 'Replace the value with a number or ignore the column'
  },
  { severity: 'warning', code: 'few_rows', message: 'Class b has few rows', fix: 'Add more rows of class b' }
]

async function setup(p: DatasetPreview) {
  const fake = fakeTransport({
    'workspace.current': () => summary,
    'workspace.recent': () => [],
    'app.info': () => ({ host: 'browser', workspaceRoot: '/tmp/ws' }),
    'dataset.preview': () => p,
    'task.add': () => ({ id: 1, seq: 1, name: 'line' })
  })
  setTransport(fake.transport)
  const w = await mountWith(TaskWizardView)
  await useWorkspaceStore().load.run()
  const wiz = useWizardStore()
  wiz.form.kind = 'csv'
  wiz.form.csvPath = 'data/line.csv'
  await flush()
  return { w, fake, wiz }
}

const button = (w: Awaited<ReturnType<typeof setup>>['w'], name: string) => {
  const b = w.findAll('button').find((x) => x.text() === name)
  if (!b) throw new Error(`no button ${name}`)
  return b
}

describe('task wizard validation step', () => {
  it('lists every problem with location and fix, and keeps Next disabled while errors exist', async () => {
    const { w, fake, wiz } = await setup(preview(problems))
    await button(w, 'Next').trigger('click')
    await flush()
    expect(fake.calls.find((c) => c.name === 'dataset.preview')?.arg).toEqual({
      source: { kind: 'csv', path: 'data/line.csv', label: undefined, ignore: undefined },
      holdout: { fraction: 0.2 }
    })
    expect(w.text()).toContain('120 rows, 2 classes')
    await button(w, 'Next').trigger('click')
    await flush()
    expect(wiz.step).toBe(2)
    expect(w.text()).toContain('Step 3 of 5: Validation')
    const items = w.findAll('ul[aria-label="Problems"] > li')
    expect(items).toHaveLength(2)
    expect(items[0].attributes('data-severity')).toBe('error')
    expect(items[0].text()).toContain('Error: Column temp has a non-numeric value "n/a"')
    expect(items[0].text()).toContain('Where: file line.csv, line 4, column temp')
    expect(items[0].text()).toContain('Fix: Replace the value with a number or ignore the column')
    expect(items[1].text()).toContain('Warning: Class b has few rows')
    expect(w.text()).toContain('1 errors must be fixed before this task can be added')
    expect(button(w, 'Next').attributes('disabled')).toBeDefined()
    // Clicking the disabled button does not advance, and nothing was written.
    await wiz.next()
    expect(wiz.step).toBe(2)
    expect(fake.calls.some((c) => c.name === 'task.add')).toBe(false)
    // Back is allowed.
    await button(w, 'Back').trigger('click')
    expect(wiz.step).toBe(1)
  })

  it('enables Next when only warnings remain, and writes only on confirm', async () => {
    const { w, fake, wiz } = await setup(preview([problems[1]]))
    await button(w, 'Next').trigger('click')
    await flush()
    await button(w, 'Next').trigger('click')
    await flush()
    expect(w.text()).toContain('No errors (1 warnings)')
    expect(button(w, 'Next').attributes('disabled')).toBeUndefined()
    await button(w, 'Next').trigger('click')
    await flush()
    expect(wiz.form.name).toBe('line')
    await button(w, 'Next').trigger('click')
    await flush()
    expect(fake.calls.some((c) => c.name === 'task.add')).toBe(false)
    await button(w, 'Add task').trigger('click')
    await flush()
    const add = fake.calls.filter((c) => c.name === 'task.add')
    expect(add).toHaveLength(1)
    expect(add[0].arg).toMatchObject({ name: 'line', keepTrain: true, holdout: { fraction: 0.2 } })
    expect(w.text()).toContain('Task 1 “line” was added.')
  })

  it('lets the user choose label and ignored columns from the preview, previewing again each time', async () => {
    const { w, fake, wiz } = await setup(preview(problems))
    await button(w, 'Next').trigger('click')
    await flush()
    const byLabel = (label: string) => w.findAll('button').find((b) => b.attributes('aria-label') === label)!
    await byLabel('Ignore temp').trigger('click')
    await flush()
    expect(wiz.form.ignore).toBe('temp')
    // The label button of a column the service already treats as the label is disabled.
    expect(byLabel('Use class as the label').attributes('disabled')).toBeDefined()
    await byLabel('Use temp as the label').trigger('click')
    await flush()
    const previews = fake.calls.filter((c) => c.name === 'dataset.preview').map((c) => c.arg)
    expect(previews).toHaveLength(3)
    expect(previews[1]).toMatchObject({ source: { ignore: ['temp'] } })
    expect(previews[2]).toEqual({
      source: { kind: 'csv', path: 'data/line.csv', label: 'temp', ignore: undefined },
      holdout: { fraction: 0.2 }
    })
    expect(fake.calls.some((c) => c.name === 'task.add')).toBe(false)
  })
})
