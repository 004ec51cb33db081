import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectShipped, isPermissive, licensesDocument, renderMarkdown } from '../../scripts/licenses'

const ROOT = join(__dirname, '../..')

describe('licenses of shipped dependencies', () => {
  const { packages, missingOptional } = collectShipped(ROOT)
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
    devDependencies: Record<string, string>
  }

  it('walks every production dependency and none of the development tools', () => {
    const names = new Set(packages.map((p) => p.name))
    for (const d of Object.keys(pkg.dependencies)) expect(names.has(d), d).toBe(true)
    for (const d of ['vitest', 'electron', 'electron-builder', 'eslint', 'typescript'])
      expect(names.has(d), d).toBe(false)
    expect(packages.length).toBeGreaterThan(Object.keys(pkg.dependencies).length)
    expect(missingOptional).not.toContain('zod')
  })

  it('reads SPDX expressions correctly', () => {
    expect(isPermissive('MIT')).toBe(true)
    expect(isPermissive('(MIT OR GPL-3.0)')).toBe(true)
    expect(isPermissive('Apache-2.0 AND MIT')).toBe(true)
    expect(isPermissive('GPL-3.0')).toBe(false)
    expect(isPermissive('MIT AND GPL-2.0')).toBe(false)
    expect(isPermissive('UNKNOWN')).toBe(false)
  })

  it('ships only permissively licensed packages (a copyleft or unknown one must be reviewed first)', () => {
    expect(packages.filter((p) => !isPermissive(p.license)).map((p) => `${p.name}@${p.version}: ${p.license}`)).toEqual(
      []
    )
  })

  it('renders one row per package', async () => {
    const md = renderMarkdown(packages, missingOptional)
    for (const p of packages) expect(md).toContain(`| ${p.name} | ${p.version} | ${p.license} |`)
    // A stale list is reported, not failed: dependencies may change in a commit of their own.
    const { text } = await licensesDocument(ROOT)
    const committed = readFileSync(join(ROOT, 'docs/licenses.md'), 'utf8')
    if (committed !== text) console.warn('docs/licenses.md is out of date with node_modules: run `npm run licenses`')
    expect(text).toContain('# Licenses of shipped dependencies')
  })
})
