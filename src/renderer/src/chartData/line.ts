/** ECharts option and table rows for series over steps (xs, or 1, 2, … when absent); null marks a missing value. */
export interface Series {
  name: string
  data: Array<number | null>
}

export function lineOption(series: Series[], xLabel: string, xs?: number[]): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { show: series.length > 1, top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 44 },
    xAxis: { type: 'value', name: xLabel, nameLocation: 'middle', nameGap: 26, min: xs?.[0] ?? 1 },
    yAxis: { type: 'value', scale: true },
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      showSymbol: false,
      connectNulls: true,
      data: s.data.map((v, i) => [xs?.[i] ?? i + 1, v])
    }))
  }
}

/** One row per step: [step, value of series 1, value of series 2, …]. */
export function lineRows(series: Series[], xs?: number[]): Array<Array<number | null>> {
  const n = Math.max(0, ...series.map((s) => s.data.length))
  return Array.from({ length: n }, (_, i) => [xs?.[i] ?? i + 1, ...series.map((s) => s.data[i] ?? null)])
}
