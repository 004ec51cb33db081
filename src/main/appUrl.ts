import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** What the window loads: the built renderer file, or the dev server in development. */
export type RendererTarget = { kind: 'file'; file: string; url: string } | { kind: 'dev'; url: string }

/**
 * The dev server URL (electron-vite sets ELECTRON_RENDERER_URL) is honoured only in an
 * unpackaged app and only on a loopback http origin: in an installed app, an environment
 * variable must not be able to point a window that has the IPC bridge at a remote page.
 */
export function rendererTarget(devUrl: string | undefined, isPackaged: boolean, mainDir: string): RendererTarget {
  if (devUrl && !isPackaged && isLoopbackHttp(devUrl)) return { kind: 'dev', url: devUrl }
  const file = join(mainDir, '../renderer/index.html')
  return { kind: 'file', file, url: pathToFileURL(file).href }
}

function isLoopbackHttp(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)
  } catch {
    return false
  }
}
