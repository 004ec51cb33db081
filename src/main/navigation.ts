/**
 * Navigation policy: the window shows the app and nothing else. External links open in the
 * system browser only when they are https and their host is on this allow-list (exact host
 * names; no sub-domains, no credentials, no non-default port).
 */
export const EXTERNAL_ALLOW_LIST: ReadonlySet<string> = new Set([
  'arxiv.org',
  'github.com',
  'datadryad.org',
  'dataverse.harvard.edu'
])

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/**
 * True when `url` is the app's own page: for the packaged app the same file (any hash or
 * query, since the renderer routes by hash), for the dev server the same origin.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const u = parse(url)
  const a = parse(appUrl)
  if (!u || !a) return false
  if (a.protocol === 'file:') return u.protocol === 'file:' && u.host === a.host && u.pathname === a.pathname
  if (a.protocol !== 'http:' && a.protocol !== 'https:') return false
  return u.origin === a.origin
}

/** True when `url` may be handed to the operating system's browser. */
export function isAllowedExternal(url: string): boolean {
  const u = parse(url)
  if (!u) return false
  return (
    u.protocol === 'https:' &&
    u.username === '' &&
    u.password === '' &&
    u.port === '' &&
    EXTERNAL_ALLOW_LIST.has(u.hostname)
  )
}
