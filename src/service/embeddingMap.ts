import { symEig } from '../engine/linalg'

/**
 * Classical multidimensional scaling to 2-D: with D the matrix of Euclidean distances between
 * the points, B = −½ J D⁽²⁾ J (J = I − 11ᵀ/n) and the coordinates are the two leading
 * eigenvectors of B scaled by √λ. For Euclidean points this equals PCA of the centred points,
 * and it keeps the distances the H-embedding was fitted to as faithfully as 2-D allows.
 */
export function classicalMds(points: Float32Array[]): Array<[number, number]> {
  const n = points.length
  if (n === 0) return []
  if (n === 1) return [[0, 0]]
  const d2 = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0
      for (let k = 0; k < points[i].length; k++) s += (points[i][k] - points[j][k]) ** 2
      d2[i * n + j] = d2[j * n + i] = s
    }
  }
  const rowMean = new Float64Array(n)
  let all = 0
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) rowMean[i] += d2[i * n + j] / n
    all += rowMean[i] / n
  }
  const B = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) B[i * n + j] = -0.5 * (d2[i * n + j] - rowMean[i] - rowMean[j] + all)
  const { values, vectors } = symEig(B, n)
  // Eigenvalues ascend: the last two are the leading ones.
  const axis = (k: number): number[] => {
    const scale = Math.sqrt(Math.max(values[k], 0))
    return Array.from(vectors.subarray(k * n, (k + 1) * n), (v) => v * scale)
  }
  const x = axis(n - 1)
  const y = n > 2 ? axis(n - 2) : new Array<number>(n).fill(0)
  return x.map((xi, i) => [xi, y[i]])
}
