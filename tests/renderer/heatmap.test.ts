import { describe, expect, it } from 'vitest'
import type { TransferMatrix } from '@shared/types'
import { extremes, heatmapData, heatmapRows, rowOf } from '../../src/renderer/src/chartData/heatmap'

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
  millis: 12
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

  it('highlights the newest row by default and the requested task otherwise, with its values', () => {
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
})
