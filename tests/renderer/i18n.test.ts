// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import en from '../../src/renderer/src/i18n/en'
import ja from '../../src/renderer/src/i18n/ja'

function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]
  )
}

describe('translations', () => {
  it('English and Japanese have identical key sets', () => {
    const a = keys(en).sort()
    const b = keys(ja).sort()
    expect(b).toEqual(a)
    expect(a.length).toBeGreaterThan(300)
  })

  it('every Japanese string is non-empty and uses the same placeholders as English', () => {
    const get = (o: unknown, path: string) =>
      path.split('.').reduce((x, k) => (x as Record<string, unknown>)[k], o) as string
    for (const k of keys(en)) {
      const e = get(en, k)
      const j = get(ja, k)
      expect(j.trim(), k).not.toBe('')
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
      expect(ph(j), k).toEqual(ph(e))
    }
  })
})
