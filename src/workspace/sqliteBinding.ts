import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * better-sqlite3 is a V8 addon, so Node and Electron need different builds of it. The stock
 * build in node_modules serves Node (CLI, browser mode, tests); the postinstall script builds a
 * second copy for the installed Electron at node_modules/.keizoku-electron/<version>/ so the
 * desktop app runs from the same checkout without breaking the CLI. A packaged app has its
 * modules rebuilt for Electron by electron-builder, and uses the stock path.
 */
export function electronBindingPath(root: string, electronVersion: string): string {
  return join(root, 'node_modules/.keizoku-electron', electronVersion, 'better_sqlite3.node')
}

/** The native binding to load, or undefined for better-sqlite3's own lookup. */
export function sqliteNativeBinding(
  versions: NodeJS.ProcessVersions = process.versions,
  root = findRoot()
): string | undefined {
  const electron = (versions as NodeJS.ProcessVersions & { electron?: string }).electron
  if (!electron || !root) return undefined
  const p = electronBindingPath(root, electron)
  return existsSync(p) ? p : undefined
}

function findRoot(): string | undefined {
  let dir = __dirname
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'node_modules/better-sqlite3'))) return dir
    const up = join(dir, '..')
    if (up === dir) break
    dir = up
  }
  return undefined
}
