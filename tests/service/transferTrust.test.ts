import { describe, expect, it } from 'vitest'
import { recommendOrder } from '../../src/service/transfer'
import { transferTrust, type MeasuredPair } from '../../src/service/transferTrust'
import { MIN_PAIRS_FOR_RHO } from '../../src/shared/transferability'

/** Pairs where LogME ranks like the measured transfer and the H-score ranks against it. */
function pairs(k: number): MeasuredPair[] {
  return Array.from({ length: k }, (_, i) => ({
    taskId: 10 + i,
    sourceTaskId: i,
    measured: 0.5 + i / 100,
    estimates: { hscore: 3 - i / 10, shrinkage: 2 - i / 10, logme: -1 + i / 10, normalised: 1 - i / 30 }
  }))
}

describe('transferTrust', () => {
  it('keeps the H-score under auto until there are enough pairs, then picks the best ρ', () => {
    const few = transferTrust(pairs(MIN_PAIRS_FOR_RHO - 1), 'auto')
    expect(few.estimator).toBe('hscore')
    expect(few.level).toBe('unknown')
    expect(few.rho).toBeCloseTo(-1, 12)
    const enough = transferTrust(pairs(MIN_PAIRS_FOR_RHO), 'auto')
    expect(enough.estimator).toBe('logme')
    expect(enough.rho).toBeCloseTo(1, 12)
    expect(enough.n).toBe(MIN_PAIRS_FOR_RHO)
    expect(enough.level).toBe('good')
  })

  it('uses a fixed setting as set and says when it predicted poorly', () => {
    const t = transferTrust(pairs(8), 'hscore')
    expect(t.estimator).toBe('hscore')
    expect(t.level).toBe('poor')
    expect(t.fits.map((f) => f.estimator)).toEqual(['hscore', 'shrinkage', 'logme', 'normalised'])
  })

  it('switches guidance off under auto when no estimator has ρ above 0, but follows a fixed setting', () => {
    // Every estimator ranks against the measured transfer (ρ −1 for the H-scores, LogME flipped too).
    const against = pairs(MIN_PAIRS_FOR_RHO).map((p) => ({
      ...p,
      estimates: { ...p.estimates, logme: 1 - p.measured }
    }))
    const auto = transferTrust(against, 'auto')
    expect(auto.guide).toBe(false)
    expect(Math.max(...auto.fits.map((f) => f.rho ?? -Infinity))).toBeLessThanOrEqual(0)
    expect(transferTrust(against, 'hscore').guide).toBe(true)
    // Below MIN_PAIRS_FOR_RHO the evidence is too thin to switch anything off.
    expect(transferTrust(against.slice(1), 'auto').guide).toBe(true)
    expect(transferTrust(pairs(MIN_PAIRS_FOR_RHO), 'auto').guide).toBe(true)
  })

  it('reports ρ as unknown with no pairs', () => {
    const t = transferTrust([], 'auto')
    expect([t.estimator, t.rho, t.n, t.level]).toEqual(['hscore', null, 0, 'unknown'])
  })
})

describe('recommendOrder', () => {
  it('ranks unlearned tasks by their best score over its range, tasks without scores last', () => {
    const order = recommendOrder(
      [
        { taskId: 5, name: 'five', row: [1.0, 1.5], numClasses: 4 }, // best 1.5 / 3 = 0.5
        { taskId: 6, name: 'six', row: [0.9, null], numClasses: 2 }, // 0.9 / 1
        { taskId: 7, name: 'seven', row: [null, null], numClasses: 2 }
      ],
      ['a', 'b'],
      'hscore'
    )
    expect(order.map((o) => o.name)).toEqual(['six', 'five', 'seven'])
    expect(order[1]).toMatchObject({ score: 0.5, bestSource: 'b' })
    expect(order[2].score).toBeNull()
  })
})
