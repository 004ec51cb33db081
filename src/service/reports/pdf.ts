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
import { chromium } from 'playwright-core'
import { KeizokuError } from '../../shared/errors'
import { escapeHtml } from './format'

export interface PdfOptions {
  /** Shown left in the header. */
  headerLeft: string
  /** Shown right in the header (e.g. the generation date). */
  headerRight: string
  /** Word before the page numbers ("Page" / "ページ"). */
  pageWord?: string
}

export function chromiumPath(): string {
  return process.env.KEIZOKU_CHROMIUM ?? '/usr/bin/chromium'
}

/** Header and footer templates; Chromium fills the pageNumber/totalPages spans. */
export function headerFooter(o: PdfOptions): { headerTemplate: string; footerTemplate: string } {
  const style =
    "font-family: 'Noto Sans CJK JP', 'DejaVu Sans', sans-serif; font-size: 8px; color: #555; width: 100%; padding: 0 12mm;"
  return {
    headerTemplate: `<div style="${style} display: flex; justify-content: space-between;"><span>${escapeHtml(
      o.headerLeft
    )}</span><span>${escapeHtml(o.headerRight)}</span></div>`,
    footerTemplate: `<div style="${style} text-align: center;">${escapeHtml(
      o.pageWord ?? 'Page'
    )} <span class="pageNumber"></span> / <span class="totalPages"></span></div>`
  }
}

export async function htmlToPdf(html: string, o: PdfOptions): Promise<Buffer> {
  const executablePath = chromiumPath()
  if (!existsSync(executablePath)) {
    throw new KeizokuError('unavailable', `No Chromium at ${executablePath} to print the PDF.`, {
      hint: 'Install Chromium (Debian: apt-get install chromium) or set KEIZOKU_CHROMIUM to its path; or export HTML instead.'
    })
  }
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
