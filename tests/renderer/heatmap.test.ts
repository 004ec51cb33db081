import { describe, expect, it } from 'vitest'
import type { TransferMatrix } from '@shared/types'
import {
  extremes,
  heatmapData,
  heatmapOption,
  heatmapRows,
  labelDigits,
  rowOf
} from '../../src/renderer/src/chartData/heatmap'
import { embeddingOption } from '../../src/renderer/src/chartData/scatter'

const matrix: TransferMatrix = {
  versionId: 2,
  computedAt: '2026-11-28T01:00:00.000Z',
  sourceTaskIds: [1, 2],
  sourceNames: ['A', 'B'],
  targetTaskIds: [1, 2, 3],
  targetNames: ['A', 'B', 'C'],
  scores: [
    [0.9, 0.2],
    [0.3, 0.8],
    [0.5, null]
  ],
  classCounts: [2, 2, 2],
  embeddingMap: [],
  backend: 'wasm',
  millis: 12,
  estimator: 'hscore',
  estimates: { hscore: [], shrinkage: [], logme: [], normalised: [] },
  measured: [],
  trust: {
    choice: 'auto',
    estimator: 'hscore',
    rho: null,
    n: 0,
    level: 'unknown',
    guide: true,
    fits: [],
    flatThreshold: 0.02
  },
  flatRows: [false, false, false],
  recommendedOrder: []
}

describe('heatmapData', () => {
  it('turns the matrix into [column, row-from-bottom, value] cells, skipping nulls', () => {
    const d = heatmapData(matrix)
    expect(d.xLabels).toEqual(['A', 'B'])
    // ECharts draws y category 0 at the bottom: the first task's row must be the top one.
    expect(d.yLabels).toEqual(['C', 'B', 'A'])
    expect(d.cells).toEqual([
      [0, 2, 0.9],
      [1, 2, 0.2],
      [0, 1, 0.3],
      [1, 1, 0.8],
      [0, 0, 0.5]
    ])
    expect(d.min).toBe(0.2)
    expect(d.max).toBe(0.9)
  })

  it('reviews the next task to train by default (the first one not learned), the last when all are learned', () => {
    expect(rowOf({ ...matrix, targetTaskIds: [1, 4, 2], sourceTaskIds: [1, 2] })).toBe(1)
    expect(rowOf({ ...matrix, targetTaskIds: [1, 2], sourceTaskIds: [1, 2] })).toBe(1)
  })

  it('highlights the next row to train by default and the requested task otherwise, with its values', () => {
    const newest = heatmapData(matrix)
    expect(newest.highlightRow).toBe(2)
    expect(newest.highlightValues).toEqual([
      { taskId: 1, name: 'A', value: 0.5 },
      { taskId: 2, name: 'B', value: null }
    ])
    const second = heatmapData(matrix, 2)
    expect(second.highlightRow).toBe(1)
    expect(second.highlightValues.map((h) => h.value)).toEqual([0.3, 0.8])
    expect(rowOf(matrix, 99)).toBe(2)
  })

  it('names the most and least transferable earlier tasks of the highlighted row', () => {
    expect(extremes(heatmapData(matrix, 1))).toEqual({
      best: { name: 'A', value: 0.9 },
      worst: { name: 'B', value: 0.2 },
      count: 2
    })
    // Only one computed value: it is both the most and the least transferable (the view then uses one sentence).
    expect(extremes(heatmapData(matrix, 3))).toEqual({
      best: { name: 'A', value: 0.5 },
      worst: { name: 'A', value: 0.5 },
      count: 1
    })
  })

  it('gives a table with one row per data task and null where not computed', () => {
    expect(heatmapRows(matrix)).toEqual([
      ['A', 0.9, 0.2],
      ['B', 0.3, 0.8],
      ['C', 0.5, null]
    ])
  })

  it('handles an empty matrix (nothing learned yet)', () => {
    const d = heatmapData({
      ...matrix,
      sourceTaskIds: [],
      sourceNames: [],
      targetTaskIds: [],
      targetNames: [],
      scores: []
    })
    expect(d.cells).toEqual([])
    expect(d.highlightRow).toBe(-1)
    expect([d.min, d.max]).toEqual([0, 0])
  })

  it("labels with enough decimals for the spread, and colours over the estimator's range, not the data's", () => {
    expect(labelDigits(2.96, 3.0)).toBe(3) // a 0.04 spread needs 3 decimals, not 2
    expect(labelDigits(2.4, 3.1)).toBe(2)
    expect(labelDigits(0.9991, 0.9995)).toBe(4)
    const flat: TransferMatrix = {
      ...matrix,
      classCounts: [4, 4, 4],
      scores: [
        [2.97, 2.99],
        [2.96, 3.0],
        [2.98, null]
      ]
    }
    const d = heatmapData(flat)
    expect([d.colourMin, d.colourMax]).toEqual([0, 3])
    expect(d.digits).toBe(3)
    const logme = heatmapData({
      ...flat,
      estimator: 'logme',
      scores: [
        [0.8, 0.85],
        [0.82, 0.84],
        [0.81, null]
      ]
    })
    expect(logme.colourMax - logme.colourMin).toBeCloseTo(1, 12)
  })

  it('names the row and the column in the tooltip', () => {
    const d = heatmapData(matrix)
    const opt = heatmapOption(d, { x: 'weights', y: 'data' }) as { tooltip: { formatter: (p: unknown) => string } }
    expect(opt.tooltip.formatter({ value: [1, 2, 0.2] })).toBe('A ← B: 0.20')
  })
})

describe('embeddingOption', () => {
  it('lists the target ê in the legend only when there is one', () => {
    const names = { learned: 'learned', target: 'target ê' }
    const learnedOnly = embeddingOption(
      { ...matrix, embeddingMap: [{ taskId: 1, name: 'A', x: 0, y: 0, kind: 'learned' }] },
      names
    ) as {
      legend: { data: string[] }
      series: unknown[]
    }
    expect(learnedOnly.legend.data).toEqual(['learned'])
    expect(learnedOnly.series).toHaveLength(1)
    const withTarget = embeddingOption(
      {
        ...matrix,
        embeddingMap: [
          { taskId: 1, name: 'A', x: 0, y: 0, kind: 'learned' },
          { taskId: 3, name: 'C (ê)', x: 1, y: 0, kind: 'target' }
        ]
      },
      names
    ) as { legend: { data: string[] } }
    expect(withTarget.legend.data).toEqual(['learned', 'target ê'])
  })

  it('centres an axis on points that all share its value (two embeddings on one line), else fits it to them', () => {
    const opt = embeddingOption(
      {
        ...matrix,
        embeddingMap: [
          { taskId: 1, name: 'A', x: -3.7, y: 0, kind: 'learned' },
          { taskId: 2, name: 'B', x: 3.7, y: 0, kind: 'learned' }
        ]
      },
      { learned: 'learned', target: 'target ê' }
    ) as { xAxis: Record<string, unknown>; yAxis: { min: number; max: number } }
    expect(opt.xAxis).toEqual({ type: 'value', scale: true })
    expect(opt.yAxis.min).toBeLessThan(0)
    expect(opt.yAxis.max).toBeGreaterThan(0)
    expect(opt.yAxis.max + opt.yAxis.min).toBeCloseTo(0)
  })
})
