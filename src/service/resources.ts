import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The `resources/` folder: next to the sources in development, under Electron's
 * process.resourcesPath in a packaged app (electron-builder extraResources), or KEIZOKU_RESOURCES.
 */
export function resourcesDir(): string {
  if (process.env.KEIZOKU_RESOURCES) return process.env.KEIZOKU_RESOURCES
  const packaged = (process as { resourcesPath?: string }).resourcesPath
  if (packaged && existsSync(join(packaged, 'resources/demo'))) return join(packaged, 'resources')
  let dir = __dirname
  while (dirname(dir) !== dir) {
    if (existsSync(join(dir, 'resources/demo'))) return join(dir, 'resources')
    dir = dirname(dir)
  }
  return join(process.cwd(), 'resources')
}
