import { describe, expect, it } from 'vitest'
import {
  GUIDANCE_PAIRS,
  formatInterval,
  meanInterval,
  pairedComparisons,
  summariseSeeds,
  tQuantile975
} from '../../src/shared/seedSummary'

describe('seed summaries', () => {
  it('95 % Student-t interval: table values and the large-df expansion', () => {
    expect(tQuantile975(1)).toBe(12.706)
    expect(tQuantile975(2)).toBe(4.303)
    // scipy.stats.t.ppf(0.975, 40) = 2.021075, (…, 120) = 1.979930
    expect(tQuantile975(40)).toBeCloseTo(2.021075, 3)
    expect(tQuantile975(120)).toBeCloseTo(1.97993, 4)
    expect(() => tQuantile975(0)).toThrow(RangeError)
  })

  it('mean, sd and half-width over seeds', () => {
    const m = meanInterval([1, 2, 3, 4])
    expect(m.mean).toBe(2.5)
    expect(m.sd).toBeCloseTo(Math.sqrt(5 / 3), 12)
    expect(m.half).toBeCloseTo((3.182 * Math.sqrt(5 / 3)) / 2, 12)
    expect(meanInterval([0.9])).toEqual({ n: 1, mean: 0.9, sd: null, half: null })
    expect(formatInterval(meanInterval([0.9]))).toBe('0.9000')
    expect(formatInterval(m, 2)).toBe('2.50 ± 2.05')
  })

  it('pairs methods seed by seed and skips seeds or metrics one side lacks', () => {
    const runs = [
      { method: 'hemb', seed: 1, values: { average_accuracy: 0.9, fwt: null } },
      { method: 'hemb', seed: 2, values: { average_accuracy: 0.92, fwt: null } },
      { method: 'hemb', seed: 3, values: { average_accuracy: 0.94, fwt: null } },
      { method: 'hnet', seed: 3, values: { average_accuracy: 0.95, fwt: null } },
      { method: 'hnet', seed: 1, values: { average_accuracy: 0.89, fwt: null } },
      { method: 'hnet', seed: 2, values: { average_accuracy: 0.9, fwt: null } },
      { method: 'hnet-random', seed: 4, values: { average_accuracy: 0.5, fwt: null } }
    ]
    const s = summariseSeeds(runs)
    expect(s.map((x) => x.method)).toEqual(['hemb', 'hnet', 'hnet-random'])
    expect(s[0].values.average_accuracy.mean).toBeCloseTo(0.92, 12)
    expect(s[0].values.fwt.n).toBe(0)
    const p = pairedComparisons(runs, GUIDANCE_PAIRS, ['average_accuracy', 'fwt'])
    expect(p).toHaveLength(1) // hnet-random shares no seed; fwt has no finite pair
    expect(p[0].seeds).toEqual([1, 2, 3])
    p[0].differences.forEach((d, i) => expect(d).toBeCloseTo([0.01, 0.02, -0.01][i], 12))
    const sd = Math.sqrt(((0.01 - 0.02 / 3) ** 2 + (0.02 - 0.02 / 3) ** 2 + (-0.01 - 0.02 / 3) ** 2) / 2)
    expect(p[0].difference.mean).toBeCloseTo(0.02 / 3, 12)
    expect(p[0].difference.half).toBeCloseTo((4.303 * sd) / Math.sqrt(3), 12)
  })
})
