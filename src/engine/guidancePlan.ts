import {
  FLAT_ROW_THRESHOLD,
  estimatorScale,
  type TransferEstimator,
  type TransferRecord
} from '../shared/transferability'
import { isFlatRow, rowSpread } from './flatRow'
import type { TransferMeasurement } from './transferMeasure'
import type { Method } from '../shared/domain/methods'

/**
 * Which row the H-embedding of task t follows, or none:
 *
 * - guidance exists only for `hemb` from the third task on (t ≥ 2); otherwise 'not-used';
 * - a flat row ({@link isFlatRow}: spread < 2 % of the estimator's scale) gives target distances
 *   that are all ≈ ε — the fit would follow noise — so the task trains without guidance
 *   ('flat-fallback', plain HNET for this task);
 * - otherwise the estimator's row. The `direct` map d_j = H_max + H_min + ε − H_j assumes scores ≥ 0
 *   (and `reciprocal` needs them), so a row with negative entries (LogME, log-evidence) is shifted by
 *   −min_j s_j first;
 * - `trusted` false (the workspace found no estimator with ρ > 0 against measured transfer, see
 *   service/transferTrust.ts) → no guidance either ('untrusted-fallback'), whatever the row.
 */
export function guidancePlan(
  m: TransferMeasurement,
  estimator: TransferEstimator,
  numClasses: number,
  method: Method,
  t: number,
  trusted = true
): { record: TransferRecord; row: number[] | undefined; noGuidance: boolean } {
  const raw = m.estimates[estimator]
  const flat = isFlatRow(raw, estimator, numClasses)
  const guided = method === 'hemb' && t >= 2
  const guidance: TransferRecord['guidance'] = !guided
    ? 'not-used'
    : !trusted
      ? 'untrusted-fallback'
      : flat
        ? 'flat-fallback'
        : 'followed'
  const low = raw.length ? Math.min(...raw) : 0
  const row = raw.length === 0 ? undefined : low < 0 ? raw.map((v) => v - low) : raw
  return {
    record: {
      estimator,
      estimates: m.estimates,
      measured: m.measured,
      measuredLogLik: m.measuredLogLik,
      spread: rowSpread(raw),
      flatLimit: FLAT_ROW_THRESHOLD * estimatorScale(estimator, numClasses),
      flat,
      guidance,
      millis: m.millis
    },
    row,
    noGuidance: guidance === 'flat-fallback' || guidance === 'untrusted-fallback'
  }
}
