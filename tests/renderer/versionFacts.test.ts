import { describe, expect, it } from 'vitest'
import type { VersionView } from '@shared/types'
import { accuracyByTask, configDiff, flattenConfig, runFacts } from '../../src/renderer/src/versionFacts'
import { lineRows } from '../../src/renderer/src/chartData/line'

const version = (over: Partial<VersionView>): VersionView =>
  ({
    id: 1,
    taskIds: [1],
    accuracyRow: [0.9],
    drift: null,
    config: {},
    metrics: {},
    timings: {},
    ...over
  }) as VersionView

describe('version facts for the history, detail and compare views', () => {
  it('flattens nested settings and lists only those that differ, with the missing side null', () => {
    expect([...flattenConfig({ steps: 60, hnet: { hidden: [16, 16], lr: 0.001 } })]).toEqual([
      ['steps', '60'],
      ['hnet.hidden', '[16,16]'],
      ['hnet.lr', '0.001']
    ])
    expect(
      configDiff(
        { steps: 60, beta: 0.05, hnet: { hidden: [16] } },
        { steps: 80, beta: 0.05, hnet: { hidden: [32] }, ewc: 1 }
      )
    ).toEqual([
      { key: 'ewc', a: null, b: '1' },
      { key: 'hnet.hidden', a: '[16]', b: '[32]' },
      { key: 'steps', a: '60', b: '80' }
    ])
    expect(configDiff({ a: { b: 1 } }, { a: { b: 1 } })).toEqual([])
  })

  it('lines up accuracy and drift by task across versions that learned different tasks', () => {
    const v1 = version({ id: 1, taskIds: [10], accuracyRow: [0.99] })
    const v2 = version({ id: 2, taskIds: [10, 20], accuracyRow: [0.97, 0.9], drift: [0.012] })
    const names = new Map([
      [10, 'A'],
      [20, 'B']
    ])
    expect(accuracyByTask([v1, v2], names)).toEqual([
      { taskId: 10, name: 'A', accuracy: [0.99, 0.97], drift: [null, 0.012] },
      { taskId: 20, name: 'B', accuracy: [null, 0.9], drift: [null, null] }
    ])
  })

  it('reads steps, seconds and speed from the stored metrics and timings', () => {
    expect(runFacts(version({ metrics: { steps: 80, stepsPerSecond: 12.5 }, timings: { trainMs: 6400 } }))).toEqual({
      steps: 80,
      seconds: 6.4,
      stepsPerSecond: 12.5
    })
    expect(runFacts(version({}))).toEqual({ steps: null, seconds: null, stepsPerSecond: null })
  })

  it('tables overlaid curves on the union of their steps', () => {
    expect(
      lineRows([
        { name: '#1', data: [3, 2], xs: [1, 60] },
        { name: '#2', data: [5, 4, 1], xs: [1, 40, 80] }
      ])
    ).toEqual([
      [1, 3, 5],
      [40, null, 4],
      [60, 2, null],
      [80, null, 1]
    ])
  })
})
