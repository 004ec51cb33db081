import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const ROOT = join(__dirname, '../..')

/** Files the packaged app cannot start without. */
export const RUNTIME_FILES = ['main/index.js', 'main/worker.js', 'preload/index.js', 'renderer/index.html']

function newest(path: string): number {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let m = st.mtimeMs
  for (const e of readdirSync(path)) m = Math.max(m, newest(join(path, e)))
  return m
}

/**
 * The electron-vite output to check. `out/` when it is complete and newer than every source;
 * otherwise a fresh build into a temporary folder (about 20 s), so the checks never read a stale
 * bundle and never overwrite the `out/` other processes may be serving from.
 * KEIZOKU_BUILT_OUT=<dir> checks a build made elsewhere (e.g. by a release job) instead.
 */
export function builtOut(): { dir: string; how: string } {
  const given = process.env.KEIZOKU_BUILT_OUT
  if (given) return { dir: given, how: `KEIZOKU_BUILT_OUT=${given}` }
  const out = join(ROOT, 'out')
  const inputs = ['src', 'electron.vite.config.ts', 'package.json', 'tsconfig.node.json', 'tsconfig.web.json']
  const srcTime = Math.max(...inputs.map((p) => newest(join(ROOT, p))))
  const complete = RUNTIME_FILES.every((f) => existsSync(join(out, f)))
  if (complete && Math.min(...RUNTIME_FILES.map((f) => statSync(join(out, f)).mtimeMs)) >= srcTime) {
    return { dir: out, how: 'out/ is up to date' }
  }
  const dir = join(mkdtempSync(join(tmpdir(), 'keizoku-build-')), 'out')
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', dir, '--logLevel', 'error'],
    { cwd: ROOT, encoding: 'utf8' }
  )
  if (r.status !== 0)
    throw new Error(`electron-vite build failed (exit ${r.status}):\n${(r.stderr || r.stdout).slice(-3000)}`)
  return { dir, how: `built into ${dir}` }
}
