import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The renderer shows names and values that come from data files and shared workspaces. It
 * writes them as text (Vue interpolation escapes), never as markup or code: a static scan of the
 * renderer source for the APIs that would turn such a string into HTML or script.
 */
const SRC = join(__dirname, '../../src/renderer/src')
const FORBIDDEN: Array<[RegExp, string]> = [
  [/\bv-html\b/, 'v-html'],
  [/\.innerHTML\s*=/, 'innerHTML ='],
  [/\.outerHTML\s*=/, 'outerHTML ='],
  [/insertAdjacentHTML\(/, 'insertAdjacentHTML'],
  [/document\.write\(/, 'document.write'],
  [/new Function\(/, 'new Function'],
  [/(^|[^.\w])eval\(/, 'eval'],
  [/createContextualFragment\(/, 'createContextualFragment']
]

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [join(dir, e.name)] : []
  )
}

describe('renderer source', () => {
  it('never turns strings into markup or code', () => {
    const found: string[] = []
    for (const f of files(SRC)) {
      const text = readFileSync(f, 'utf8')
      for (const [re, name] of FORBIDDEN) if (re.test(text)) found.push(`${f.slice(SRC.length + 1)}: ${name}`)
    }
    expect(found).toEqual([])
  })

  it('the scan does find what it looks for', () => {
    expect(FORBIDDEN.some(([re]) => re.test('<div v-html="x" />'))).toBe(true)
    expect(FORBIDDEN.some(([re]) => re.test('el.innerHTML = name'))).toBe(true)
    expect(FORBIDDEN.some(([re]) => re.test('const v = eval(s)'))).toBe(true)
    expect(FORBIDDEN.some(([re]) => re.test('retrieval(x)'))).toBe(false)
  })
})
