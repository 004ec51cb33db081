import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Per-start secret: whoever can read the printed URL can use the app, nobody else. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export const TOKEN_COOKIE = 'keizoku_token'

export function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** A request whose head cannot be read (bad %-escape, unparsable URL): answered 400, never thrown past the handler. */
export class BadRequest extends Error {}

function cookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const i = part.indexOf('=')
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim())
      } catch {
        throw new BadRequest(`The ${name} cookie is not valid percent-encoding; clear the site's cookies and open the printed link again.`)
      }
    }
  }
  return undefined
}

/** The request's URL against this server; a target Node accepted but URL cannot parse is a BadRequest. */
export function requestUrl(req: IncomingMessage, port: number): URL {
  try {
    return new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
  } catch {
    throw new BadRequest('The request target is not a valid URL path.')
  }
}

/** The token from `Authorization: Bearer …`, the cookie, or `?token=` (first page load, WebSocket). */
export function requestToken(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7)
  return cookie(req, TOKEN_COOKIE) ?? url.searchParams.get('token') ?? undefined
}

/**
 * DNS-rebinding and cross-site defence: the Host header must name this loopback server and an
 * Origin, when sent, must be this server's own.
 */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
}

export function checkHost(req: IncomingMessage, port: number): boolean {
  return allowedHosts(port).has(req.headers.host ?? '')
}

export function checkOrigin(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  for (const h of allowedHosts(port)) if (origin === `http://${h}`) return true
  return false
}
