import { describe, expect, it } from 'vitest'
import { spreadOf, type SeedValues } from '../../src/service/reports/roiMeasured'
import { measuredNotes, spreadCell } from '../../src/service/reports/roiMeasuredHtml'
import type { RoiData } from '../../src/service/reports/roiReport'

const seed = (s: number, accuracy: number, trainSeconds: number): SeedValues => ({
  seed: s,
  accuracy,
  forgetting: 0,
  bwt: 0,
  trainSeconds
})

describe('ROI measured-baselines parts', () => {
  it('clamps a training-time interval at zero; the accuracy interval is mean ± t·sd/√n', () => {
    // Two seeds: mean ± 12.706 · sd / √2.
    const s = spreadOf([seed(1, 0.8, 10), seed(2, 0.9, 200)])
    const half = (x: number, y: number): number => (12.706 * Math.abs(x - y)) / Math.SQRT2 / Math.SQRT2
    expect(s.trainSeconds!.lo).toBe(0)
    expect(s.trainSeconds!.hi).toBeCloseTo(105 + half(10, 200), 9)
    expect(s.accuracy!.lo).toBeCloseTo(0.85 - half(0.8, 0.9), 12)
  })

  it('names the baseline runs’ seeds, not the lineage’s', () => {
    const d = {
      reportedVersionId: 8,
      lineageFull: { versionIds: [1, 8] },
      measured: {
        runIds: [1, 2],
        backends: ['wasm'],
        skipped: [],
        olderRuns: 0,
        perMethod: [
          { method: 'hemb', main: true, perSeed: [seed(0, 0.9, 1)], runs: [] },
          {
            method: 'independent',
            main: false,
            perSeed: [seed(1, 0.9, 1), seed(2, 0.9, 1)],
            runs: [{ seed: 2 }, { seed: 1 }]
          }
        ]
      }
    } as unknown as RoiData
    expect(measuredNotes(d, 'en')).toContain('Baseline runs #1, #2 (seeds 1, 2; backend wasm)')
  })

  it('lets the interval line wrap between its parts but never inside a number', () => {
    const cell = spreadCell(
      '83.20 %',
      { n: 2, mean: 0.832, sd: 0.001, lo: 0.8263, hi: 0.8377 },
      (x) => `${(x * 100).toFixed(2)} %`,
      'en'
    )
    expect((cell as { html: string }).html).toContain(
      '<span class="src wrap">95 %: 82.63\u00a0% … 83.77\u00a0% (2 seeds)</span>'
    )
  })
})
