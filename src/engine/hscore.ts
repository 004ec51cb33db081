/**
 * H-score transferability (Bao et al., ICIP 2019), the quantity the H-embedding is built from
 * (Wu et al., arXiv 2502.11609, eq. for H(f, y)):
 *
 *   H(f, y) = tr( pinv(cov f) · cov(E[f | y]) )
 *
 * f: n × d features (row i = sample i), y: class labels. cov X = (1/(n−1)) Σ_i (x_i − x̄)(x_i − x̄)ᵀ.
 * E[f | y] is the n × d matrix whose row i is the mean feature of sample i's class, so
 *
 *   cov(E[f|y]) = (1/(n−1)) Σ_c n_c (μ_c − μ)(μ_c − μ)ᵀ = (1/(n−1)) M Mᵀ,  m_c = √n_c (μ_c − μ).
 *
 * pinv is taken through a symmetric eigendecomposition with numpy's relative cut-off
 * (eigenvalues with |λ| ≤ rcond · max|λ| are dropped, rcond = 1e-10 — see {@link keptEigenvalues}),
 * which is exactly how the reference values in `tests/engine/fixtures/hscore-reference.json` were computed. (The
 * authors' code passes rcond = 1e-15, which sits at float64 round-off: eigenvalues of exactly
 * singular directions come out around 1e-16 · max|λ| and may or may not survive it. 1e-10 drops
 * them reliably and changes nothing for a well-conditioned covariance.) With
 * cov f = V Λ Vᵀ the whole score is a sum over the kept eigenpairs, and the (n−1) factors cancel:
 *
 *   H = Σ_{k kept} Σ_c (v_kᵀ m_c)² / λ_k,     λ_k eigenvalues of S = Σ_i (f_i − μ)(f_i − μ)ᵀ.
 *
 * Range: 0 ≤ H ≤ min(C − 1, rank cov f); C − 1 when the features determine the class.
 *
 * How it is computed, and why not on the tfjs backend: everything is float64 JavaScript.
 * The covariance S is a cache-blocked product of the centred, feature-major data (4 × 4
 * register tiles over contiguous columns), then one tridiagonalisation + QL that never forms
 * the eigenvectors ({@link symEigProject}). A float32 covariance on the backend would be faster
 * for big n·d², but it turns exact zero eigenvalues (constant or duplicated features — common
 * in ReLU features) into noise around 1e-7 · max|λ|, far above the 1e-10 cut-off, and pinv then
 * amplifies that noise into a wrong score. float64 keeps the rank-deficient reference cases
 * exact, and gives the same number on every backend. Measured (bench/hscore.ts): n = 1,000,
 * d = 100 in a few milliseconds.
 *
 * When d > n, cov f has rank ≤ n − 1 and its nonzero eigenvalues are those of the n × n Gram
 * matrix K = X_c X_cᵀ (X_c the centred features). With K = Σ_k λ_k u_k u_kᵀ, v_k = X_cᵀ u_k / √λ_k,
 * so v_kᵀ m_c = u_kᵀ (X_c m_c) / √λ_k and
 *
 *   H = Σ_{k kept} Σ_c (u_kᵀ X_c m_c)² / λ_k²,
 *
 * the same number at O(n² d + n³) instead of O(n d² + d³). The cut-off is unchanged because the
 * largest eigenvalue is the same.
 */
import { KeizokuError } from '../shared/errors'
import { say } from '../shared/messages'
import { DEFAULT_RCOND, keptEigenvalues, symEigProject } from './linalg'

/**
 * H-score of `features` (row-major n × d) for integer `labels` (length n, 0 … numClasses − 1).
 *
 * - `numClasses`, when given, bounds the labels (a label ≥ numClasses is an error); when
 *   omitted, any label ≥ 0 is accepted. Absent classes are simply not in the sum.
 * - Fewer than two classes present → 0. This is the formula's own value, not a special case:
 *   with one class E[f|y] is the overall mean for every sample, so cov(E[f|y]) = 0 and the trace
 *   is 0. It is returned before any eigen work.
 * - Errors (KeizokuError 'invalid_argument'): n < 2 (the n − 1 denominator), a size mismatch,
 *   a NaN/±Infinity feature (names the row and column), a label that is not a whole number in
 *   range (names the row).
 */
export function hScore(
  features: Float32Array | Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  numClasses?: number
): number {
  return hScoreFromSpectrum(hScoreSpectrum(features, n, d, labels, numClasses))
}

/** H = Σ_{k kept} w_k / λ_k. */
export function hScoreFromSpectrum(sp: HScoreSpectrum): number {
  let h = 0
  for (let k = 0; k < sp.values.length; k++) if (sp.keep[k]) h += sp.weights[k] / sp.values[k]
  return h
}

