/**
 * Page header and footer of the PDF, shared by the headless-Chromium printer (pdf.ts) and the
 * Electron one (src/main/printToPdf.ts). No heavy imports: Electron main bundles this file.
 * Chromium fills the `pageNumber` / `totalPages` spans; templates cannot load fonts or images.
 */
import { escapeHtml } from './format'

export interface PdfOptions {
  /** Shown left in the header. */
  headerLeft: string
  /** Shown right in the header (e.g. the generation date). */
  headerRight: string
  /** Word before the page numbers ("Page" / "ページ"). */
  pageWord?: string
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
