import { openWorkspace } from '../../workspace'
import { buildReport, readBenchResults, REPORT_FORMATS, REPORT_KINDS } from '../../service/reports'
import type { ReportFormat, ReportKind, ReportLang } from '../../service/reports'
import { intOption, requirePositional, requireString, stringOption } from '../parse'
import { emit, usageError } from '../output'
import type { Command } from './types'

const USAGE =
  'keizoku report DIR --kind forgetting|roi --format pdf|html|csv --out FILE [--lang en|ja] [--baselines bench.json] [--version ID] [--json]'

/**
 * Writes a forgetting or ROI report of the workspace DIR to FILE (atomically). The workspace
 * only gains a `reports` row and a 'report.exported' audit entry.
 */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Write the forgetting or ROI report of a workspace as PDF, HTML or CSV.',
  usage: USAGE,
  options: {
    kind: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string' },
    baselines: { type: 'string' },
    version: { type: 'string' }
  },
  async run(args, ctx) {
    const dir = requirePositional(args, 0, 'the workspace folder DIR', USAGE)
    const kind = requireString(args, 'kind', USAGE)
    if (!(REPORT_KINDS as readonly string[]).includes(kind)) {
      throw usageError(`--kind must be ${REPORT_KINDS.join(' or ')}, got "${kind}".`, `Usage: ${USAGE}`)
    }
    const format = requireString(args, 'format', USAGE)
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw usageError(`--format must be ${REPORT_FORMATS.join(', ')}, got "${format}".`, `Usage: ${USAGE}`)
    }
    const out = requireString(args, 'out', USAGE)
    const lang = stringOption(args, 'lang')
    if (lang !== undefined && lang !== 'en' && lang !== 'ja') {
      throw usageError(`--lang must be en or ja, got "${lang}".`)
    }
    const versionId = stringOption(args, 'version') === undefined ? undefined : intOption(args, 'version', 0)
    const baselines = stringOption(args, 'baselines')
    const bench = baselines ? readBenchResults(baselines) : undefined
    const ws = openWorkspace(dir)
    try {
      const r = await buildReport(ws, {
        kind: kind as ReportKind,
        format: format as ReportFormat,
        lang: lang as ReportLang | undefined,
        versionId,
        bench,
        outFile: out,
        actor: 'cli'
      })
      const result = {
        path: r.path,
        kind: r.kind,
        format: r.format,
        lang: r.lang,
        bytes: r.bytes,
        sha256: r.sha256,
        reportId: r.reportId,
        versionId: r.versionId
      }
      emit(ctx, result, () => `Wrote the ${r.kind} report (${r.format}, ${r.lang}, ${r.bytes} bytes) to ${r.path}`)
    } finally {
      ws.close()
    }
  }
}
