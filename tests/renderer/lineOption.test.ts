import { describe, expect, it } from 'vitest'
import { lineOption } from '../../src/renderer/src/chartData/line'

describe('line charts', () => {
  it('name a single line in the legend (the chart title is only its accessible name)', () => {
    const one = lineOption([{ name: 'Batch accuracy', data: [0.5, 0.9] }], 'Step') as {
      legend: { show: boolean }
      series: Array<{ name: string; data: number[][] }>
    }
    expect(one.legend.show).toBe(true)
    expect(one.series.map((s) => s.name)).toEqual(['Batch accuracy'])
    expect(one.series[0].data).toEqual([
      [1, 0.5],
      [2, 0.9]
    ])
    expect((lineOption([], 'Step') as { legend: { show: boolean } }).legend.show).toBe(false)
  })
})
