// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { VersionComparison } from '@shared/types'
import { setTransport } from '../../src/renderer/src/transport'
import CandidatePanel from '../../src/renderer/src/components/CandidatePanel.vue'
import { useUserStore } from '../../src/renderer/src/stores/user'
import { fakeTransport, flush } from './fakeTransport'
import { mountWith } from './mountApp'
import { version } from './versionFixture'

function comparison(pass: boolean): VersionComparison {
  return {
    candidate: version(3, 'candidate'),
    active: version(2, 'active'),
    tasks: [
      { taskId: 1, name: 'Digits 0/1', active: 0.995, candidate: 0.962, drop: 3.3, drift: 0.041 },
      { taskId: 2, name: 'Digits 2/3', active: 0.97, candidate: 0.968, drop: 0.2, drift: 0.012 },
      { taskId: 3, name: 'Digits 4/5', active: null, candidate: 0.981, drop: null, drift: null }
    ],
    policy: {
      pass,
      policy: { maxOldTaskDrop: 1, minNewTaskAccuracy: 0.9 },
      checks: [
        {
          id: 'old-task-drop',
          taskId: 1,
          taskName: 'Digits 0/1',
          pass: pass,
          value: 3.3,
          limit: 1,
          message: 'dropped 3.3 points'
        },
        {
          id: 'old-task-drop',
          taskId: 2,
          taskName: 'Digits 2/3',
          pass: true,
          value: 0.2,
          limit: 1,
          message: 'dropped 0.2 points'
        },
        {
          id: 'new-task-accuracy',
          taskId: 3,
          taskName: 'Digits 4/5',
          pass: true,
          value: 0.981,
          limit: 0.9,
          message: 'ok'
        }
      ]
    }
  }
}

function transferRecord(guidance: 'followed' | 'flat-fallback' | 'untrusted-fallback' | 'not-used', spread: number) {
  const row = [2.98, 2.98 + spread]
  return {
    estimator: 'hscore',
    estimates: { hscore: row, shrinkage: row, logme: [0.1, 0.2], normalised: row.map((x) => x / 3) },
    measured: [0.8, 0.7],
    measuredLogLik: [-0.5, -0.6],
    spread,
    flatLimit: 0.06,
    flat: guidance === 'flat-fallback',
    guidance,
    millis: 12
  }
}

async function setup(pass: boolean, metrics: Record<string, unknown> = {}) {
  const fake = fakeTransport({
    'version.approve': () => version(3, 'active'),
    'version.reject': () => version(3, 'rejected'),
    'versions.list': () => []
  })
  setTransport(fake.transport)
  const c = comparison(pass)
  c.candidate.metrics = metrics
  const w = await mountWith(CandidatePanel, { comparison: c })
  return { w, fake }
}

const rows = (w: Awaited<ReturnType<typeof setup>>['w']) =>
  w.findAll('table[aria-label="Approval policy checks"] tbody tr').map((r) => r.findAll('td').map((c) => c.text()))
const button = (w: Awaited<ReturnType<typeof setup>>['w'], name: string) =>
  w.findAll('button').find((x) => x.text() === name)!

