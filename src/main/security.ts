import { app, session, shell, type Session, type WebContents } from 'electron'
import { allowPermission, contentsGuards } from './guards'

/** Wires the deny-by-default rules of guards.ts into every web contents and the session. */
export function applySecurityRules(appUrl: () => string): void {
  // Every renderer sandboxed, whatever a window's options say.
  app.enableSandbox()
  const guards = contentsGuards(appUrl, (url) => void shell.openExternal(url))
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => guards.willNavigate(event, url))
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) guards.willSubframeNavigate(event, event.url)
    })
    contents.on('will-redirect', (event, url) => guards.willRedirect(event, url))
    contents.on('will-attach-webview', (event) => guards.willAttachWebview(event))
    contents.setWindowOpenHandler((details) => guards.windowOpen(details))
  })
  // Every session, not only the default one (the print window has a partition of its own).
  const lockDown = (s: Session): void => {
    s.setPermissionRequestHandler((_wc, _permission, callback) => callback(allowPermission()))
    s.setPermissionCheckHandler(() => allowPermission())
    s.setDevicePermissionHandler(() => allowPermission())
  }
  app.on('session-created', lockDown)
  void app.whenReady().then(() => lockDown(session.defaultSession))
}
