/**
 * Transferability estimators and the rules that say how far their matrix can be trusted. Plain
 * constants and types only: the engine computes, the service decides, the renderer displays.
 *
 * - `hscore`: the paper's H-score, tr(pinv(cov f) · cov(E[f|y])), range [0, C − 1].
 * - `shrinkage`: H-score with a Ledoit–Wolf-shrunk feature covariance (Ibrahim et al. 2022).
 * - `logme`: LogME, the log marginal evidence per sample of a Bayesian linear model (You et al. 2021).
 * - `normalised`: H-score / (C − 1), range [0, 1], so rows with different class counts compare.
 */
export const TRANSFER_ESTIMATORS = ['hscore', 'shrinkage', 'logme', 'normalised'] as const
export type TransferEstimator = (typeof TRANSFER_ESTIMATORS)[number]

/** Workspace setting: one estimator, or `auto` = the best-predicting once there are enough pairs. */
export type EstimatorChoice = 'auto' | TransferEstimator

/**
 * (earlier task, new task) pairs with measured transfer needed before ρ is trusted at all:
 * `auto` picks the estimator with the highest ρ only from this many pairs on (H-score before),
 * and the trust sentence says "not yet known" below it. Six pairs = four tasks learned.
 */
export const MIN_PAIRS_FOR_RHO = 6

/** ρ at or above which the matrix "predicted transfer well"; below it, "poorly". */
export const GOOD_RHO = 0.5

/**
 * A row is flat when its spread max − min is below FLAT_ROW_THRESHOLD times the estimator's
 * scale ({@link estimatorScale}): 2 % of C − 1 for the H-score (0.06 of 3 for four classes —
 * the beef cuts' 2.96–3.00 rows are flat, Permuted-MNIST's 2.4–3.1 of 9 are not).
 */
export const FLAT_ROW_THRESHOLD = 0.02

/**
 * The natural unit of an estimator's values for a task with C classes: C − 1 for the H-scores
 * (their range), 1 for the normalised H-score, and 1 nat per sample for LogME (its values are
 * log-evidence per sample, unbounded, so there is no range to take a fraction of).
 */
export function estimatorScale(estimator: TransferEstimator, numClasses: number): number {
  return estimator === 'hscore' || estimator === 'shrinkage' ? Math.max(1, numClasses - 1) : 1
}

/** How much weight the matrix deserves on this workspace, from ρ and its n. */
export type TrustLevel = 'good' | 'poor' | 'unknown'

/** ρ of one estimator against measured transfer over n pairs (ρ null below 3 pairs or with no variation). */
export interface EstimatorFit {
  estimator: TransferEstimator
  rho: number | null
  n: number
}

/** What the workspace's evidence says, and which estimator the guidance follows. */
export interface TransferTrust {
  /** The setting, and the estimator it resolves to now. */
  choice: EstimatorChoice
  estimator: TransferEstimator
  rho: number | null
  n: number
  level: TrustLevel
  /**
   * Whether `hemb` follows the estimator's row. False when the setting is `auto`, there are
   * MIN_PAIRS_FOR_RHO pairs, and no estimator's ρ is above 0: a row that does not predict the
   * measured transfer (or predicts it backwards) would only pull e_t toward noise.
   */
  guide: boolean
  fits: EstimatorFit[]
  flatThreshold: number
}

export function trustLevel(rho: number | null, n: number): TrustLevel {
  if (rho === null || n < MIN_PAIRS_FOR_RHO) return 'unknown'
  return rho >= GOOD_RHO ? 'good' : 'poor'
}

/**
 * What a training job measured and decided about transfer, stored with the candidate version
 * (metrics.transfer): every estimator's row for the new task under each earlier task, the
 * measured transfer (linear-probe holdout accuracy), and which row the guidance followed.
 */
export interface TransferRecord {
  /** The estimator the H-embedding was fitted to (the workspace setting, resolved at queue time). */
  estimator: TransferEstimator
  estimates: Record<TransferEstimator, number[]>
  /** Linear-probe holdout accuracy per earlier task; null where the task keeps no holdout. */
  measured: Array<number | null>
  measuredLogLik: Array<number | null>
  /** Spread (max − min) of the estimator's row, the flat threshold it is compared with, and the verdict. */
  spread: number | null
  flatLimit: number
  flat: boolean
  /**
   * 'followed': the H-embedding was fitted to the row; 'flat-fallback': the row was flat, the task
   * trained without guidance; 'untrusted-fallback': with the `auto` setting no estimator's ρ against
   * measured transfer was above 0 on this workspace, the task trained without guidance;
   * 'not-used': the method or the task index has no guidance.
   */
  guidance: 'followed' | 'flat-fallback' | 'untrusted-fallback' | 'not-used'
  millis: number
}

/**
 * Why a training job followed the estimator it did (version metrics.estimatorChoice): the
 * workspace setting at queue time, the estimator it resolved to, and that estimator's ρ and n then.
 */
export interface EstimatorUsed {
  /** Absent on versions trained before the setting was recorded. */
  choice?: EstimatorChoice
  estimator: TransferEstimator
  rho: number | null
  pairs: number
  /** False when `auto` found no estimator with ρ > 0 and the task trained unguided; absent = true. */
  guide?: boolean
}

/** The transfer record a version's metrics hold, or null (versions trained before it existed, baselines). */
export function transferRecordIn(metrics: Record<string, unknown>): TransferRecord | null {
  const t = metrics.transfer as TransferRecord | null | undefined
  return t && typeof t === 'object' && t.estimates ? t : null
}

export function estimatorUsedIn(metrics: Record<string, unknown>): EstimatorUsed | null {
  const e = metrics.estimatorChoice as EstimatorUsed | null | undefined
  return e && typeof e === 'object' && typeof e.estimator === 'string' ? e : null
}
