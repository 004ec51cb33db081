import type { VersionComparison } from '@shared/types'

/**
 * Grouped bars of holdout accuracy per task (active vs candidate, in percent) and bars of
 * forgetting (drop = active − candidate, accuracy points) — straight from VersionComparison.
 */
export function accuracyOption(
  c: VersionComparison,
  names: { active: string; candidate: string; y: string }
): Record<string, unknown> {
  const pct = (v: number | null) => (v === null ? null : +(v * 100).toFixed(2))
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { show: true, top: 0 },
    grid: { left: 56, right: 16, top: 40, bottom: 44 },
    xAxis: { type: 'category', data: c.tasks.map((t) => t.name) },
    yAxis: { type: 'value', name: names.y, min: 0, max: 100 },
    series: [
      { name: names.active, type: 'bar', data: c.tasks.map((t) => pct(t.active)) },
      { name: names.candidate, type: 'bar', data: c.tasks.map((t) => pct(t.candidate)) }
    ]
  }
}

export function accuracyRows(c: VersionComparison): Array<Array<string | number | null>> {
  const pct = (v: number | null) => (v === null ? null : v * 100)
  return c.tasks.map((t) => [t.name, pct(t.active), pct(t.candidate), t.drop, t.drift])
}

export function forgettingOption(
  c: VersionComparison,
  names: { drop: string; drift: string }
): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { show: true, top: 0 },
    grid: { left: 56, right: 56, top: 40, bottom: 44 },
    xAxis: { type: 'category', data: c.tasks.map((t) => t.name) },
    yAxis: [
      { type: 'value', name: names.drop },
      { type: 'value', name: names.drift, position: 'right' }
    ],
    series: [
      { name: names.drop, type: 'bar', data: c.tasks.map((t) => t.drop) },
      { name: names.drift, type: 'line', yAxisIndex: 1, data: c.tasks.map((t) => t.drift) }
    ]
  }
}
