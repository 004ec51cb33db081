import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { clMetrics, outputDrift, relativeOutputDrift } from '../../src/engine/metrics'

interface RefCase {
  name: string
  R: number[][]
  b: number[]
  average_accuracy: number
  bwt: number
  forgetting: number
  fwt: number
}
const reference = JSON.parse(readFileSync(join(__dirname, 'fixtures/metrics-reference.json'), 'utf8')) as {
  cases: RefCase[]
}

describe('clMetrics', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('matches the numpy reference: %s', (_name, c) => {
    const m = clMetrics(c.R, c.b)
    expect(Math.abs(m.average_accuracy - c.average_accuracy)).toBeLessThan(1e-9)
    expect(Math.abs(m.bwt - c.bwt)).toBeLessThan(1e-9)
    expect(Math.abs(m.forgetting - c.forgetting)).toBeLessThan(1e-9)
    expect(Math.abs((m.fwt as number) - c.fwt)).toBeLessThan(1e-9)
    expect(clMetrics(c.R).fwt).toBeNull()
  })

  it('forgetting takes the best earlier accuracy, BWT the one right after learning', () => {
    // task 0: 0.9 after learning, 0.95 after task 1 (backward gain), 0.7 at the end
    const R = [
      [0.9, 0.1, 0.1],
      [0.95, 0.8, 0.1],
      [0.7, 0.8, 0.9]
    ]
    const m = clMetrics(R)
    expect(m.bwt).toBeCloseTo((0.7 - 0.9 + (0.8 - 0.8)) / 2, 12)
    expect(m.forgetting).toBeCloseTo((0.95 - 0.7 + (0.8 - 0.8)) / 2, 12)
    expect(m.average_accuracy).toBeCloseTo(0.8, 12)
  })

  it('defines T = 1: bwt = forgetting = 0, fwt null even with a baseline', () => {
    expect(clMetrics([[0.8]], [0.5])).toEqual({ average_accuracy: 0.8, bwt: 0, fwt: null, forgetting: 0 })
  })

  it('rejects malformed matrices with the row and column', () => {
    expect(() => clMetrics([])).toThrow(/non-empty array of rows/)
    expect(() => clMetrics([[0.9, 0.1], [0.8]])).toThrow(/R row 1 has 1 entries; R is 2 × 2/)
    expect(() =>
      clMetrics([
        [0.9, 0.1, 0.2],
        [0.8, 0.9, 0.1]
      ])
    ).toThrow(/R row 0 has 3 entries/)
    expect(() =>
      clMetrics([
        [0.9, 93],
        [0.8, 0.9]
      ])
    ).toThrow(/R row 0, column 1 is 93; accuracies must be numbers in \[0, 1\]/)
    expect(() =>
      clMetrics([
        [0.9, NaN],
        [0.8, 0.9]
      ])
    ).toThrow(/column 1 is NaN/)
    expect(() =>
      clMetrics([
        [0.9, '0.1' as unknown as number],
        [0.8, 0.9]
      ])
    ).toThrow(/column 1 is "0.1"/)
    expect(() => clMetrics([[0.9, 0.1], 'x' as unknown as number[]])).toThrow(/Row 1 of R is not an array/)
    expect(() =>
      clMetrics(
        [
          [0.9, 0.1],
          [0.8, 0.9]
        ],
        [0.5]
      )
    ).toThrow(/baseline b has 1 entries/)
    expect(() =>
      clMetrics(
        [
          [0.9, 0.1],
          [0.8, 0.9]
        ],
        [0.5, -0.1]
      )
    ).toThrow(/baseline b, column 1 is -0.1/)
  })
})

describe('outputDrift', () => {
  it('is the Euclidean distance, relative variant divides by ‖then‖', () => {
    const then = Float32Array.from([3, 0, 4])
    const now = Float32Array.from([0, 0, 0])
    expect(outputDrift(now, then)).toBe(5)
    expect(outputDrift(then, then)).toBe(0)
    expect(relativeOutputDrift(Float32Array.from([3, 0, 5]), then)).toBeCloseTo(1 / 5, 12)
    expect(() => outputDrift(now, Float32Array.from([1]))).toThrow(/3 weights now vs 1 then/)
    expect(() => outputDrift(Float32Array.from([NaN]), Float32Array.from([1]))).toThrow(/weight 0 is not finite/)
    expect(() => relativeOutputDrift(now, now)).toThrow(/all zero/)
  })
})
