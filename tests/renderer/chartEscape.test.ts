import { describe, expect, it } from 'vitest'
import type { TransferMatrix } from '@shared/types'
import { escapeHtml } from '../../src/renderer/src/chartData/escapeHtml'
import { embeddingOption } from '../../src/renderer/src/chartData/scatter'

describe('chart tooltips escape names from data', () => {
  it('escapes markup characters', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;'
    )
    expect(escapeHtml('Tenderloin 2')).toBe('Tenderloin 2')
  })

  it('the embedding map tooltip shows a hostile task name as text', () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const m = {
      embeddingMap: [{ kind: 'learned', name: hostile, taskId: 1, x: 0.5, y: -1 }]
    } as unknown as TransferMatrix
    const option = embeddingOption(m, { learned: 'learned', target: 'target' }) as {
      tooltip: { formatter: (p: { seriesName: string; data: { name: string; value: [number, number] } }) => string }
    }
    const html = option.tooltip.formatter({ seriesName: '<b>s</b>', data: { name: hostile, value: [0.5, -1] } })
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })
})
