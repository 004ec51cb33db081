import { hScore } from '../../engine/hscore'
import { KeizokuError } from '../../shared/errors'
import { parseFeatureCsv, parseLabelLines, readTextFile } from '../numericFiles'
import { emit } from '../output'
import { requireString } from '../parse'
import type { Command } from './types'

const USAGE = 'keizoku hscore --features F.csv --labels L.csv [--json]'

/**
 * H-score tr(pinv(cov f) · cov(E[f|y])) of a feature table for its labels — the engine's own
 * function (src/engine/hscore.ts) on plain files, for checking a feature extractor by hand.
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
    const score = hScore(values, n, d, labels)
    const classes = new Set(labels).size
    emit(
      ctx,
      { hscore: score, n, d, classes },
      () => `H-score ${score} (n = ${n} samples, d = ${d} features, ${classes} classes; maximum ${classes - 1})`
    )
  }
}
