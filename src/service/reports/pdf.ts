/**
 * HTML → PDF with headless Chromium (browser mode and the CLI; the desktop app uses Electron's
 * webContents.printToPDF instead, see src/main/printToPdf.ts). A4, backgrounds printed, the
 * workspace name and the generation date in the page header, "page X / Y" in the footer.
 *
 * Chromium is Debian's (/usr/bin/chromium) unless KEIZOKU_CHROMIUM names another binary. The
 * report HTML has no scripts and no external URLs, and every request the page might still make
 * is aborted, so the conversion never touches the network.
 */
import { existsSync } from 'node:fs'
import type { BrowserType } from 'playwright-core'
import { KeizokuError } from '../../shared/errors'
import { headerFooter, type PdfOptions } from './pageTemplates'

export type { PdfOptions }

/**
 * playwright-core is loaded on first use, not at start-up: the desktop app never takes this
 * path (it prints with Electron), and the packaged app does not ship the package.
 */
async function loadChromium(): Promise<BrowserType> {
  try {
    return (await import('playwright-core')).chromium
  } catch (err) {
    throw new KeizokuError(
      'unavailable',
      'Printing a PDF with headless Chromium needs the playwright-core package, which is not installed here.',
      {
        hint: 'Export the report as HTML and print it from a browser, or run npm ci in the Keizoku folder.',
        detail: err instanceof Error ? err.message : String(err)
      }
    )
  }
}

export function chromiumPath(): string {
  return process.env.KEIZOKU_CHROMIUM ?? '/usr/bin/chromium'
}

export async function htmlToPdf(html: string, o: PdfOptions): Promise<Buffer> {
  const executablePath = chromiumPath()
  if (!existsSync(executablePath)) {
    throw new KeizokuError('unavailable', `No Chromium at ${executablePath} to print the PDF.`, {
      hint: 'Install Chromium (Debian: apt-get install chromium) or set KEIZOKU_CHROMIUM to its path; or export HTML instead.'
    })
  }
  const chromium = await loadChromium()
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run'
    ]
  })
  try {
    const page = await browser.newPage({ javaScriptEnabled: false })
    await page.route('**/*', (route) => route.abort())
    await page.setContent(html, { waitUntil: 'load' })
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      ...headerFooter(o),
      margin: { top: '18mm', bottom: '16mm', left: '12mm', right: '12mm' }
    })
    return Buffer.from(pdf)
  } finally {
    await browser.close()
  }
}
