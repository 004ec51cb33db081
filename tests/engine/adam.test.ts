import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { Adam, lrFactor } from '../../src/engine/adam'
import { initBackend } from '../../src/engine/backend'

const base = { beta1: 0.9, beta2: 0.999, eps: 1e-8 }

describe('learning-rate schedule', () => {
  beforeAll(async () => {
    await initBackend({ KEIZOKU_BACKEND: 'wasm' })
  })

  it('constant keeps the factor 1; cosine goes 1 → ½ at half-way → towards 0 at the last step', () => {
    const steps = 1000
    for (const i of [0, 1, 499, 999]) expect(lrFactor({ kind: 'constant', steps }, i)).toBe(1)
    expect(lrFactor(undefined, 500)).toBe(1)
    const cos = { kind: 'cosine' as const, steps }
    expect(lrFactor(cos, 0)).toBe(1)
    expect(lrFactor(cos, 500)).toBeCloseTo(0.5, 12)
    expect(lrFactor(cos, 250)).toBeCloseTo((1 + Math.SQRT1_2) / 2, 12)
    expect(lrFactor(cos, 999)).toBeCloseTo((1 + Math.cos((Math.PI * 999) / 1000)) / 2, 12)
    expect(lrFactor(cos, 999)).toBeLessThan(1e-5)
    // Past the task's steps (a task trained longer than planned) the rate stays at 0, never rises.
    expect(lrFactor(cos, 1500)).toBe(0)
  })

  it('warm-up ramps the rate linearly over its first steps, then follows the schedule', () => {
    const cos = { kind: 'cosine' as const, steps: 1000, warmup: 30 }
    expect(lrFactor(cos, 0)).toBeCloseTo(1 / 30, 12)
    expect(lrFactor(cos, 14)).toBeCloseTo((15 / 30) * lrFactor({ kind: 'cosine', steps: 1000 }, 14), 12)
    expect(lrFactor(cos, 29)).toBeCloseTo(lrFactor({ kind: 'cosine', steps: 1000 }, 29), 12)
    expect(lrFactor(cos, 30)).toBe(lrFactor({ kind: 'cosine', steps: 1000 }, 30))
    const flat = { kind: 'constant' as const, steps: 1000, warmup: 4 }
    expect([0, 1, 2, 3, 4, 500].map((i) => lrFactor(flat, i))).toEqual([0.25, 0.5, 0.75, 1, 1, 1])
    // 0 means no warm-up.
    expect(lrFactor({ kind: 'constant', steps: 1000, warmup: 0 }, 0)).toBe(1)
  })

  it("an Adam step under cosine equals a constant step at lr × the step's factor (delta and apply)", () => {
    const g = tf.tensor1d([0.3, -1.2, 2.5])
    const p0 = [1, 2, 3]
    const steps = 8
    const cos = new Adam(3, { lr: 0.1, ...base, schedule: { kind: 'cosine', steps } })
    let pc = tf.tensor1d(p0)
    const seen: number[][] = []
    for (let i = 0; i < 5; i++) {
      // A constant-rate Adam with the same moments and step count, at the scaled rate.
      const st = cos.state()
      const ref = new Adam(3, { lr: 0.1 * lrFactor({ kind: 'cosine', steps }, i), ...base }, st)
      const dRef = Array.from(ref.delta(g).dataSync())
      const dCos = Array.from(cos.delta(g).dataSync())
      dCos.forEach((v, k) => expect(v).toBeCloseTo(dRef[k], 7))
      seen.push(dCos)
      pc = cos.apply(pc, g)
      ref.dispose()
    }
    // Same gradient every step: Adam's normalised step is ≈ lr, so the steps shrink with the factor.
    expect(Math.abs(seen[4][0])).toBeLessThan(Math.abs(seen[0][0]) * 0.7)
    expect(cos.t).toBe(5)
    cos.dispose()
    tf.dispose([g, pc])
  })
})
