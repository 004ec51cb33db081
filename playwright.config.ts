import { defineConfig } from '@playwright/test'

/**
 * One e2e suite, two targets: `web` drives Debian's Chromium against `keizoku serve`
 * (started in e2e/global-setup.ts); `electron` launches the built desktop app wherever the
 * Electron binary exists and skips with a printed reason elsewhere.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'off',
    actionTimeout: 30_000,
    screenshot: 'only-on-failure'
  },
  projects: [
    {
      name: 'web',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.KEIZOKU_CHROMIUM ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']
        }
      }
    },
    { name: 'electron' }
  ]
})
