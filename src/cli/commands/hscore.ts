import { KeizokuError } from '../../shared/errors'
import { parseFeatureCsv, parseLabelLines, readTextFile } from '../numericFiles'
import { emit } from '../output'
import { requireString } from '../parse'
import type { Command } from './types'
import { withService } from './workspaceCli'

const USAGE = 'keizoku hscore --features F.csv --labels L.csv [--json]'

/**
 * H-score tr(pinv(cov f) · cov(E[f|y])) of a feature table for its labels — the service's
 * `analysis.hscore` call (the engine's own function) on plain files, for checking a feature
 * extractor by hand. The files are read here, so their errors name the file, line and column.
 */
export const hscoreCommand: Command = {
  name: 'hscore',
  summary: 'H-score transferability of features (CSV, no header) for labels (one integer per line).',
  usage: USAGE,
  options: { features: { type: 'string' }, labels: { type: 'string' } },
  async run(args, ctx) {
    const featuresPath = requireString(args, 'features', USAGE)
    const labelsPath = requireString(args, 'labels', USAGE)
    const { values, n, d } = parseFeatureCsv(readTextFile(featuresPath, '--features'), featuresPath)
    const labels = parseLabelLines(readTextFile(labelsPath, '--labels'), labelsPath)
    if (labels.length !== n) {
      throw new KeizokuError(
        'invalid_argument',
        `${featuresPath} has ${n} rows but ${labelsPath} has ${labels.length} labels; they must match line by line.`
      )
    }
    const rows = Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * d, (i + 1) * d)))
    const r = await withService((s) => s.invoke('analysis.hscore', { features: rows, labels: Array.from(labels) }))
    emit(
      ctx,
      r,
      () =>
        `H-score ${r.hscore} (n = ${r.n} samples, d = ${r.d} features, ${r.classes} classes; maximum ${r.classes - 1})`
    )
  }
}