/**
 * The spectral pieces every H-score variant is a sum over: eigenvalues λ_k of S = X_cᵀ X_c (or of
 * the Gram matrix K = X_c X_cᵀ when d > n — the same nonzero values) and the class-mean weight of
 * each eigendirection, w_k = Σ_c (v_kᵀ m_c)², so that H = Σ_{k kept} w_k / λ_k. On the Gram
 * route v_k = X_cᵀ u_k / √λ_k gives w_k = Σ_c (u_kᵀ X_c m_c)² / λ_k. Directions outside the span
 * of the data have w_k = 0 (every m_c lies in the row space of X_c), so they add nothing to any
 * variant. Also returned for the Ledoit–Wolf shrinkage estimate: tr S and Σ_i ‖x_i − μ‖⁴.
 * `values` is empty (and `classes` < 2) when fewer than two classes are present.
 */
export interface HScoreSpectrum {
  values: Float64Array
  weights: Float64Array
  keep: boolean[]
  traceS: number
  rowNorm4: number
  classes: number
}

export function hScoreSpectrum(
  features: Float32Array | Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  numClasses?: number
): HScoreSpectrum {
  validate(features, n, d, labels, numClasses)
  const C = numClasses ?? maxLabel(labels) + 1

  // Means: overall μ and per class μ_c (float64 accumulation).
  const counts = new Float64Array(C)
  const classSum = new Float64Array(C * d)
  const mu = new Float64Array(d)
  for (let r = 0; r < n; r++) {
    const c = labels[r]
    counts[c]++
    const o = r * d
    const oc = c * d
    for (let j = 0; j < d; j++) {
      const v = features[o + j]
      mu[j] += v
      classSum[oc + j] += v
    }
  }
  for (let j = 0; j < d; j++) mu[j] /= n
  const present: number[] = []
  for (let c = 0; c < C; c++) if (counts[c] > 0) present.push(c)
  if (present.length < 2) {
    return {
      values: new Float64Array(0),
      weights: new Float64Array(0),
      keep: [],
      traceS: 0,
      rowNorm4: 0,
      classes: present.length
    }
  }

  // M (d × p, row-major): column q = √n_c (μ_c − μ) for the q-th present class c.
  const p = present.length
  const M = new Float64Array(d * p)
  present.forEach((c, q) => {
    const w = Math.sqrt(counts[c])
    for (let j = 0; j < d; j++) M[j * p + q] = w * (classSum[c * d + j] / counts[c] - mu[j])
  })

  // Centred data X_c. For the covariance route feature-major (d × n: column j of f minus μ_j is
  // the contiguous row j); for the Gram route sample-major (n × d).
  const Xc = new Float64Array(n * d)
  const norms = new Float64Array(n)
  for (let r = 0; r < n; r++) {
    const o = r * d
    for (let j = 0; j < d; j++) {
      const x = features[o + j] - mu[j]
      norms[r] += x * x
      if (d <= n) Xc[j * n + r] = x
      else Xc[o + j] = x
    }
  }
  let traceS = 0
  let rowNorm4 = 0
  for (let r = 0; r < n; r++) {
    traceS += norms[r]
    rowNorm4 += norms[r] * norms[r]
  }
  const sp = d <= n ? spectrumFromCovariance(Xc, n, d, M, p) : spectrumFromGram(Xc, n, d, M, p)
  return { ...sp, traceS, rowNorm4, classes: p }
}

type Spectrum = Pick<HScoreSpectrum, 'values' | 'weights' | 'keep'>

/** S = X_cᵀ X_c = V Λ Vᵀ (d × d); w_k = Σ_c (v_kᵀ m_c)². */
function spectrumFromCovariance(Xt: Float64Array, n: number, d: number, M: Float64Array, p: number): Spectrum {
  const S = gramOfRows(Xt, d, n)
  const { values, projections } = symEigProject(S, d, M, p)
  const weights = new Float64Array(d)
  for (let k = 0; k < d; k++) for (let q = 0; q < p; q++) weights[k] += projections[k * p + q] ** 2
  return { values, weights, keep: keptEigenvalues(values, DEFAULT_RCOND) }
}

/** K = X_c X_cᵀ = U Λ Uᵀ (n × n), for d > n; w_k = Σ_c (u_kᵀ X_c m_c)² / λ_k (0 where λ_k is cut). */
function spectrumFromGram(X: Float64Array, n: number, d: number, M: Float64Array, p: number): Spectrum {
  const K = gramOfRows(X, n, d)
  // Q = X_c M (n × p).
  const Q = new Float64Array(n * p)
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) {
      const x = X[r * d + j]
      if (x === 0) continue
      for (let q = 0; q < p; q++) Q[r * p + q] += x * M[j * p + q]
    }
  }
  const { values, projections } = symEigProject(K, n, Q, p)
  const keep = keptEigenvalues(values, DEFAULT_RCOND)
  const weights = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    if (!keep[k]) continue
    let s = 0
    for (let q = 0; q < p; q++) s += projections[k * p + q] ** 2
    weights[k] = s / values[k]
  }
  return { values, weights, keep }
}

