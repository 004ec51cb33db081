import { KeizokuError } from '../../shared/errors'
import { parseJsonFile, readTextFile } from '../numericFiles'
import { emit } from '../output'
import { requireString, stringOption } from '../parse'
import type { Command } from './types'
import { withService } from './workspaceCli'

const USAGE = 'keizoku metrics --matrix R.json [--baseline b.json] [--json]'

/**
 * Continual-learning metrics of an accuracy matrix R (JSON array of rows, R[i][j] = accuracy on
 * task j after learning task i, in [0, 1]) and an optional baseline row b (accuracy of an
 * untrained model per task). Prints JSON {average_accuracy, bwt, fwt, forgetting} — the same
 * document with and without --json; fwt is null without a baseline.
 */
export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'Average accuracy, BWT, FWT and forgetting of an accuracy matrix (JSON).',
  usage: USAGE,
  options: { matrix: { type: 'string' }, baseline: { type: 'string' } },
  async run(args, ctx) {
    const matrixPath = requireString(args, 'matrix', USAGE)
    const R = parseJsonFile(readTextFile(matrixPath, '--matrix'), matrixPath)
    if (!Array.isArray(R)) {
      throw new KeizokuError(
        'invalid_argument',
        `${matrixPath} must hold a JSON array of rows, e.g. [[0.9, 0.1], [0.85, 0.95]].`
      )
    }
    const baselinePath = stringOption(args, 'baseline')
    let b: number[] | undefined
    if (baselinePath !== undefined) {
      const parsed = parseJsonFile(readTextFile(baselinePath, '--baseline'), baselinePath)
      if (!Array.isArray(parsed)) {
        throw new KeizokuError(
          'invalid_argument',
          `${baselinePath} must hold a JSON array with one accuracy per task, e.g. [0.1, 0.1].`
        )
      }
      b = parsed as number[]
    }
    const doc = await withService((s) => s.invoke('analysis.metrics', { matrix: R, baseline: b }))
    emit(ctx, doc, () => JSON.stringify(doc, null, 2))
  }
}
