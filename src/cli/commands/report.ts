import {
  LANGUAGES,
  REPORT_FORMATS,
  REPORT_KINDS,
  type Language,
  type ReportFormat,
  type ReportKind
} from '../../shared/domain/lists'
import { intOption, requirePositional, requireString, stringOption } from '../parse'
import { emit, usageError } from '../output'
import type { Command } from './types'
import { withWorkspace } from './workspaceCli'

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
    requirePositional(args, 0, 'the workspace folder DIR', USAGE)
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
    if (lang !== undefined && !(LANGUAGES as readonly string[]).includes(lang)) {
      throw usageError(`--lang must be ${LANGUAGES.join(' or ')}, got "${lang}".`)
    }
    const versionId = stringOption(args, 'version') === undefined ? undefined : intOption(args, 'version', 0)
    const baselinesFile = stringOption(args, 'baselines')
    const r = await withWorkspace(args, USAGE, (s, by) =>
      s.invoke('report.build', {
        kind: kind as ReportKind,
        format: format as ReportFormat,
        lang: lang as Language | undefined,
        versionId,
        baselinesFile,
        outFile: out,
        by
      })
    )
    const result = {
      path: r.path,
      kind,
      format,
      lang: r.lang,
      bytes: r.bytes,
      sha256: r.sha256,
      reportId: r.reportId,
      versionId: r.versionId
    }
    emit(ctx, result, () => `Wrote the ${kind} report (${format}, ${r.lang}, ${r.bytes} bytes) to ${r.path}`)
  }
}
