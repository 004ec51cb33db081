import { createReadStream, statSync, type Stats } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm'
}

/**
 * Serves a file of the built renderer. Paths are resolved inside `root` only; directories and
 * unknown paths fall back to index.html (the renderer routes by hash), never to a listing.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  let rel: string
  try {
    rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '')
  } catch {
    res.writeHead(400).end('Bad path')
    return
  }
  let file = join(root, rel)
  if (!(file === root || file.startsWith(root + sep)) || rel.split(/[/\\]/).includes('..')) {
    res.writeHead(404).end('Not found')
    return
  }
  let st = safeStat(file)
  if (!st || !st.isFile()) {
    file = join(root, 'index.html')
    st = safeStat(file)
    if (!st) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('The renderer is not built. Run `npm run build` (npm run serve does it for you).')
      return
    }
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': st.size,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff'
  })
  createReadStream(file).pipe(res)
}

function safeStat(file: string): Stats | undefined {
  try {
    return statSync(file)
  } catch {
    return undefined
  }
}
