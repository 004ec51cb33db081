import { describe, expect, it } from 'vitest'
import { keptEigenvalues, pinvSym, symEig, symEigProject } from '../../src/engine/linalg'
import { gaussian, mulberry32 } from '../../src/common/random'
import { KeizokuError } from '../../src/shared/errors'

function randomSymmetric(d: number, seed: number): Float64Array {
  const rand = mulberry32(seed)
  const B = Float64Array.from({ length: d * d }, () => gaussian(rand))
  const A = new Float64Array(d * d)
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) A[i * d + j] = B[i * d + j] + B[j * d + i]
  return A
}

/** max |A v_k − λ_k v_k| and max |V Vᵀ − I|. */
function residuals(A: Float64Array, d: number, values: Float64Array, vectors: Float64Array): [number, number] {
  let res = 0
  let orth = 0
  for (let k = 0; k < d; k++) {
    for (let i = 0; i < d; i++) {
      let s = 0
      for (let j = 0; j < d; j++) s += A[i * d + j] * vectors[k * d + j]
      res = Math.max(res, Math.abs(s - values[k] * vectors[k * d + i]))
    }
    for (let l = 0; l < d; l++) {
      let s = 0
      for (let j = 0; j < d; j++) s += vectors[k * d + j] * vectors[l * d + j]
      orth = Math.max(orth, Math.abs(s - (k === l ? 1 : 0)))
    }
  }
  return [res, orth]
}

function matMul(A: Float64Array, B: Float64Array, d: number): Float64Array {
  const C = new Float64Array(d * d)
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++) for (let j = 0; j < d; j++) C[i * d + j] += A[i * d + k] * B[k * d + j]
  return C
}

describe('symEig', () => {
  it('decomposes random symmetric matrices: A v = λ v, V orthonormal, λ ascending', () => {
    for (const d of [1, 2, 3, 7, 40]) {
      const A = randomSymmetric(d, d)
      const { values, vectors } = symEig(A, d)
      const [res, orth] = residuals(A, d, values, vectors)
      expect(res).toBeLessThan(1e-12 * d)
      expect(orth).toBeLessThan(1e-12 * d)
      for (let k = 1; k < d; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1])
      // trace = Σλ
      let tr = 0
      for (let i = 0; i < d; i++) tr += A[i * d + i]
      expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(tr, 10)
    }
  })

  it('handles diagonal, repeated-eigenvalue and zero matrices exactly', () => {
    const diag = Float64Array.from([3, 0, 0, 0, -1, 0, 0, 0, 2])
    expect(Array.from(symEig(diag, 3).values)).toEqual([-1, 2, 3])
    const I = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1])
    const eI = symEig(I, 3)
    expect(Array.from(eI.values)).toEqual([1, 1, 1])
    expect(residuals(I, 3, eI.values, eI.vectors)[1]).toBeLessThan(1e-15)
    const Z = new Float64Array(16)
    expect(Array.from(symEig(Z, 4).values)).toEqual([0, 0, 0, 0])
    // rank one: u uᵀ has eigenvalues 0, 0, ‖u‖²
    const u = [1, 2, 2]
    const R = Float64Array.from({ length: 9 }, (_, i) => u[Math.floor(i / 3)] * u[i % 3])
    const v = symEig(R, 3).values
    expect(v[2]).toBeCloseTo(9, 12)
    expect(Math.abs(v[0])).toBeLessThan(1e-14)
    expect(Math.abs(v[1])).toBeLessThan(1e-14)
  })

  it('rejects wrong sizes and non-finite entries with the position', () => {
    expect(() => symEig(new Float64Array(5), 2)).toThrow(/2×2 matrix \(4 values\), got 5/)
    expect(() => symEig(Float64Array.from([1, NaN, NaN, 1]), 2)).toThrow(/entry \(0, 1\) is NaN/)
    expect(() => symEig(new Float64Array(0), 0)).toThrow(KeizokuError)
  })
})

describe('symEigProject', () => {
  it('gives the eigenvalues of symEig and Vᵀ B without forming V', () => {
    for (const [d, c] of [
      [1, 2],
      [5, 1],
      [30, 4],
      [61, 9]
    ]) {
      const A = randomSymmetric(d, 100 + d)
      const rand = mulberry32(d)
      const B = Float64Array.from({ length: d * c }, () => gaussian(rand))
      const full = symEig(A, d)
      const proj = symEigProject(A, d, B, c)
      for (let k = 0; k < d; k++) {
        expect(proj.values[k]).toBeCloseTo(full.values[k], 11)
        for (let q = 0; q < c; q++) {
          let s = 0
          for (let j = 0; j < d; j++) s += full.vectors[k * d + j] * B[j * c + q]
          // eigenvectors are unique up to sign; the projections' magnitudes are not
          expect(Math.abs(proj.projections[k * c + q])).toBeCloseTo(Math.abs(s), 10)
        }
      }
    }
  })
})

describe('pinvSym', () => {
  it('is the inverse of an invertible matrix', () => {
    const d = 12
    const A = randomSymmetric(d, 5)
    const P = pinvSym(A, d)
    const I = matMul(A, P, d)
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) expect(I[i * d + j]).toBeCloseTo(i === j ? 1 : 0, 9)
  })

  it('satisfies the Penrose conditions on a singular PSD matrix (A P A = A, P A P = P)', () => {
    // A = X Xᵀ with X 6 × 3: rank 3
    const d = 6
    const rand = mulberry32(9)
    const X = Float64Array.from({ length: d * 3 }, () => gaussian(rand))
    const A = new Float64Array(d * d)
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) for (let k = 0; k < 3; k++) A[i * d + j] += X[i * 3 + k] * X[j * 3 + k]
    const P = pinvSym(A, d)
    const APA = matMul(matMul(A, P, d), A, d)
    const PAP = matMul(matMul(P, A, d), P, d)
    for (let i = 0; i < d * d; i++) {
      expect(APA[i]).toBeCloseTo(A[i], 9)
      expect(PAP[i]).toBeCloseTo(P[i], 9)
    }
  })

  it('drops eigenvalues with |λ| ≤ rcond · max|λ| (numpy rule) and keeps the sign of negative ones', () => {
    const A = Float64Array.from([4, 0, 0, 0, -2, 0, 0, 0, 1e-12])
    expect(Array.from(pinvSym(A, 3))).toEqual([0.25, 0, 0, 0, -0.5, 0, 0, 0, 0])
    // with a looser cut-off the 1e-12 direction is kept
    expect(pinvSym(A, 3, 1e-14)[8]).toBeCloseTo(1e12, 0)
    expect(keptEigenvalues(Float64Array.from([0, 0]))).toEqual([false, false])
    expect(Array.from(pinvSym(new Float64Array(4), 2))).toEqual([0, 0, 0, 0])
    expect(() => keptEigenvalues(Float64Array.from([1]), -1)).toThrow(/rcond/)
  })
})
