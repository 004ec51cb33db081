import type { TransferMatrix } from '@shared/types'
import { escapeHtml } from './escapeHtml'

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
    grid: { left: 48, right: 120, top: 40, bottom: 32 },
    xAxis: { type: 'value', scale: true },
    yAxis: { type: 'value', scale: true },
    series: [
      {
        name: names.learned,
        type: 'scatter',
        symbolSize: 14,
        data: pts('learned'),
        label: { show: true, position: 'right', formatter: '{b}' }
      },
      ...(hasTarget
        ? [
            {
              name: names.target,
              type: 'scatter',
              symbol: 'diamond',
              symbolSize: 16,
              data: pts('target'),
              label: { show: true, position: 'right', formatter: '{b}' }
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
