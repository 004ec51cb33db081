// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { WorkspaceSettings } from '@shared/types'
import { setTransport } from '../../src/renderer/src/transport'
import SettingsView from '../../src/renderer/src/views/SettingsView.vue'
import { fakeTransport, flush } from './fakeTransport'
import { mountWith, openFakeWorkspace } from './mountApp'

const SETTINGS: WorkspaceSettings = {
  name: 'Line',
  language: 'en',
  policy: { maxOldTaskDrop: 1, minNewTaskAccuracy: 0 },
  costs: { computePerHour: 1, storagePerGBMonth: 0.02, valuePerAccuracyPoint: 100, currency: 'USD' },
  transferEstimator: 'shrinkage'
}

async function setup() {
  const fake = fakeTransport({
    'settings.get': () => SETTINGS,
    'settings.set': (arg) => ({ ...SETTINGS, ...(arg as Partial<WorkspaceSettings>) })
  })
  setTransport(fake.transport)
  const w = await mountWith(SettingsView)
  openFakeWorkspace('Line', '/w/line')
  await flush()
  return { w, fake }
}

describe('settings screen: transferability estimator', () => {
  it('shows the saved estimator and saves the one chosen', async () => {
    const { w, fake } = await setup()
    const group = w.find('[aria-label="Transferability estimator"]')
    const radios = group.findAll('.n-radio')
    expect(radios.map((r) => r.text())).toEqual([
      'Automatic: the H-score until 6 pairs are measured, then the estimator that predicted measured transfer best',
      'H-score',
      'shrinkage H-score',
      'LogME',
      'H-score / (C − 1)'
    ])
    expect(group.find('input[value="shrinkage"]').element).toHaveProperty('checked', true)
    await group.find('input[value="logme"]').setValue(true)
    await w
      .findAll('button')
      .find((b) => b.text() === 'Save settings')!
      .trigger('click')
    await flush()
    const set = fake.calls.find((c) => c.name === 'settings.set')!.arg as { transferEstimator: string }
    expect(set.transferEstimator).toBe('logme')
  })
})
