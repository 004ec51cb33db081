/**
 * Lists the licenses of everything Keizoku ships: the production dependencies in package.json
 * (dependencies, and optionalDependencies that are installed) and, transitively, their own
 * dependencies, found by walking node_modules the way Node resolves them. Writes
 * docs/licenses.md. Run: npm run licenses (node --import tsx scripts/licenses.ts).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import * as prettier from 'prettier'

export interface ShippedPackage {
  name: string
  version: string
  license: string
  repository: string
  /** Folder relative to the project root, e.g. node_modules/zod. */
  path: string
}

interface Manifest {
  name?: string
  version?: string
  license?: string | { type?: string }
  licenses?: Array<{ type?: string } | string>
  repository?: string | { url?: string }
  homepage?: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
}

/** Licenses that let Keizoku be shipped under MIT without extra obligations beyond notices. */
export const PERMISSIVE = new Set([
  'MIT',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'CC0-1.0',
  'Unlicense',
  'BlueOak-1.0.0',
  'Python-2.0',
  'CC-BY-4.0',
  'WTFPL',
  'Zlib'
])

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest

/** Node's lookup: <dir>/node_modules/<name>, then the same in each parent folder. */
function resolvePackage(name: string, fromDir: string, root: string): string | undefined {
  let dir = fromDir
  for (;;) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dir === root || dirname(dir) === dir) return undefined
    dir = dirname(dir)
  }
}

function licenseOf(m: Manifest, dir: string): string {
  if (typeof m.license === 'string') return m.license
  if (m.license && typeof m.license.type === 'string') return m.license.type
  if (Array.isArray(m.licenses) && m.licenses.length > 0) {
    return m.licenses.map((l) => (typeof l === 'string' ? l : (l.type ?? '?'))).join(' OR ')
  }
  const file = readdirSync(dir).find((f) => /^(licen[sc]e|copying)/i.test(f))
  return file ? `UNKNOWN (see ${file})` : 'UNKNOWN'
}

function repositoryOf(m: Manifest): string {
  const r = typeof m.repository === 'string' ? m.repository : (m.repository?.url ?? m.homepage ?? '')
  return r
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^github:/, 'https://github.com/')
    .replace(/^ssh:\/\/git@github\.com\//, 'https://github.com/')
    .replace(/^([\w.-]+\/[\w.-]+)$/, 'https://github.com/$1')
}

/** Every package folder reachable from the project's production dependencies. */
export function collectShipped(root: string): { packages: ShippedPackage[]; missingOptional: string[] } {
  const top = readManifest(root)
  const seen = new Map<string, ShippedPackage>()
  const missingOptional: string[] = []
  const visit = (name: string, fromDir: string, optional: boolean): void => {
    const dir = resolvePackage(name, fromDir, root)
    if (!dir) {
      if (optional) missingOptional.push(name)
      else throw new Error(`${name} (needed from ${relative(root, fromDir) || '.'}) is not installed: run npm ci`)
      return
    }
    const path = relative(root, dir).split('\\').join('/')
    if (seen.has(path)) return
    const m = readManifest(dir)
    seen.set(path, {
      name: m.name ?? name,
      version: m.version ?? '?',
      license: licenseOf(m, dir),
      repository: repositoryOf(m),
      path
    })
    for (const d of Object.keys(m.dependencies ?? {})) visit(d, dir, false)
    for (const d of Object.keys(m.optionalDependencies ?? {})) visit(d, dir, true)
    // Required peers are installed by npm and loaded at run time; optional peers (e.g. vue's
    // `typescript`) are only present here because something else in the tree wanted them.
    for (const d of Object.keys(m.peerDependencies ?? {})) {
      if (!m.peerDependenciesMeta?.[d]?.optional) visit(d, dir, true)
    }
  }
  for (const d of Object.keys(top.dependencies ?? {})) visit(d, root, false)
  for (const d of Object.keys(top.optionalDependencies ?? {})) visit(d, root, true)
  const packages = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
  return { packages, missingOptional: [...new Set(missingOptional)].sort() }
}

/** True when some alternative of an SPDX expression (`A OR B`) consists of permissive licenses only. */
export function isPermissive(license: string): boolean {
  const alternatives = license.replace(/[()]/g, '').split(/\s+OR\s+/i)
  return alternatives.some((alt) => alt.split(/\s+AND\s+/i).every((l) => PERMISSIVE.has(l.trim())))
}

export function renderMarkdown(packages: ShippedPackage[], missingOptional: string[]): string {
  const counts = new Map<string, number>()
  for (const p of packages) counts.set(p.license, (counts.get(p.license) ?? 0) + 1)
  const attention = packages.filter((p) => !isPermissive(p.license))
  const lines = [
    '# Licenses of shipped dependencies',
    '',
    'Generated by `npm run licenses` (scripts/licenses.ts) from the installed `node_modules`: the',
    'production dependencies in package.json and everything they depend on. Development tools',
    '(build, test, lint) are not shipped and not listed. Regenerate after changing dependencies.',
    '',
    `${packages.length} packages.`,
    '',
    '## By license',
    '',
    '| license | packages |',
    '|---|---|',
    ...[...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l, n]) => `| ${l} | ${n} |`),
    '',
    '## Needing attention',
    '',
    attention.length === 0
      ? 'None: every shipped package is under a permissive license (MIT, ISC, BSD, Apache-2.0 or similar).'
      : attention.map((p) => `- ${p.name} ${p.version}: ${p.license}`).join('\n'),
    ''
  ]
  if (missingOptional.length > 0) {
    lines.push(
      'Optional dependencies not installed on the machine that generated this list (they ship',
      `only where they install): ${missingOptional.join(', ')}.`,
      ''
    )
  }
  lines.push('## All packages', '', '| package | version | license | source |', '|---|---|---|---|')
  for (const p of packages) lines.push(`| ${p.name} | ${p.version} | ${p.license} | ${p.repository} |`)
  lines.push('')
  return lines.join('\n')
}

/** The document as committed: rendered, then formatted with the project's Prettier settings. */
export async function licensesDocument(root: string): Promise<{ text: string; packages: ShippedPackage[] }> {
  const { packages, missingOptional } = collectShipped(root)
  const file = join(root, 'docs/licenses.md')
  const options = (await prettier.resolveConfig(file)) ?? {}
  const text = await prettier.format(renderMarkdown(packages, missingOptional), { ...options, filepath: file })
  return { text, packages }
}

async function main(): Promise<void> {
  const root = join(__dirname, '..')
  const { text, packages } = await licensesDocument(root)
  writeFileSync(join(root, 'docs/licenses.md'), text)
  const odd = packages.filter((p) => !isPermissive(p.license))
  console.log(`Wrote docs/licenses.md: ${packages.length} packages, ${odd.length} needing attention.`)
}

if (process.argv[1] && /licenses\.ts$/.test(process.argv[1])) void main()