describe('candidate panel policy display', () => {
  it('shows each check as pass or fail with the measured value and the limit', async () => {
    const { w } = await setup(false)
    expect(w.find('[data-testid="policy-verdict"]').text()).toBe('1 policy checks fail.')
    expect(rows(w)).toEqual([
      ['Old task accuracy drop', 'Digits 0/1', '3.3 pt', '1 pt', 'fail'],
      ['Old task accuracy drop', 'Digits 2/3', '0.2 pt', '1 pt', 'pass'],
      ['New task accuracy', 'Digits 4/5', '98.1%', '90%', 'pass']
    ])
    expect(w.findAll('tr[data-pass="false"]')).toHaveLength(1)
  })

  it('says all checks pass when the service says so', async () => {
    const { w } = await setup(true)
    expect(w.find('[data-testid="policy-verdict"]').text()).toBe('All policy checks pass.')
    expect(rows(w).map((r) => r[4])).toEqual(['pass', 'pass', 'pass'])
  })

  it('allows approving a failed candidate only with the override box and a comment', async () => {
    const { w, fake } = await setup(false)
    useUserStore().name = 'Aiko'
    await flush()
    expect(button(w, 'Approve').attributes('disabled')).toBeDefined()
    await w.find('input[type="checkbox"], [role="checkbox"]').trigger('click')
    await flush()
    expect(button(w, 'Approve').attributes('disabled')).toBeDefined()
    await w.find('textarea').setValue('Old task 1 is retired next month')
    expect(button(w, 'Approve').attributes('disabled')).toBeUndefined()
    await button(w, 'Approve').trigger('click')
    await flush()
    expect(fake.calls.find((c) => c.name === 'version.approve')?.arg).toEqual({
      version: 3,
      by: 'Aiko',
      comment: 'Old task 1 is retired next month',
      override: true
    })
  })

  it('requires a comment to reject', async () => {
    const { w, fake } = await setup(true)
    useUserStore().name = 'Aiko'
    await flush()
    expect(button(w, 'Approve').attributes('disabled')).toBeUndefined()
    expect(button(w, 'Reject').attributes('disabled')).toBeDefined()
    await w.find('textarea').setValue('Too slow')
    await button(w, 'Reject').trigger('click')
    await flush()
    expect(fake.calls.find((c) => c.name === 'version.reject')?.arg).toEqual({
      version: 3,
      by: 'Aiko',
      comment: 'Too slow'
    })
  })
})

describe('candidate panel transferability guidance', () => {
  it('names the estimator, why it was chosen, and the fallback when the row was flat', async () => {
    const { w } = await setup(true, {
      transfer: transferRecord('flat-fallback', 0.012),
      estimatorChoice: { choice: 'auto', estimator: 'hscore', rho: null, pairs: 1 }
    })
    const note = w.find('[data-testid="candidate-guidance"]')
    expect(note.attributes('data-guidance')).toBe('flat-fallback')
    expect(note.text()).toContain('Transferability estimator: H-score (chosen automatically)')
    expect(note.text()).toContain('ρ — against measured transfer (pairs measured: 1)')
    expect(note.text()).toContain('this task’s row was flat (spread 0.012, below 0.060)')
  })

  it('says the H-embedding followed the row of a fixed estimator', async () => {
    const { w } = await setup(true, {
      transfer: { ...transferRecord('followed', 0.4), estimator: 'logme' },
      estimatorChoice: { choice: 'logme', estimator: 'logme', rho: 0.31, pairs: 10 }
    })
    const note = w.find('[data-testid="candidate-guidance"]')
    expect(note.text()).toContain(
      'Transferability estimator: LogME (set in Settings) · ρ 0.31 against measured transfer (pairs measured: 10)'
    )
    expect(note.text()).toContain('The H-embedding followed this estimator’s row.')
  })

  it('says the guidance was switched off when no estimator predicted transfer on the workspace', async () => {
    const { w } = await setup(true, {
      transfer: transferRecord('untrusted-fallback', 0.4),
      estimatorChoice: { choice: 'auto', estimator: 'shrinkage', rho: -0.13, pairs: 15, guide: false }
    })
    const note = w.find('[data-testid="candidate-guidance"]')
    expect(note.attributes('data-guidance')).toBe('untrusted-fallback')
    expect(note.text()).toContain('Guidance switched off')
    expect(note.text()).toContain('best ρ -0.13, pairs measured: 15')
    expect(note.text()).not.toContain('followed this estimator')
  })

  it('shows nothing for a version without a transfer record', async () => {
    const { w } = await setup(true)
    expect(w.find('[data-testid="candidate-guidance"]').exists()).toBe(false)
  })
})
