/**
 * Charts as inline SVG through ECharts server-side rendering (no DOM, no scripts in the output).
 * Every chart is rendered with animation off at a fixed size; the SVG scales with its CSS width.
 */
import * as echarts from 'echarts'

/** Options object as ECharts takes it; kept loose on purpose (the ECharts type is huge). */
type ChartOption = Record<string, unknown>

export function renderSvg(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

export const FONT = "'Noto Sans CJK JP', 'Noto Sans JP', 'Noto Sans', 'DejaVu Sans', sans-serif"
/** Colour-blind-safe palette (Okabe–Ito), repeated for more than eight series. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000']

const AXIS_FONT = 10
/** Longest row label shown in full; longer names end in "…" (the tables give them whole). */
const MAX_ROW_LABEL = 28

/** Estimated width in px of a label: CJK characters are about one em wide, others about 0.6 em. */
export function textWidth(s: string, fontSize: number): number {
  let w = 0
  for (const ch of s) w += /[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? fontSize : fontSize * 0.6
  return w
}

/**
 * Heatmap of R (rows: after learning task i; columns: task j). Cell labels only up to 12 tasks;
 * beyond that the colour scale carries the values and the table gives the numbers.
 */
export function heatmapSvg(opts: {
  rowLabels: string[]
  colLabels: string[]
  values: Array<Array<number | null>>
  xName: string
  yName: string
  width: number
  /** Colour range in shown units (values × factor) and how a shown value is printed. */
  scale: { min: number; max: number; factor: number; digits: number; unit: string }
}): string {
  const n = Math.max(opts.rowLabels.length, opts.colLabels.length)
  const showLabels = n <= 12
  const { min, max, factor, digits, unit } = opts.scale
  const data: Array<[number, number, number]> = []
  opts.values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v !== null) data.push([j, i, v * factor])
    })
  )
  // Row labels are names: the left margin is as wide as the longest (capped), so the y title
  // sits clear of them. Column labels are expected short (T1, T2, …) so they never overlap.
  const rowLabels = opts.rowLabels.map((l) => (l.length > MAX_ROW_LABEL ? `${l.slice(0, MAX_ROW_LABEL - 1)}…` : l))
  const labelWidth = Math.ceil(Math.max(0, ...rowLabels.map((l) => textWidth(l, AXIS_FONT))))
  const grid = { left: labelWidth + 8 + 24, right: 20, top: 30, bottom: 90 }
  const cell = Math.max(6, Math.min(64, Math.floor((opts.width - grid.left - grid.right) / Math.max(1, n))))
  const height = grid.top + grid.bottom + cell * Math.max(1, opts.rowLabels.length)
  const interval = n <= 20 ? 0 : Math.ceil(n / 20) - 1
  return renderSvg(
    {
      grid: { ...grid, width: cell * opts.colLabels.length, height: cell * opts.rowLabels.length },
      xAxis: {
        type: 'category',
        data: opts.colLabels,
        name: opts.xName,
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { interval, fontSize: AXIS_FONT },
        position: 'bottom'
      },
      yAxis: {
        type: 'category',
        data: rowLabels,
        inverse: true,
        name: opts.yName,
        nameLocation: 'middle',
        nameGap: labelWidth + 14,
        axisLabel: { interval, fontSize: AXIS_FONT }
      },
      visualMap: {
        min,
        max: max > min ? max : min + 1,
        orient: 'horizontal',
        left: grid.left,
        bottom: 0,
        itemHeight: 200,
        text: [`${max.toFixed(digits)}${unit}`, `${min.toFixed(digits)}${unit}`],
        inRange: { color: ['#fff7ec', '#fdbb84', '#d7301f', '#7f0000'] }
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: showLabels, fontSize: 10, formatter: (p: { value: number[] }) => p.value[2].toFixed(digits) },
          itemStyle: { borderColor: '#ffffff', borderWidth: n <= 30 ? 1 : 0 }
        }
      ]
    },
    opts.width,
    height
  )
}

/** Lines over the learning sequence: one series per task, x = step of the sequence. */
export function linesSvg(opts: {
  xLabels: string[]
  series: Array<{ name: string; values: Array<number | null> }>
  yName: string
  xName: string
  percent: boolean
  width: number
  height: number
}): string {
  const interval = opts.xLabels.length <= 20 ? 0 : Math.ceil(opts.xLabels.length / 20) - 1
  return renderSvg(
    {
      color: PALETTE,
      grid: { left: 60, right: 20, top: 20, bottom: 90 },
      legend: { bottom: 0, type: 'plain', textStyle: { fontSize: 10 } },
      xAxis: {
        type: 'category',
        data: opts.xLabels,
        name: opts.xName,
        nameLocation: 'middle',
        nameGap: 26,
        axisLabel: { interval, fontSize: 10 }
      },
      yAxis: {
        type: 'value',
        name: opts.yName,
        nameLocation: 'middle',
        nameGap: 45,
        ...(opts.percent ? { min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10), max: 100 } : {}),
        axisLabel: { fontSize: 10 }
      },
      series: opts.series.map((s) => ({
        type: 'line',
        name: s.name,
        data: s.values.map((v) => (v === null ? null : opts.percent ? Math.round(v * 10000) / 100 : v)),
        connectNulls: false,
        symbolSize: 4,
        showSymbol: opts.xLabels.length <= 20,
        lineStyle: { width: 1.5 }
      }))
    },
    opts.width,
    opts.height
  )
}

/** Grouped horizontal-label bar chart (methods × one measure). */
export function barsSvg(opts: {
  categories: string[]
  series: Array<{ name: string; values: Array<number | null> }>
  yName: string
  width: number
  height: number
}): string {
  return renderSvg(
    {
      color: PALETTE,
      grid: { left: 70, right: 20, top: 20, bottom: 60 },
      legend: { bottom: 0, textStyle: { fontSize: 10 } },
      xAxis: { type: 'category', data: opts.categories, axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', name: opts.yName, nameLocation: 'middle', nameGap: 52, axisLabel: { fontSize: 10 } },
      series: opts.series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        label: { show: opts.categories.length <= 8, position: 'top', fontSize: 9 }
      }))
    },
    opts.width,
    opts.height
  )
}
