import type { TransferMatrix } from '@shared/types'
import { escapeHtml } from './escapeHtml'

/**
 * A value axis fitted to the points; when they all share one value (two embeddings lie on a line,
 * MDS puts them at y = 0) the axis is centred on it instead of drawing the points on its edge.
 */
export function axisFor(values: number[]): Record<string, unknown> {
  if (!values.length) return { type: 'value', scale: true }
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const span = Math.max(Math.abs(lo), Math.abs(hi), 1)
  if (hi - lo > 1e-6 * span) return { type: 'value', scale: true }
  return { type: 'value', min: lo - span, max: hi + span }
}

/** ECharts option for the 2-D map of task embeddings: learned tasks and targets (ê) as two series. */
export function embeddingOption(
  m: TransferMatrix,
  names: { learned: string; target: string }
): Record<string, unknown> {
  const pts = (kind: 'learned' | 'target') =>
    m.embeddingMap.filter((p) => p.kind === kind).map((p) => ({ value: [p.x, p.y], name: p.name, taskId: p.taskId }))
  const hasTarget = pts('target').length > 0
  return {
    animation: false,
    // Only series that have points: ê exists once an H-embedding was fitted (hemb, third task on).
    legend: { show: true, top: 0, data: hasTarget ? [names.learned, names.target] : [names.learned] },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; data: { name: string; value: [number, number] } }) =>
        `${escapeHtml(p.data.name)} (${escapeHtml(p.seriesName)})<br/>x = ${p.data.value[0].toFixed(3)}, y = ${p.data.value[1].toFixed(3)}`
    },
    // Names above their points: to the right they ran over the axis line through collinear points
    // and past the right edge.
    grid: { left: 64, right: 64, top: 40, bottom: 32 },
    xAxis: axisFor(m.embeddingMap.map((p) => p.x)),
    yAxis: axisFor(m.embeddingMap.map((p) => p.y)),
    series: [
      {
        name: names.learned,
        type: 'scatter',
        symbolSize: 14,
        data: pts('learned'),
        label: { show: true, position: 'top', formatter: '{b}' }
      },
      ...(hasTarget
        ? [
            {
              name: names.target,
              type: 'scatter',
              symbol: 'diamond',
              symbolSize: 16,
              data: pts('target'),
              label: { show: true, position: 'top', formatter: '{b}' }
            }
          ]
        : [])
    ]
  }
}

export function embeddingRows(
  m: TransferMatrix,
  names: { learned: string; target: string }
): Array<Array<string | number>> {
  return m.embeddingMap.map((p) => [p.name, p.kind === 'learned' ? names.learned : names.target, p.x, p.y])
}
