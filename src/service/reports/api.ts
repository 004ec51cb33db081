/**
 * The service side of the `report.build` call (its schema and result type are in src/shared/api.ts):
 *
 *   report.build { kind, format, lang?, outFile?, baselinesFile?, versionId?, by? }
 *     → { html?, csv?, path?, bytes, sha256, reportId?, versionId, lang }
 *
 * Preview (no outFile): html (format html or pdf) or csv text comes back and nothing is written.
 * Export (outFile): the file is written atomically and recorded; html/csv are not echoed back
 * (they can be megabytes). A PDF can only be exported to a file — bytes do not cross the API.
 */
import { KeizokuError } from '../../shared/errors'
import type { ReportBuildResult } from '../../shared/types'
import type { Workspace } from '../../workspace'
import { readBenchResults } from './baselines'
import { buildReport, type BuildReportOptions } from './build'
import type { ReportFormat, ReportKind, ReportLang } from './types'

export interface ReportBuildArgs {
  kind: ReportKind
  format: ReportFormat
  lang?: ReportLang
  outFile?: string
  /** A `keizoku bench --out` results file to show as benchmark baselines. */
  baselinesFile?: string
  versionId?: number
  by?: string
}

export type { ReportBuildResult }

export async function reportBuild(
  ws: Workspace,
  args: ReportBuildArgs,
  printPdf?: BuildReportOptions['printPdf']
): Promise<ReportBuildResult> {
  if (args.format === 'pdf' && !args.outFile) {
    throw new KeizokuError('invalid_argument', 'A PDF report needs a file to write to (outFile).', {
      hint: 'Preview the report as HTML, or choose where to save the PDF.'
    })
  }
  const r = await buildReport(ws, {
    kind: args.kind,
    format: args.format,
    lang: args.lang,
    versionId: args.versionId,
    bench: args.baselinesFile ? readBenchResults(args.baselinesFile) : undefined,
    outFile: args.outFile,
    actor: args.by,
    printPdf
  })
  const out: ReportBuildResult = { bytes: r.bytes, sha256: r.sha256, versionId: r.versionId, lang: r.lang }
  if (r.path) {
    out.path = r.path
    out.reportId = r.reportId
  } else if (args.format === 'csv') out.csv = r.csv
  else out.html = r.html
  return out
}
