/**
 * Continual-learning metrics from the accuracy matrix R (T × T, row-major):
 * R[i][j] = accuracy on task j (in [0, 1]) after learning tasks 0 … i. Task-incremental: rows
 * may hold accuracies on tasks not learned yet (j > i), which FWT uses.
 *
 *   average_accuracy = (1/T) Σ_{j<T} R[T−1][j]
 *   bwt        = 1/(T−1) Σ_{i<T−1} (R[T−1][i] − R[i][i])                        (Lopez-Paz & Ranzato 2017)
 *   forgetting = 1/(T−1) Σ_{j<T−1} (max_{k∈[j, T−2]} R[k][j] − R[T−1][j])      (Chaudhry et al. 2018)
 *   fwt        = 1/(T−1) Σ_{i≥1} (R[i−1][i] − b[i])                              (Lopez-Paz & Ranzato 2017)
 *
 * b[i] is the accuracy of an untrained (randomly initialised) model on task i. With T = 1 there
 * is no earlier task: bwt = forgetting = 0 and fwt = null. Without b, fwt = null.
 * These are the formulas of `tests/engine/fixtures/metrics-reference.json`.
 */
import { KeizokuError } from '../shared/errors'

export interface CLMetrics {
  average_accuracy: number
  bwt: number
  fwt: number | null
  forgetting: number
}

/** The formulas above, as text for reports. */
export const METRIC_FORMULAS: Record<keyof CLMetrics, string> = {
  average_accuracy: 'mean_j R[T-1][j]',
  bwt: 'mean_{i<T-1} (R[T-1][i] - R[i][i])  (Lopez-Paz & Ranzato 2017)',
  forgetting: 'mean_{j<T-1} (max_{k in [j, T-2]} R[k][j] - R[T-1][j])  (Chaudhry et al. 2018)',
  fwt: 'mean_{i>=1} (R[i-1][i] - b[i]), b[i] = accuracy of an untrained/random-init model on task i'
}

/**
 * Metrics of an accuracy matrix R (square T × T, every entry a finite number in [0, 1]) and an
 * optional baseline row b (length T, same range). Errors (KeizokuError 'invalid_argument') name
 * the row and column of the first bad entry.
 */
export function clMetrics(R: number[][], b?: number[]): CLMetrics {
  const T = checkMatrix(R)
  if (b !== undefined) checkRow(b, T, 'baseline b')
  const last = R[T - 1]
  const average_accuracy = mean(last)
  if (T === 1) return { average_accuracy, bwt: 0, fwt: null, forgetting: 0 }
  const bwtTerms: number[] = []
  const forgetTerms: number[] = []
  for (let j = 0; j < T - 1; j++) {
    bwtTerms.push(last[j] - R[j][j])
    let best = -Infinity
    for (let k = j; k <= T - 2; k++) best = Math.max(best, R[k][j])
    forgetTerms.push(best - last[j])
  }
  let fwt: number | null = null
  if (b !== undefined) {
    const terms: number[] = []
    for (let i = 1; i < T; i++) terms.push(R[i - 1][i] - b[i])
    fwt = mean(terms)
  }
  return { average_accuracy, bwt: mean(bwtTerms), fwt, forgetting: mean(forgetTerms) }
}

/**
 * Hypernetwork output drift of an old task j: ‖W_now − W_then‖₂, with W = h(e_j, Θ) the flat
 * generated weights now and right after task j was learned. It estimates forgetting when no
 * holdout data is kept (0 ⇔ the task's model is unchanged). Float64 accumulation.
 */
export function outputDrift(now: Float32Array, then: Float32Array): number {
  if (now.length !== then.length) {
    throw new KeizokuError(
      'invalid_argument',
      `outputDrift: ${now.length} weights now vs ${then.length} then; they must be the same model.`
    )
  }
  let s = 0
  for (let i = 0; i < now.length; i++) {
    const d = now[i] - then[i]
    if (!Number.isFinite(d)) {
      throw new KeizokuError(
        'invalid_argument',
        `outputDrift: weight ${i} is not finite (now ${now[i]}, then ${then[i]}).`
      )
    }
    s += d * d
  }
  return Math.sqrt(s)
}

/**
 * Relative drift ‖W_now − W_then‖₂ / ‖W_then‖₂, comparable across models of different size.
 * Undefined (error) when W_then = 0.
 */
export function relativeOutputDrift(now: Float32Array, then: Float32Array): number {
  const drift = outputDrift(now, then)
  let s = 0
  for (const v of then) s += v * v
  if (s === 0)
    throw new KeizokuError(
      'invalid_argument',
      'relativeOutputDrift: the earlier weights are all zero; use outputDrift.'
    )
  return drift / Math.sqrt(s)
}

function mean(xs: number[]): number {
  let s = 0
  for (const x of xs) s += x
  return s / xs.length
}

function checkMatrix(R: unknown): number {
  if (!Array.isArray(R) || R.length === 0) {
    throw new KeizokuError('invalid_argument', 'The accuracy matrix R must be a non-empty array of rows.', {
      hint: 'R[i][j] = accuracy on task j after learning task i, e.g. [[0.9, 0.1], [0.85, 0.95]].'
    })
  }
  const T = R.length
  R.forEach((row, i) => {
    if (!Array.isArray(row)) throw new KeizokuError('invalid_argument', `Row ${i} of R is not an array of numbers.`)
    checkRow(row, T, `R row ${i}`)
  })
  return T
}

function checkRow(row: unknown[], T: number, what: string): void {
  if (!Array.isArray(row)) throw new KeizokuError('invalid_argument', `${what} must be an array of numbers.`)
  if (row.length !== T) {
    throw new KeizokuError(
      'invalid_argument',
      `${what} has ${row.length} entries; R is ${T} × ${T} (one row and one column per task), so ${T} are needed.`
    )
  }
  row.forEach((v, j) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw new KeizokuError(
        'invalid_argument',
        `${what}, column ${j} is ${typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v))}; accuracies must be numbers in [0, 1].`,
        {
          hint: 'Give accuracies as fractions (0.93), not percentages (93).'
        }
      )
    }
  })
}
