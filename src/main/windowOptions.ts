import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The only way a window gets its webPreferences. Kept as plain data so a unit test and the
 * static bundle check can read them without starting Electron. A window without the bridge
 * (e.g. the hidden print window) passes no preload, and may add settings after a spread
 * (`{ ...secureWebPreferences(), javascript: false }`) but never turn one of these off: the
 * bundle check rejects any protection set to the unsafe value anywhere.
 */
export function secureWebPreferences(preload?: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    ...(preload === undefined ? {} : { preload }),
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false
  }
}
