import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test as base, _electron, type Page } from '@playwright/test'

const ROOT = join(__dirname, '..')

/** Where the Electron binary would be; absent on machines that could not download it. */
export function electronBinary(): string | undefined {
  const dir = join(ROOT, 'node_modules/electron')
  const pathTxt = join(dir, 'path.txt')
  if (!existsSync(pathTxt)) return undefined
  const bin = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim())
  return existsSync(bin) ? bin : undefined
}

/**
 * `app` is the Keizoku window: a Chromium page on the served app (web project) or the first
 * window of the real desktop app (electron project). Specs use only `app`.
 */
export const test = base.extend<{ app: Page; shot: (name: string) => Promise<void> }>({
  app: async ({ playwright }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      const bin = electronBinary()
      if (!bin) {
        console.log(
          '[electron] skipped: the Electron binary is not installed on this machine (node_modules/electron/dist).'
        )
        testInfo.skip(true, 'Electron binary not installed on this machine')
        return
      }
      const app = await _electron.launch({
        executablePath: bin,
        args: [join(ROOT, 'out/main/index.js')],
        env: { ...process.env, KEIZOKU_HOME: process.env.KEIZOKU_E2E_HOME ?? '' }
      })
      const win = await app.firstWindow()
      await use(win)
      await app.close()
      return
    }
    const url = process.env.KEIZOKU_E2E_URL
    if (!url) throw new Error('KEIZOKU_E2E_URL is not set: e2e/global-setup.ts did not start the server')
    // Launched here rather than through the `page` fixture so the electron project never starts a browser.
    const browser = await playwright.chromium.launch(testInfo.project.use.launchOptions)
    const context = await browser.newContext({
      viewport: testInfo.project.use.viewport ?? { width: 1280, height: 800 }
    })
    const page = await context.newPage()
    await page.goto(url)
    await use(page)
    await browser.close()
  },
  shot: async ({ app }, use, testInfo) => {
    const dir = join(ROOT, 'e2e/screenshots', testInfo.project.name)
    mkdirSync(dir, { recursive: true })
    await use(async (name) => {
      await app.screenshot({ path: join(dir, `${name}.png`), fullPage: true })
    })
  }
})

export { expect } from '@playwright/test'
