import { hScore } from '../engine/hscore'
import { clMetrics } from '../engine/metrics'
import { KeizokuError } from '../shared/errors'
import type { ClMetricsResult, HScoreResult } from '../shared/types'

/**
 * The analysis calls on plain numbers (`analysis.hscore`, `analysis.metrics`): the engine's own
 * functions, for checking a feature extractor or an accuracy matrix by hand. They are small
 * closed-form computations (no training), so they run on the calling thread.
 */
export function hscoreOf(features: number[][], labels: number[]): HScoreResult {
  const n = features.length
  const d = features[0].length
  const bad = features.findIndex((row) => row.length !== d)
  if (bad >= 0) {
    throw new KeizokuError(
      'invalid_argument',
      `Feature row ${bad} has ${features[bad].length} values but row 0 has ${d}; every row needs the same number.`
    )
  }
  if (labels.length !== n) {
    throw new KeizokuError(
      'invalid_argument',
      `There are ${n} feature rows but ${labels.length} labels; they must match.`
    )
  }
  const values = new Float64Array(n * d)
  features.forEach((row, i) => values.set(row, i * d))
  const y = Int32Array.from(labels)
  return { hscore: hScore(values, n, d, y), n, d, classes: new Set(labels).size }
}

export function metricsOf(matrix: number[][], baseline?: number[]): ClMetricsResult {
  const m = clMetrics(matrix, baseline)
  return { average_accuracy: m.average_accuracy, bwt: m.bwt, fwt: m.fwt, forgetting: m.forgetting }
}
