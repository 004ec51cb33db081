import type { LabelledSet } from '../shared/dataset'
import { TRANSFER_ESTIMATORS, type TransferEstimator } from '../shared/transferability'
import { gatherRows } from './batches'
import { linearProbe } from './linearProbe'
import { Purpose, rng, sampleIndices } from './seeds'
import { estimateAll } from './transferEstimates'
import type { Learner } from './types'

/** Holdout rows scored by the probe at most (sampled, seeded, when the holdout is larger). */
export const PROBE_TEST_ROWS = 2000

/** Predicted (every estimator) and measured (linear probe) transfer of one new task from each learned task. */
export interface TransferMeasurement {
  /** estimates[e][j]: estimator e on the new task's features under learned task j. */
  estimates: Record<TransferEstimator, number[]>
  /** Holdout accuracy of the linear probe on learned task j's features; null without a holdout. */
  measured: Array<number | null>
  /** Holdout mean log-likelihood of the same probe. */
  measuredLogLik: Array<number | null>
  /** Training rows used (the H-score row's rows). */
  rows: number
  millis: number
}

/**
 * The rows of a set the H-score row of task `t` is computed on: the same seeded sample the
 * learner draws (`hscoreSamples` rows, Purpose.hscoreRows), so the `hscore` estimates here equal
 * the learner's own H-score row bit for bit.
 */
export function transferRowsOf(n: number, samples: number, seed: number, t: number): Int32Array {
  return sampleIndices(n, samples, rng(seed, Purpose.hscoreRows, t))
}

/**
 * Runs every estimator on the new task's training rows under each learned task's generated
 * weights, and (with a holdout) a linear probe on the same frozen features, trained on those
 * training rows and scored on the holdout ({@link linearProbe}). Costs one forward pass per
 * learned task and set, two d × d eigendecompositions and a few hundred probe steps per source.
 */
export function measureTransfer(
  learner: Learner,
  train: LabelledSet,
  test: LabelledSet | null,
  rows: Int32Array,
  seed: number
): TransferMeasurement {
  const t0 = performance.now()
  const T = learner.tasksLearned
  const estimates = Object.fromEntries(TRANSFER_ESTIMATORS.map((e) => [e, [] as number[]])) as Record<TransferEstimator, number[]>
  const measured: Array<number | null> = []
  const measuredLogLik: Array<number | null> = []
  if (T === 0 || train.n === 0) return { estimates, measured, measuredLogLik, rows: 0, millis: 0 }
  const tr = gatherRows(train, rows)
  const te = test && test.n > 0 ? gatherRows(test, sampleIndices(test.n, PROBE_TEST_ROWS, rng(seed, Purpose.probeRows, T))) : null
  for (let j = 0; j < T; j++) {
    const a = learner.featuresUnder(j, tr.x, rows.length)
    const est = estimateAll(a.f, rows.length, a.d, tr.y, train.numClasses)
    for (const e of TRANSFER_ESTIMATORS) estimates[e].push(est[e])
    if (te) {
      const b = learner.featuresUnder(j, te.x, te.y.length)
      const probe = linearProbe({ f: a.f, y: tr.y, n: rows.length }, { f: b.f, y: te.y, n: te.y.length }, a.d, train.numClasses)
      measured.push(probe.accuracy)
      measuredLogLik.push(probe.logLikelihood)
    } else {
      measured.push(null)
      measuredLogLik.push(null)
    }
  }
  return { estimates, measured, measuredLogLik, rows: rows.length, millis: performance.now() - t0 }
}

/** Every estimator's score of `set` (the rows `rows`) under each learned task, without a probe. */
export function estimateRows(learner: Learner, set: LabelledSet, rows: Int32Array): Record<TransferEstimator, number[]> {
  return measureTransfer(learner, set, null, rows, 0).estimates
}
