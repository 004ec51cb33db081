import { describe, expect, it } from 'vitest'
import { createLearner } from '../../src/engine/learner'
import { guidancePlan } from '../../src/engine/guidancePlan'
import type { TransferMeasurement } from '../../src/engine/transferMeasure'
import { TINY, blobTask } from './helpers'

function measurement(hscore: number[], logme = hscore.map((h) => h - 2)): TransferMeasurement {
  return {
    estimates: { hscore, shrinkage: hscore.map((h) => h * 0.8), logme, normalised: hscore.map((h) => h / 3) },
    measured: hscore.map(() => 0.9),
    measuredLogLik: hscore.map(() => -0.2),
    rows: 100,
    millis: 1
  }
}

describe('guidancePlan', () => {
  it('falls back to no guidance on a flat row and records it', () => {
    const p = guidancePlan(measurement([2.96, 3.0, 2.98]), 'hscore', 4, 'hemb', 3)
    expect(p.noGuidance).toBe(true)
    expect(p.record.guidance).toBe('flat-fallback')
    expect(p.record.flat).toBe(true)
    expect(p.record.spread).toBeCloseTo(0.04, 12)
    expect(p.record.flatLimit).toBeCloseTo(0.06, 12)
  })

  it('follows a row that varies, and does not use guidance before the third task or for other methods', () => {
    const varied = guidancePlan(measurement([2.2, 3.0]), 'hscore', 4, 'hemb', 2)
    expect(varied.noGuidance).toBe(false)
    expect(varied.record.guidance).toBe('followed')
    expect(varied.row).toEqual([2.2, 3.0])
    expect(guidancePlan(measurement([2.2]), 'hscore', 4, 'hemb', 1).record.guidance).toBe('not-used')
    expect(guidancePlan(measurement([2.96, 3.0]), 'hscore', 4, 'hnet', 2).noGuidance).toBe(false)
  })

  it('trains without guidance when the workspace does not trust any estimator, even on a varied row', () => {
    const p = guidancePlan(measurement([2.2, 3.0]), 'hscore', 4, 'hemb', 2, false)
    expect(p.noGuidance).toBe(true)
    expect(p.record.guidance).toBe('untrusted-fallback')
    expect(guidancePlan(measurement([2.2]), 'hscore', 4, 'hemb', 1, false).record.guidance).toBe('not-used')
  })

  it('shifts a row with negative entries (LogME) to start at 0 for the distance map', () => {
    const p = guidancePlan(measurement([1, 2], [-1.5, -0.5]), 'logme', 4, 'hemb', 2)
    expect(p.row).toEqual([0, 1])
    expect(p.record.estimator).toBe('logme')
  })
})

describe('learnTask without guidance', () => {
  it('fits no target ê when told the row is flat, and fits one otherwise', async () => {
    const run = async (noGuidance: boolean) => {
      const l = createLearner({ method: 'hemb', seed: 3, inputShape: [6], config: { ...TINY, steps: 3 } })
      try {
        await l.learnTask(blobTask(0, 1))
        await l.learnTask(blobTask(1, 1))
        return await l.learnTask(blobTask(2, 1), { noGuidance, transferRow: [1.5, 1.6] })
      } finally {
        l.dispose()
      }
    }
    const off = await run(true)
    expect(off.embeddingTarget).toBeUndefined()
    expect(off.transferRow).toEqual([1.5, 1.6])
    const on = await run(false)
    expect(on.embeddingTarget).toHaveLength(TINY.hnet.taskEmbeddingSize)
  })
})
