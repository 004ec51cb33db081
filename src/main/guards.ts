import { isAllowedExternal, isAppUrl } from './navigation'

/** The part of an Electron event the guards use: they only ever cancel. */
export interface Cancellable {
  preventDefault(): void
}

export interface ContentsGuards {
  /** `will-navigate` (top frame): stay on the app; allow-listed https links go to the OS browser. */
  willNavigate(event: Cancellable, url: string): void
  /** `will-frame-navigate` for a sub-frame: only the app's own page; never opens anything. */
  willSubframeNavigate(event: Cancellable, url: string): void
  /** `will-redirect`: a redirect may not leave the app either. */
  willRedirect(event: Cancellable, url: string): void
  /** `will-attach-webview`: never. */
  willAttachWebview(event: Cancellable): void
  /** `setWindowOpenHandler`: no new Electron windows, ever; allow-listed links open outside. */
  windowOpen(details: { url: string }): { action: 'deny' }
}

/**
 * Deny-by-default handlers for every web contents, as plain functions so their decisions are
 * unit-tested without Electron. `openExternal` is `shell.openExternal` in the app.
 */
export function contentsGuards(appUrl: () => string, openExternal: (url: string) => void): ContentsGuards {
  const leave = (url: string): void => {
    if (isAllowedExternal(url)) openExternal(url)
  }
  return {
    willNavigate(event, url) {
      if (isAppUrl(url, appUrl())) return
      event.preventDefault()
      leave(url)
    },
    willSubframeNavigate(event, url) {
      if (!isAppUrl(url, appUrl())) event.preventDefault()
    },
    willRedirect(event, url) {
      if (!isAppUrl(url, appUrl())) event.preventDefault()
    },
    willAttachWebview(event) {
      event.preventDefault()
    },
    windowOpen({ url }) {
      leave(url)
      return { action: 'deny' }
    }
  }
}

/** Permission requests (camera, notifications, clipboard, …): the app needs none. */
export function allowPermission(): false {
  return false
}
