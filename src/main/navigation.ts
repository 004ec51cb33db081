/**
 * Navigation policy: the window shows the app and nothing else. External links open in the
 * system browser only when their host is on this allow-list.
 */
export const EXTERNAL_ALLOW_LIST = new Set(['arxiv.org', 'github.com', 'datadryad.org', 'dataverse.harvard.edu'])

/** True when `url` is the app's own page (dev server or the packaged file). */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const u = new URL(url)
    const a = new URL(appUrl)
    if (a.protocol === 'file:') return u.protocol === 'file:' && u.pathname === a.pathname
    return u.origin === a.origin
  } catch {
    return false
  }
}

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && EXTERNAL_ALLOW_LIST.has(u.hostname)
  } catch {
    return false
  }
}
