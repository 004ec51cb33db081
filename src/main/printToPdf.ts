/**
 * Report HTML → PDF in the desktop app with Electron's own Chromium (webContents.printToPDF),
 * the counterpart of src/service/reports/pdf.ts (headless Debian Chromium for the CLI and
 * browser mode). Same page setup: A4, backgrounds, header (workspace name, date), footer
 * (page X / Y); the templates come from the same `headerFooter` so both PDFs look alike.
 *
 * NOT RUN in this repository's tests: there is no Electron binary on the build machine. Kept
 * thin on purpose — everything testable (the HTML, the templates) lives in the service.
 *
 * The HTML is written to a temporary file (a data: URL is capped at 2 MB by Chromium; a 50-task
 * report is ~1.2 MB before URL encoding) and shown in a hidden, sandboxed window with
 * JavaScript off, in its own in-memory session that refuses every request except that file.
 */
import { BrowserWindow, session } from 'electron'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { headerFooter, type PdfOptions } from '../service/reports/pageTemplates'
import { secureWebPreferences } from './windowOptions'

/** One in-memory session for all printing (a partition per call would never be freed). */
const PARTITION = 'keizoku-print'
const PREFIX = 'keizoku-print-'

export async function printHtmlToPdf(html: string, o: PdfOptions): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), PREFIX))
  const file = join(dir, 'report.html')
  writeFileSync(file, html, 'utf8')
  const ses = session.fromPartition(PARTITION, { cache: false })
  // Only our own temporary report files may load (several prints may run at once).
  const allowedPrefix = pathToFileURL(join(tmpdir(), PREFIX)).href
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !(details.url.startsWith(allowedPrefix) && details.url.endsWith('/report.html')) })
  )
  const win = new BrowserWindow({
    show: false,
    webPreferences: { ...secureWebPreferences(), session: ses, javascript: false }
  })
  try {
    await win.loadFile(file)
    const { headerTemplate, footerTemplate } = headerFooter(o)
    return await win.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate,
      footerTemplate,
      // Inches: 18 mm top, 16 mm bottom, 12 mm sides, as in the headless-Chromium variant.
      margins: { top: 18 / 25.4, bottom: 16 / 25.4, left: 12 / 25.4, right: 12 / 25.4 }
    })
  } finally {
    win.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}
