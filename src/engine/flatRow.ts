import { FLAT_ROW_THRESHOLD, estimatorScale, type TransferEstimator } from '../shared/transferability'

/**
 * Flat-row detector. A row of transferability scores (one new task under each learned task's
 * features) is flat when
 *
 *   max_j s_j − min_j s_j < τ · scale,   τ = FLAT_ROW_THRESHOLD = 0.02,
 *
 * scale = C − 1 for the H-scores, 1 for the normalised H-score and for LogME (nats per sample).
 * A flat row gives the H-embedding target distances that are all ≈ ε, so the guidance would
 * follow noise; the caller then trains without guidance. Rows with fewer than two finite
 * entries are not flat (there is nothing to compare).
 */
export function rowSpread(row: ReadonlyArray<number | null>): number | null {
  const v = row.filter((x): x is number => x !== null && Number.isFinite(x))
  if (v.length < 2) return null
  return Math.max(...v) - Math.min(...v)
}

export function isFlatRow(
  row: ReadonlyArray<number | null>,
  estimator: TransferEstimator,
  numClasses: number,
  threshold = FLAT_ROW_THRESHOLD
): boolean {
  const spread = rowSpread(row)
  return spread !== null && spread < threshold * estimatorScale(estimator, numClasses)
}
