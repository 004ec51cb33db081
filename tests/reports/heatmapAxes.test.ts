import { describe, expect, it } from 'vitest'
import { heatmapSvg, textWidth } from '../../src/service/reports/charts'

/** Text elements of an ECharts SSR SVG with their anchor position. */
function texts(
  svg: string
): Array<{ text: string; x: number; y: number; size: number; anchor: string; rotated: boolean }> {
  return [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((m) => {
    const attrs = m[1]
    const size = Number(/font-size:(\d+)px/.exec(attrs)?.[1] ?? 12)
    const anchor = /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start'
    const tr = /translate\(([\d.-]+) ([\d.-]+)\)/.exec(attrs)
    const mx = /matrix\(0,-1,1,0,([\d.-]+),([\d.-]+)\)/.exec(attrs)
    const dy = Number(/ y="([\d.-]+)"/.exec(attrs)?.[1] ?? 0)
    if (mx) return { text: m[2], x: Number(mx[1]) + dy, y: Number(mx[2]), size, anchor, rotated: true }
    return { text: m[2], x: Number(tr?.[1] ?? 0), y: Number(tr?.[2] ?? 0), size, anchor, rotated: false }
  })
}

describe('accuracy matrix heatmap axes (PDF and HTML report)', () => {
  const names = ['T1 Digits 0 and 1', 'T2 Sirloin line 3, March', 'T3 サーロイン 3 号ライン 3 月', 'T4 Round']
  const values = names.map((_, i) => names.map((_, j) => (j <= i ? 0.9 + 0.01 * j : null)))
  const svg = heatmapSvg({
    rowLabels: names,
    colLabels: names.map((_, j) => `T${j + 1}`),
    values,
    xName: 'Evaluated task',
    yName: 'After learning task',
    width: 680,
    scale: { min: 90, max: 100, factor: 100, digits: 1, unit: '%' }
  })
  const all = texts(svg)

  it('keeps the y title clear of the longest row label', () => {
    const title = all.find((t) => t.text === 'After learning task')!
    expect(title.rotated).toBe(true)
    const rows = all.filter((t) => names.includes(t.text))
    expect(rows).toHaveLength(names.length)
    const leftmost = Math.min(...rows.map((r) => r.x - textWidth(r.text, r.size)))
    // The rotated title is one line of its font size tall, centred on x.
    expect(title.x + title.size / 2).toBeLessThan(leftmost)
  })

  it('gives each column label room of its own (no overlap along the x axis)', () => {
    const cols = all.filter((t) => /^T\d+$/.test(t.text)).sort((a, b) => a.x - b.x)
    expect(cols.map((c) => c.text)).toEqual(['T1', 'T2', 'T3', 'T4'])
    for (let i = 1; i < cols.length; i++) {
      const gap = cols[i].x - cols[i - 1].x
      expect(gap).toBeGreaterThan(
        (textWidth(cols[i].text, cols[i].size) + textWidth(cols[i - 1].text, cols[i].size)) / 2
      )
    }
  })
})
