import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, sep } from 'node:path'
import { HTML_HEADERS } from './headers'

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

/** Why a URL path was refused, or the relative file path it names inside the root. */
export type StaticPath = { ok: true; rel: string } | { ok: false; status: 400 | 404; reason: string }

/**
 * Turns the path part of a request URL into a relative path inside the renderer root, or
 * refuses it. Refused: undecodable escapes, NUL, backslashes (Windows separators smuggled past
 * the `/` split), and any `.` or `..` segment after decoding (so `%2e%2e%2f` cannot climb out).
 * Pure string logic; `resolveInside` then checks the real path on disk.
 */
export function staticPath(urlPath: string): StaticPath {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return { ok: false, status: 400, reason: 'undecodable escape' }
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL byte' }
  if (decoded.includes('\\')) return { ok: false, status: 404, reason: 'backslash' }
  const parts = decoded.split('/').filter((p) => p !== '')
  if (parts.some((p) => p === '..' || p === '.')) return { ok: false, status: 404, reason: 'dot segment' }
  if (parts.some((p) => /^[a-zA-Z]:/.test(p))) return { ok: false, status: 404, reason: 'drive letter' }
  return { ok: true, rel: parts.join('/') }
}

/**
 * The real path of `rel` under `root` when it is a regular file whose real location (after
 * following every symlink) is still inside the real root; otherwise undefined.
 */
export function resolveInside(root: string, rel: string): { file: string; st: Stats } | undefined {
  let realRoot: string
  let real: string
  try {
    realRoot = realpathSync(root)
    real = realpathSync(join(realRoot, rel))
  } catch {
    return undefined
  }
  if (!real.startsWith(realRoot + sep)) return undefined
  const st = safeStat(real)
  return st?.isFile() ? { file: real, st } : undefined
}

/**
 * Serves a file of the built renderer. Paths are resolved inside `root` only (see `staticPath`
 * and `resolveInside`). Paths without an extension (the app's own routes, directories) get
 * index.html, never a listing; missing files with an extension get 404.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, head = false): void {
  const p = staticPath(urlPath)
  if (!p.ok) {
    res.writeHead(p.status, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
    return
  }
  let found = p.rel === '' ? undefined : resolveInside(root, p.rel)
  if (!found) {
    if (extname(p.rel) !== '') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
      return
    }
    found = resolveInside(root, 'index.html')
    if (!found) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('The renderer is not built. Run `npm run build` (npm run serve does it for you).')
      return
    }
  }
  const ext = extname(found.file)
  res.writeHead(200, {
    ...(ext === '.html' ? HTML_HEADERS : {}),
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': found.st.size
  })
  if (head) res.end()
  else createReadStream(found.file).pipe(res)
}

function safeStat(file: string): Stats | undefined {
  try {
    return statSync(file)
  } catch {
    return undefined
  }
}
