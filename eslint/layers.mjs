/**
 * ESLint rule `keizoku/layers`: the floor plan of src/, enforced on every import. A file in
 * src/<layer>/ may import only the folders listed for its layer; anything else fails `npm run lint`
 * with the layer, the import and where the piece belongs. docs/architecture.md explains the plan.
 */
import { dirname, relative, resolve, sep } from 'node:path'

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..')
const SRC = resolve(ROOT, 'src')

/** Which src/ folders each layer may import (its own folder is always allowed). */
export const LAYERS = {
  shared: [],
  common: ['shared'],
  engine: ['shared', 'common'],
  workspace: ['shared', 'common'],
  service: ['engine', 'workspace', 'shared', 'common'],
  main: ['service', 'shared'],
  server: ['service', 'shared'],
  // `keizoku serve` starts the browser host.
  cli: ['service', 'shared', 'server'],
  preload: ['shared'],
  renderer: ['shared']
}

/** Type-only imports a layer may make beyond its list: the renderer reads the preload bridge's declaration. */
const TYPE_ONLY = { renderer: ['preload'] }

const ALIASES = { '@shared/': 'src/shared/', '@renderer/': 'src/renderer/src/' }

function layerOf(absPath) {
  const rel = relative(SRC, absPath)
  if (rel.startsWith('..') || rel === '') return null
  return rel.split(sep)[0]
}

function targetOf(spec, fromFile) {
  for (const [alias, dir] of Object.entries(ALIASES))
    if (spec.startsWith(alias)) return resolve(ROOT, dir, spec.slice(alias.length))
  if (spec.startsWith('.')) return resolve(dirname(fromFile), spec)
  return null
}

const HINT = {
  shared: 'src/shared is the contract at the bottom: move what it needs into src/shared/domain',
  common: 'src/common holds tfjs-free helpers that import only src/shared',
  engine: 'the engine may use src/shared and src/common only; move tfjs-free pieces to src/common',
  workspace: 'the workspace may use src/shared and src/common only; move tfjs-free pieces to src/common',
  service: 'the service sits under the hosts; pass what it needs in as arguments',
  main: 'hosts reach the engine and the workspace only through the service API (src/service)',
  server: 'hosts reach the engine and the workspace only through the service API (src/service)',
  cli: 'hosts reach the engine and the workspace only through the service API (src/service)',
  preload: 'the preload script may use src/shared only',
  renderer: 'the renderer talks to the service through its Transport; import types from src/shared'
}

export default {
  rules: {
    layers: {
      meta: {
        type: 'problem',
        docs: { description: 'Each src/ layer imports only the layers below it (docs/architecture.md).' },
        schema: []
      },
      create(context) {
        const file = context.filename ?? context.getFilename()
        const from = layerOf(file)
        if (!from || !(from in LAYERS)) return {}
        const allowed = new Set([from, ...LAYERS[from]])
        const typeOnly = new Set(TYPE_ONLY[from] ?? [])
        const check = (node, source) => {
          if (!source || typeof source.value !== 'string') return
          const target = targetOf(source.value, file)
          if (!target) return
          const to = layerOf(target)
          if (to === null || allowed.has(to)) return
          if (typeOnly.has(to) && (node.importKind === 'type' || node.type === 'TSImportType')) return
          context.report({
            node,
            message: `src/${from} may import only ${[...allowed].map((l) => `src/${l}`).join(', ')}; '${source.value}' reaches src/${to}. Fix: ${HINT[from]}.`
          })
        }
        return {
          ImportDeclaration: (n) => check(n, n.source),
          ExportNamedDeclaration: (n) => check(n, n.source),
          ExportAllDeclaration: (n) => check(n, n.source),
          ImportExpression: (n) => check(n, n.source),
          TSImportType: (n) => check(n, n.argument?.literal ?? n.argument),
          CallExpression: (n) => {
            if (n.callee.type === 'Identifier' && n.callee.name === 'require') check(n, n.arguments[0])
          }
        }
      }
    }
  }
}
