import { gaussian, mulberry32, shuffleInPlace } from '../common/random'

/**
 * Derived seeds: every random draw of the engine comes from a stream keyed by (seed, purpose,
 * task, step, …), so a step's mini-batch or a task's initial embedding can be recomputed from
 * its coordinates alone — resuming a checkpoint needs no RNG stream state.
 */
export function deriveSeed(...parts: number[]): number {
  let h = 0x811c9dc5 ^ parts.length
  for (const p of parts) {
    let x = Math.floor(p) >>> 0
    for (let i = 0; i < 4; i++) {
      h ^= x & 0xff
      h = Math.imul(h, 0x01000193) >>> 0
      x >>>= 8
    }
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0
  }
  return h >>> 0
}

export function rng(...parts: number[]): () => number {
  return mulberry32(deriveSeed(...parts))
}

/** Purposes, so streams for different uses never coincide. */
export const Purpose = {
  hnetInit: 1,
  taskEmbedding: 2,
  batch: 3,
  decoderInit: 4,
  randomGuide: 5,
  hscoreRows: 6,
  regSubset: 7,
  mainInit: 8,
  fisherRows: 9,
  hembFit: 10,
  probeRows: 11
} as const

export function gaussianArray(n: number, rand: () => number, std = 1): Float32Array {
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) out[i] = gaussian(rand) * std
  return out
}

/** Fisher–Yates permutation of 0 … n−1. */
export function permutation(n: number, rand: () => number): Int32Array {
  const p = new Int32Array(n)
  for (let i = 0; i < n; i++) p[i] = i
  shuffleInPlace(p, rand)
  return p
}

/** k distinct indices of 0 … n−1 in increasing order (all of them when k ≥ n). */
export function sampleIndices(n: number, k: number, rand: () => number): Int32Array {
  if (k >= n) return Int32Array.from({ length: n }, (_, i) => i)
  return permutation(n, rand)
    .slice(0, k)
    .sort((a, b) => a - b)
}
