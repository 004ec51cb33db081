import { describe, expect, it } from 'vitest'
import { addCurvePoint, emptyCurve, RUN_CURVE_MAX_POINTS } from '../../src/shared/domain/runCurve'

const report = (step: number) => ({
  step,
  loss: { task: 1 / step, reg: step % 2 ? 0.5 : undefined },
  batchAccuracy: step / 1e5
})

describe('run curves stay bounded and even', () => {
  it('keeps every report while there are few, with nulls for missing parts', () => {
    const c = emptyCurve()
    for (let s = 1; s <= 5; s++) addCurvePoint(c, report(s))
    expect(c.steps).toEqual([1, 2, 3, 4, 5])
    expect(c.reg).toEqual([0.5, null, 0.5, null, 0.5])
    expect(c.guide).toEqual([null, null, null, null, null])
    expect(c.accuracy[4]).toBeCloseTo(5e-5)
  })

  it.each([10, 301, 1000, 12_345, 100_000])(
    '%i reports: at most max + 1 points, evenly spaced, first and latest kept',
    (n) => {
      const c = emptyCurve()
      for (let s = 1; s <= n; s++) addCurvePoint(c, report(s))
      expect(c.steps.length).toBeLessThanOrEqual(RUN_CURVE_MAX_POINTS + 1)
      expect(c.steps.length).toBeGreaterThanOrEqual(Math.min(n, RUN_CURVE_MAX_POINTS / 2))
      expect(c.steps[0]).toBe(1)
      expect(c.steps.at(-1)).toBe(n)
      const grid = c.tail ? c.steps.slice(0, -1) : c.steps
      const gaps = new Set(grid.slice(1).map((s, i) => s - grid[i]))
      expect([...gaps]).toEqual([c.every])
      // Every series has one value per step, and the values belong to their step.
      for (const k of ['task', 'reg', 'guide', 'accuracy'] as const) expect(c[k]).toHaveLength(c.steps.length)
      c.steps.forEach((s, i) => expect(c.task[i]).toBeCloseTo(1 / s))
    }
  )

  it('a small max thins as it goes', () => {
    const c = emptyCurve()
    for (let s = 0; s < 9; s++) addCurvePoint(c, { step: s }, 4)
    expect(c.steps).toEqual([0, 4, 8])
    addCurvePoint(c, { step: 9 }, 4)
    expect(c.steps).toEqual([0, 4, 8, 9])
    expect(c.tail).toBe(true)
  })
})
