/**
 * buildReport(ws, opts): the one entry point the CLI and the API (`report.build`) call.
 *
 *   html → { html, path? }      csv → { csv, path? }      pdf → { pdf bytes, path? }
 *
 * With `outFile` the result is written atomically (temp file in the same folder, fsync, rename),
 * and the workspace gets one `reports` row plus a 'report.exported' audit entry — nothing else
 * inside the workspace is written. Without `outFile` nothing is written at all (UI preview).
 */
import { createHash } from 'node:crypto'
import { isAbsolute, relative, resolve } from 'node:path'
import type { Workspace } from '../../workspace'
import { KeizokuError } from '../../shared/errors'
import { writeFileAtomic } from '../files'
import { toCsvBytes, toCsvSections } from './csv'
import { collectForgetting, forgettingCsv, forgettingHtml } from './forgettingReport'
import { when } from './format'
import { strings } from './i18n'
import { htmlToPdf } from './pdf'
import type { PdfOptions } from './pageTemplates'
import { roiCsv } from './roiCsv'
import { roiHtml } from './roiHtml'
import { collectRoi } from './roiReport'
import { REPORT_FORMATS, REPORT_KINDS, type ReportOptions } from './types'

export interface BuildReportOptions extends ReportOptions {
  outFile?: string
  /** Audit actor; default 'keizoku'. */
  actor?: string
  /**
   * HTML → PDF printer; default headless Chromium (htmlToPdf). The Electron host passes
   * printHtmlToPdf from src/main/printToPdf.ts so the app needs no separate Chromium.
   */
  printPdf?: (html: string, o: PdfOptions) => Promise<Buffer>
}

export interface BuiltReport {
  kind: ReportOptions['kind']
  format: ReportOptions['format']
  lang: 'en' | 'ja'
  /** The HTML document (html and pdf formats; the PDF is printed from it). */
  html?: string
  csv?: string
  pdf?: Buffer
  /** Absolute path written, when outFile was given. */
  path?: string
  bytes: number
  sha256: string
  reportId?: number
  versionId: number | null
}

/**
 * The workspace folder holds only what the workspace layer writes (its files are checked for
 * orphans), so a report file may not be placed inside it.
 */
function refuseInsideWorkspace(ws: Workspace, outFile: string): void {
  const out = resolve(outFile)
  const rel = relative(resolve(ws.dir), out)
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new KeizokuError('invalid_argument', `The report file ${out} is inside the workspace folder ${ws.dir}.`, {
      hint: 'Write reports next to the workspace, not into it (e.g. --out reports/forgetting.pdf outside DIR).'
    })
  }
}

export async function buildReport(ws: Workspace, opts: BuildReportOptions): Promise<BuiltReport> {
  if (!REPORT_KINDS.includes(opts.kind)) {
    throw new KeizokuError('invalid_argument', `Unknown report kind "${String(opts.kind)}".`, {
      hint: `Use one of ${REPORT_KINDS.join(', ')}.`
    })
  }
  if (!REPORT_FORMATS.includes(opts.format)) {
    throw new KeizokuError('invalid_argument', `Unknown report format "${String(opts.format)}".`, {
      hint: `Use one of ${REPORT_FORMATS.join(', ')}.`
    })
  }
  if (opts.outFile) refuseInsideWorkspace(ws, opts.outFile)
  const settings = ws.getSettings()
  const lang = opts.lang ?? settings.language
  const now = opts.now ?? new Date()
  let html: string
  let sections
  let versionId: number | null
  if (opts.kind === 'forgetting') {
    const d = collectForgetting(ws, opts.versionId, now)
    versionId = d.reportedVersionId
    html = forgettingHtml(d, lang)
    sections = forgettingCsv(d, lang)
  } else {
    const d = collectRoi(ws, { versionId: opts.versionId, bench: opts.bench, now })
    versionId = d.reportedVersionId
    html = roiHtml(d, lang)
    sections = roiCsv(d)
  }
  const out: BuiltReport = { kind: opts.kind, format: opts.format, lang, bytes: 0, sha256: '', versionId }
  let data: Uint8Array
  if (opts.format === 'csv') {
    out.csv = toCsvSections(sections)
    data = toCsvBytes(out.csv)
  } else if (opts.format === 'html') {
    out.html = html
    data = Buffer.from(html, 'utf8')
  } else {
    const s = strings(lang)
    out.html = html
    out.pdf = await (opts.printPdf ?? htmlToPdf)(html, {
      headerLeft: `${settings.name} — ${opts.kind === 'roi' ? s.roiTitle : s.forgettingTitle}`,
      headerRight: when(now.toISOString()),
      pageWord: s.page
    })
    data = out.pdf
  }
  out.bytes = data.byteLength
  out.sha256 = createHash('sha256').update(data).digest('hex')
  if (opts.outFile) {
    writeFileAtomic(opts.outFile, data, 'the report')
    out.path = resolve(opts.outFile)
    const details = {
      lang,
      bytes: out.bytes,
      bench: opts.bench ? opts.bench.file : null,
      generatedAt: now.toISOString(),
      // reports.hash references an artifact; the report file lives outside the workspace, so
      // its checksum is kept here instead and the artifact reference stays null.
      sha256: out.sha256
    }
    const rec = ws.transaction(() => {
      const r = ws.recordReport({
        kind: opts.kind,
        format: opts.format,
        path: out.path,
        hash: null,
        versionId,
        details
      })
      ws.appendAudit({
        actor: opts.actor ?? 'keizoku',
        action: 'report.exported',
        subject: `report:${r.id}`,
        details: { kind: opts.kind, format: opts.format, path: out.path, sha256: out.sha256, versionId }
      })
      return r
    })
    out.reportId = rec.id
  }
  return out
}
