import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The only way a window gets its webPreferences. Kept as plain data so a unit test and the
 * static bundle check can read them without starting Electron.
 */
export function secureWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
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
