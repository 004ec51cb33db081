import type { TaskAccuracyRow } from '../versionFacts'

/** Grouped bars of holdout accuracy per task (percent), one bar series per version. */
export function accuracyBarsOption(
  rows: TaskAccuracyRow[],
  versionNames: string[],
  yName: string
): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { show: versionNames.length > 1, top: 0 },
    grid: { left: 56, right: 16, top: 40, bottom: 44 },
    xAxis: { type: 'category', data: rows.map((r) => r.name) },
    yAxis: { type: 'value', name: yName, min: 0, max: 100 },
    series: versionNames.map((name, k) => ({
      name,
      type: 'bar',
      data: rows.map((r) => (r.accuracy[k] === null ? null : +(r.accuracy[k]! * 100).toFixed(2)))
    }))
  }
}
