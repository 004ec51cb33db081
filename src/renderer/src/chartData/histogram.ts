/** Bar chart of sample counts per class. */
export function histogramOption(
  h: Array<{ className: string; count: number }>,
  yName: string
): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 56, right: 16, top: 24, bottom: 40 },
    xAxis: { type: 'category', data: h.map((c) => c.className) },
    yAxis: { type: 'value', name: yName },
    series: [{ type: 'bar', data: h.map((c) => c.count) }]
  }
}
