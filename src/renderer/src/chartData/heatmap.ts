import type { TransferMatrix } from '@shared/types'
import { estimatorScale } from '@shared/transferability'
import { escapeHtml } from './escapeHtml'

/** What the transferability heatmap draws, derived from the service's TransferMatrix only. */
export interface HeatmapData {
  /** Column labels: the tasks whose generated weights produce the features. */
  xLabels: string[]
  /** Row labels: the tasks whose data is scored. */
  yLabels: string[]
  /**
   * ECharts heatmap cells [column, row, value]. ECharts puts category 0 of the y axis at the
   * bottom, so row r of the matrix is drawn at y = rows − 1 − r to read top-down like the table.
   */
  cells: Array<[number, number, number]>
  /** Range of the non-null scores (both 0 when there are none). */
  min: number
  max: number
  /**
   * Range of the colour scale: the estimator's own range ([0, C − 1] for the H-scores, [0, 1]
   * normalised), not the data's, so a flat row (2.96–3.00 of 3) gets one colour instead of the
   * whole palette. LogME has no fixed range: its data range, widened to at least 1 nat.
   */
  colourMin: number
  colourMax: number
  /** Decimals that tell the cells apart: enough for a tenth of the data range, 2 … 4. */
  digits: number
  /** Row of the highlighted task in matrix order, or −1. */
  highlightRow: number
  /** The highlighted row's values by column (null where not computed). */
  highlightValues: Array<{ taskId: number; name: string; value: number | null }>
}

/**
 * Index of the row for `taskId`; when taskId is absent or unknown, the next task to train (the
 * first registered task the active version has not learned), or the last row when all are learned.
 */
export function rowOf(m: TransferMatrix, taskId?: number | null): number {
  const i = taskId == null ? -1 : m.targetTaskIds.indexOf(taskId)
  if (i >= 0) return i
  const next = m.targetTaskIds.findIndex((id) => !m.sourceTaskIds.includes(id))
  return next >= 0 ? next : m.targetTaskIds.length - 1
}

/** Decimals so that a tenth of the spread max − min is visible: ⌈−log10(spread / 10)⌉, clamped to 2 … 4. */
export function labelDigits(min: number, max: number): number {
  const spread = max - min
  if (!(spread > 0)) return 2
  return Math.min(4, Math.max(2, Math.ceil(-Math.log10(spread / 10))))
}

function colourRange(m: TransferMatrix, min: number, max: number): [number, number] {
  if (m.estimator === 'logme') {
    const mid = (min + max) / 2
    return max - min >= 1 ? [min, max] : [mid - 0.5, mid + 0.5]
  }
  const top = Math.max(1, ...m.classCounts.map((c) => estimatorScale(m.estimator, c)))
  return [0, top]
}

export function heatmapData(m: TransferMatrix, taskId?: number | null): HeatmapData {
  const rows = m.targetTaskIds.length
  const cells: Array<[number, number, number]> = []
  let min = Infinity
  let max = -Infinity
  m.scores.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || !Number.isFinite(v)) return
      cells.push([c, rows - 1 - r, v])
      min = Math.min(min, v)
      max = Math.max(max, v)
    })
  )
  const highlightRow = rows === 0 ? -1 : rowOf(m, taskId)
  const highlightValues =
    highlightRow < 0
      ? []
      : m.sourceTaskIds.map((id, c) => ({
          taskId: id,
          name: m.sourceNames[c],
          value: m.scores[highlightRow]?.[c] ?? null
        }))
  const lo = cells.length ? min : 0
  const hi = cells.length ? max : 0
  const [colourMin, colourMax] = colourRange(m, lo, hi)
  return {
    xLabels: [...m.sourceNames],
    yLabels: [...m.targetNames].reverse(),
    cells,
    min: lo,
    max: hi,
    colourMin,
    colourMax,
    digits: labelDigits(lo, hi),
    highlightRow,
    highlightValues
  }
}

/** The most and least transferable earlier tasks for the highlighted row (ties: the earlier task). */
export function extremes(d: HeatmapData): {
  best: { name: string; value: number } | null
  worst: { name: string; value: number } | null
  /** How many earlier tasks have a score for this row. */
  count: number
} {
  let count = 0
  let best: { name: string; value: number } | null = null
  let worst: { name: string; value: number } | null = null
  for (const h of d.highlightValues) {
    if (h.value === null) continue
    count += 1
    if (!best || h.value > best.value) best = { name: h.name, value: h.value }
    if (!worst || h.value < worst.value) worst = { name: h.name, value: h.value }
  }
  return { best, worst, count }
}

/**
 * Cell values in white with a dark outline: readable on every shade of the scale in both themes
 * (ECharts' automatic text colour went dark grey on mid-blue cells in the dark theme).
 */
const CELL_TEXT = { color: '#fff', textBorderColor: 'rgba(0, 0, 0, 0.45)', textBorderWidth: 2 }

/** ECharts option for the heatmap; the highlighted row's label is drawn bold with a marker. */
export function heatmapOption(d: HeatmapData, axisNames: { x: string; y: string }): Record<string, unknown> {
  const highlightY = d.highlightRow < 0 ? -1 : d.yLabels.length - 1 - d.highlightRow
  return {
    animation: false,
    tooltip: {
      position: 'top',
      // Names the row (data) and the column (weights), not just the value.
      formatter: (p: { value: [number, number, number] }) =>
        `${escapeHtml(d.yLabels[p.value[1]])} ← ${escapeHtml(d.xLabels[p.value[0]])}: ${p.value[2].toFixed(d.digits)}`
    },
    grid: { left: 140, right: 110, top: 30, bottom: 70 },
    xAxis: {
      type: 'category',
      data: d.xLabels,
      name: axisNames.x,
      nameLocation: 'middle',
      nameGap: 48,
      axisLabel: { rotate: 15 }
    },
    yAxis: {
      type: 'category',
      data: d.yLabels.map((l, i) => (i === highlightY ? `▶ ${l}` : l)),
      name: axisNames.y
    },
    visualMap: {
      min: d.colourMin,
      max: d.colourMax,
      precision: Math.min(d.digits, 2),
      calculable: true,
      orient: 'vertical',
      right: 0,
      top: 'middle'
    },
    series: [
      {
        type: 'heatmap',
        data: d.cells,
        label: {
          show: true,
          ...CELL_TEXT,
          formatter: (p: { value: [number, number, number] }) => p.value[2].toFixed(d.digits)
        },
        emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } }
      },
      ...(highlightY >= 0
        ? [
            {
              type: 'heatmap',
              data: d.cells.filter((c) => c[1] === highlightY),
              itemStyle: { borderColor: '#f0a020', borderWidth: 3 },
              label: {
                show: true,
                ...CELL_TEXT,
                fontWeight: 'bold',
                formatter: (p: { value: [number, number, number] }) => p.value[2].toFixed(d.digits)
              }
            }
          ]
        : [])
    ]
  }
}

/** Table alternative: one row per data task, one column per weights task. */
export function heatmapRows(m: TransferMatrix): Array<Array<string | number | null>> {
  return m.targetNames.map((name, r) => [name, ...m.sourceTaskIds.map((_, c) => m.scores[r]?.[c] ?? null)])
}
