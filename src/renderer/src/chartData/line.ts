/**
 * ECharts option and table rows for series over steps; null marks a missing value. Series share
 * `xs` (or 1, 2, …) unless a series brings its own steps (curves of two runs overlaid).
 */
export interface Series {
  name: string
  data: Array<number | null>
  /** This series' own x values (its run's steps), when they differ from the shared ones. */
  xs?: number[]
}

const xOf = (s: Series, xs: number[] | undefined, i: number): number => s.xs?.[i] ?? xs?.[i] ?? i + 1

export function lineOption(series: Series[], xLabel: string, xs?: number[]): Record<string, unknown> {
  const first = Math.min(...series.map((s) => (s.data.length ? xOf(s, xs, 0) : Infinity)))
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    // Always: a chart's title is only its accessible name, so even a single line needs its name shown.
    legend: { show: series.length > 0, top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 44 },
    xAxis: {
      type: 'value',
      name: xLabel,
      nameLocation: 'middle',
      nameGap: 26,
      min: Number.isFinite(first) ? first : 1
    },
    yAxis: { type: 'value', scale: true },
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      showSymbol: false,
      connectNulls: true,
      data: s.data.map((v, i) => [xOf(s, xs, i), v])
    }))
  }
}

/** One row per x value (the union over series with their own steps): [x, value of series 1, …]. */
export function lineRows(series: Series[], xs?: number[]): Array<Array<number | null>> {
  if (!series.some((s) => s.xs)) {
    const n = Math.max(0, ...series.map((s) => s.data.length))
    return Array.from({ length: n }, (_, i) => [xs?.[i] ?? i + 1, ...series.map((s) => s.data[i] ?? null)])
  }
  const maps = series.map((s) => new Map(s.data.map((v, i) => [xOf(s, xs, i), v])))
  const all = [...new Set(maps.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b)
  return all.map((x) => [x, ...maps.map((m) => m.get(x) ?? null)])
}