/**
 * G = A Aᵀ for A row-major (rows × len): G[i][j] = dot(row i, row j), symmetric, full matrix
 * returned. 4 × 4 register tiles: each pass over k loads 8 values and does 16 multiply-adds,
 * and every access is contiguous (≈ 1.5–2× faster than rank-1 row updates in V8).
 */
export function gramOfRows(A: Float64Array, rows: number, len: number): Float64Array {
  const G = new Float64Array(rows * rows)
  const r4 = rows - (rows % 4)
  for (let i = 0; i < r4; i += 4) {
    const a0 = i * len
    const a1 = a0 + len
    const a2 = a1 + len
    const a3 = a2 + len
    for (let j = i; j < r4; j += 4) {
      const b0 = j * len
      const b1 = b0 + len
      const b2 = b1 + len
      const b3 = b2 + len
      // prettier-ignore
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0,
        s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0
      for (let k = 0; k < len; k++) {
        const x0 = A[a0 + k]
        const x1 = A[a1 + k]
        const x2 = A[a2 + k]
        const x3 = A[a3 + k]
        const y0 = A[b0 + k]
        const y1 = A[b1 + k]
        const y2 = A[b2 + k]
        const y3 = A[b3 + k]
        s00 += x0 * y0
        s01 += x0 * y1
        s02 += x0 * y2
        s03 += x0 * y3
        s10 += x1 * y0
        s11 += x1 * y1
        s12 += x1 * y2
        s13 += x1 * y3
        s20 += x2 * y0
        s21 += x2 * y1
        s22 += x2 * y2
        s23 += x2 * y3
        s30 += x3 * y0
        s31 += x3 * y1
        s32 += x3 * y2
        s33 += x3 * y3
      }
      const tile = [s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33]
      for (let t = 0; t < 16; t++) {
        const u = i + (t >> 2)
        const v = j + (t & 3)
        G[u * rows + v] = tile[t]
        G[v * rows + u] = tile[t]
      }
    }
  }
  // Remainder rows (rows % 4): plain dot products against everything.
  for (let i = r4; i < rows; i++) {
    const a = i * len
    for (let j = 0; j <= i; j++) {
      const b = j * len
      let s = 0
      for (let k = 0; k < len; k++) s += A[a + k] * A[b + k]
      G[i * rows + j] = s
      G[j * rows + i] = s
    }
  }
  return G
}

function maxLabel(labels: Int32Array): number {
  let m = -1
  for (const v of labels) if (v > m) m = v
  return m
}

function validate(
  features: Float32Array | Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  numClasses: number | undefined
): void {
  if (!Number.isInteger(n) || n < 2) {
    throw new KeizokuError(
      'invalid_argument',
      `H-score needs at least 2 samples (covariances divide by n − 1), got n = ${n}.`,
      { say: say('engine.hscore_too_few_samples', { n }) }
    )
  }
  if (!Number.isInteger(d) || d < 1) {
    throw new KeizokuError('invalid_argument', `H-score: the feature size d must be a whole number ≥ 1, got ${d}.`)
  }
  if (features.length !== n * d) {
    throw new KeizokuError(
      'invalid_argument',
      `H-score: features hold ${features.length} values but n × d = ${n} × ${d} = ${n * d}.`,
      { hint: 'Pass the features row-major, one row of d values per sample.' }
    )
  }
  if (labels.length !== n) {
    throw new KeizokuError(
      'invalid_argument',
      `H-score: ${labels.length} labels for ${n} feature rows; they must match one to one.`
    )
  }
  if (numClasses !== undefined && (!Number.isInteger(numClasses) || numClasses < 1)) {
    throw new KeizokuError('invalid_argument', `H-score: numClasses must be a whole number ≥ 1, got ${numClasses}.`)
  }
  for (let r = 0; r < n; r++) {
    const y = labels[r]
    if (y < 0 || (numClasses !== undefined && y >= numClasses)) {
      const range = numClasses !== undefined ? `0 … ${numClasses - 1}` : '≥ 0'
      throw new KeizokuError(
        'invalid_argument',
        `H-score: label ${y} in row ${r} is out of range; labels must be ${range}.`
      )
    }
  }
  for (let i = 0; i < features.length; i++) {
    if (!Number.isFinite(features[i])) {
      throw new KeizokuError(
        'invalid_argument',
        `H-score: feature in row ${Math.floor(i / d)}, column ${i % d} is ${features[i]}; features must be finite numbers.`,
        { hint: 'A NaN or Infinity feature usually means the network diverged; check its weights and inputs.' }
      )
    }
  }
}
