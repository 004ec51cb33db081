import { describe, expect, it } from 'vitest'
import { DRIFT_LIMIT_WITHOUT_HOLDOUT, evaluatePolicy } from '../../src/service/policy'

const names = new Map([
  [1, 'Round'],
  [2, 'Sirloin'],
  [3, 'Rib eye']
])
const policy = { maxOldTaskDrop: 1.0, minNewTaskAccuracy: 0.8 }

describe('approval policy', () => {
  it('passes when no old task drops more than the limit and the new task is good enough', () => {
    const r = evaluatePolicy({
      policy,
      candidate: { taskIds: [1, 2, 3], accuracyRow: [0.9, 0.851, 0.82], drift: [0.01, 0.02] },
      active: { taskIds: [1, 2], accuracyRow: [0.905, 0.86] },
      names
    })
    expect(r.pass).toBe(true)
    expect(r.checks.map((c) => [c.id, c.taskName, c.value, c.pass])).toEqual([
      ['old-task-drop', 'Round', 0.5, true],
      ['old-task-drop', 'Sirloin', 0.9, true],
      ['new-task-accuracy', 'Rib eye', 0.82, true]
    ])
  })

  it('fails on a drop beyond the limit and on a weak new task, naming both', () => {
    const r = evaluatePolicy({
      policy,
      candidate: { taskIds: [1, 2, 3], accuracyRow: [0.88, 0.86, 0.7], drift: [0.03, 0] },
      active: { taskIds: [1, 2], accuracyRow: [0.9, 0.86] },
      names
    })
    expect(r.pass).toBe(false)
    const failed = r.checks.filter((c) => !c.pass)
    expect(failed.map((c) => c.taskName)).toEqual(['Round', 'Rib eye'])
    expect(failed[0].value).toBe(2)
    expect(failed[0].message).toContain('−2.00 points')
    expect(failed[1].message).toContain('70 %')
  })

  it('falls back to output drift where an old task has no holdout set', () => {
    const r = evaluatePolicy({
      policy: { maxOldTaskDrop: 1, minNewTaskAccuracy: 0 },
      candidate: { taskIds: [1, 2], accuracyRow: [null, 0.9], drift: [DRIFT_LIMIT_WITHOUT_HOLDOUT * 2] },
      active: { taskIds: [1], accuracyRow: [null] },
      names
    })
    expect(r.checks[0]).toMatchObject({ id: 'drift', pass: false, value: DRIFT_LIMIT_WITHOUT_HOLDOUT * 2 })
    expect(r.pass).toBe(false)
  })

  it('judges the first task only on its own accuracy', () => {
    const r = evaluatePolicy({
      policy,
      candidate: { taskIds: [1], accuracyRow: [0.95], drift: null },
      active: null,
      names
    })
    expect(r.pass).toBe(true)
    expect(r.checks).toHaveLength(1)
  })
})
