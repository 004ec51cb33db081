import type { TransferEstimator } from '../shared/transferability'
import { hScoreFromSpectrum, hScoreSpectrum } from './hscore'
import { logME } from './logme'
import { shrinkageFromSpectrum } from './shrinkageHscore'

/**
 * Every transferability estimator of one feature matrix f (n × d) for labels y, sharing one
 * eigendecomposition between the plain and the shrinkage H-score:
 *
 * - hscore = tr(pinv(cov f) cov(E[f|y]))                       ({@link hScoreFromSpectrum})
 * - shrinkage = H_α with the Ledoit–Wolf α                     ({@link shrinkageFromSpectrum})
 * - logme = LogME per sample                                   ({@link logME})
 * - normalised = hscore / (C − 1), C the classes present in y  (0 with fewer than two)
 */
export function estimateAll(
  f: Float32Array | Float64Array,
  n: number,
  d: number,
  y: Int32Array,
  numClasses: number
): Record<TransferEstimator, number> {
  const sp = hScoreSpectrum(f, n, d, y, numClasses)
  const hscore = hScoreFromSpectrum(sp)
  return {
    hscore,
    shrinkage: shrinkageFromSpectrum(sp, n, d).score,
    logme: logME(f, n, d, y, numClasses),
    normalised: sp.classes >= 2 ? hscore / (sp.classes - 1) : 0
  }
}
