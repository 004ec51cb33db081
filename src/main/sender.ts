import { isAppUrl } from './navigation'

/** What the IPC handler knows about the frame that sent a call (Electron's WebFrameMain). */
export interface SenderFrame {
  url: string
  /** null for the top-level frame. */
  parent: unknown
}

/**
 * An IPC call is served only when it comes from the app's own page in a top-level frame. An
 * iframe, a navigated-away page or a destroyed frame (null) is refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, appUrl: string): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, appUrl)
}
