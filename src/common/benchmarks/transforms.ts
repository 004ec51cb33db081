/**
 * The per-task input transforms of the digit benchmarks: a fixed pixel permutation
 * (permuted-mnist) and a rotation about the image centre with bilinear interpolation
 * (rotated-mnist). Pure functions of the seed and task index.
 */
import { mulberry32, shuffleInPlace } from '../random'

/** A 32-bit seed from several integers (murmur3-style finaliser over a running mix). */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193) >>> 0
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b) >>> 0
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35) >>> 0
    h ^= h >>> 16
  }
  return h >>> 0
}

const PERMUTATION_TAG = 0x7065726d // 'perm'

/**
 * The k-th pixel permutation of a sequence: k = 0 is the identity (the unpermuted digits, as in
 * von Oswald et al. and the usual Permuted-MNIST), k ≥ 1 a Fisher–Yates shuffle seeded by
 * (seed, k). Output pixel p of a transformed image is input pixel perm[p].
 */
export function pixelPermutation(seed: number, k: number, size: number): Int32Array {
  const perm = Int32Array.from({ length: size }, (_, i) => i)
  if (k === 0) return perm
  const rand = mulberry32(mixSeed(PERMUTATION_TAG, seed, k))
  shuffleInPlace(perm, rand)
  return perm
}

/** out[r·dim + p] = x[r·dim + perm[p]] for every row r. */
export function permuteRows(x: Float32Array, dim: number, perm: Int32Array): Float32Array {
  const out = new Float32Array(x.length)
  const rows = x.length / dim
  for (let r = 0; r < rows; r++) {
    const o = r * dim
    for (let p = 0; p < dim; p++) out[o + p] = x[o + perm[p]]
  }
  return out
}

/** The k-th angle of a rotated sequence in degrees: k · 180 / tasks (task 0 unrotated). */
export function rotationAngle(k: number, tasks: number): number {
  return (k * 180) / tasks
}

/**
 * Bilinear sampling plan for rotating a side × side image by `degrees` counter-clockwise as
 * displayed (rows grow downwards) about its centre c = (side − 1)/2. Output pixel (x', y') takes
 * the input at
 *
 *   x = c + (x' − c) cos θ − (y' − c) sin θ,   y = c + (x' − c) sin θ + (y' − c) cos θ,
 *
 * interpolated from its four neighbours; samples outside the image count as 0 (background).
 * For every output pixel: four source indices (−1 = outside) and their weights.
 */
export interface RotationPlan {
  side: number
  index: Int32Array
  weight: Float32Array
}

export function rotationPlan(side: number, degrees: number): RotationPlan {
  const theta = (degrees * Math.PI) / 180
  const cos = Math.cos(theta)
  const sin = Math.sin(theta)
  const c = (side - 1) / 2
  const n = side * side
  const index = new Int32Array(4 * n).fill(-1)
  const weight = new Float32Array(4 * n)
  // Snap values within 1e-9 of a grid line so exact quarter turns copy pixels exactly.
  const snap = (v: number): number => (Math.abs(v - Math.round(v)) < 1e-9 ? Math.round(v) : v)
  for (let yo = 0; yo < side; yo++) {
    for (let xo = 0; xo < side; xo++) {
      const x = snap(c + (xo - c) * cos - (yo - c) * sin)
      const y = snap(c + (xo - c) * sin + (yo - c) * cos)
      const x0 = Math.floor(x)
      const y0 = Math.floor(y)
      const fx = x - x0
      const fy = y - y0
      const o = 4 * (yo * side + xo)
      const corners: Array<[number, number, number]> = [
        [x0, y0, (1 - fx) * (1 - fy)],
        [x0 + 1, y0, fx * (1 - fy)],
        [x0, y0 + 1, (1 - fx) * fy],
        [x0 + 1, y0 + 1, fx * fy]
      ]
      corners.forEach(([cx, cy, w], q) => {
        if (w > 0 && cx >= 0 && cx < side && cy >= 0 && cy < side) {
          index[o + q] = cy * side + cx
          weight[o + q] = w
        }
      })
    }
  }
  return { side, index, weight }
}

/** Applies a rotation plan to every side²-long row of x. */
export function rotateRows(x: Float32Array, plan: RotationPlan): Float32Array {
  const dim = plan.side * plan.side
  const out = new Float32Array(x.length)
  const rows = x.length / dim
  const { index, weight } = plan
  for (let r = 0; r < rows; r++) {
    const o = r * dim
    for (let p = 0; p < dim; p++) {
      let s = 0
      for (let q = 4 * p; q < 4 * p + 4; q++) {
        const i = index[q]
        if (i >= 0) s += weight[q] * x[o + i]
      }
      out[o + p] = s
    }
  }
  return out
}

/** One image rotated by `degrees` (see {@link rotationPlan}). */
export function rotateImage(src: Float32Array, side: number, degrees: number): Float32Array {
  return rotateRows(src, rotationPlan(side, degrees))
}
