/**
 * LogME (You, Liu, Wang & Long, "LogME: Practical assessment of pre-trained models for transfer
 * learning", ICML 2021): the log marginal evidence, per sample, of a Bayesian linear model on
 * the features, averaged over the one-hot columns of the labels.
 *
 * For one class column y ∈ {0,1}ⁿ and features F (n × d, not centred — as the authors' code):
 * prior w ~ N(0, α⁻¹ I), y | F, w ~ N(F w, β⁻¹ I). With FᵀF = Σ_k s_k v_k v_kᵀ and
 * t_k = v_kᵀ Fᵀ y, the authors' fixed point (at most 11 rounds, starting α = β = 1, stop when
 * λ = α/β moves less than 1 % relative):
 *
 *   γ = Σ_k s_k / (s_k + λ),   m = Σ_k v_k t_k β / (α + β s_k),
 *   α ← γ / (‖m‖² + ε),   β ← (n − γ) / (‖y − F m‖² + ε),   ε = 1e-5,
 *
 * then the evidence per sample
 *
 *   L = [ d/2 log α + n/2 log β − ½ Σ_k log(α + β s_k) − β/2 (‖y − F m‖² + ε) − α/2 (‖m‖² + ε) − n/2 log 2π ] / n.
 *
 * In the eigenbasis ‖m‖² = Σ_k c_k², ‖y − F m‖² = yᵀy − 2 Σ_k t_k c_k + Σ_k s_k c_k², c_k = t_k β / (α + β s_k),
 * so each round costs O(d). For d > n the nonzero s_k come from the Gram matrix F Fᵀ = Σ u_k s_k u_kᵀ
 * (t_k = √s_k u_kᵀ y), and the d − rank zero eigenvalues add (d − rank) log α to the log-determinant.
 * Higher is better; values are in nats per sample, not bounded.
 */
import { gramOfRows } from './hscore'
import { DEFAULT_RCOND, keptEigenvalues, symEigProject } from './linalg'

/** LogME of `features` (row-major n × d) for labels 0 … numClasses − 1; classes absent from `labels` are skipped. */
export function logME(features: Float32Array | Float64Array, n: number, d: number, labels: Int32Array, numClasses: number): number {
  const present = [...new Set(labels)].sort((a, b) => a - b).filter((c) => c >= 0 && c < numClasses)
  const p = present.length
  if (p === 0 || n < 1) return 0
  // s (eigenvalues of FᵀF, zeros included up to d) and T (rank × p) = projections of Fᵀ Y.
  let s: Float64Array
  let T: Float64Array
  if (d <= n) {
    const Ft = new Float64Array(d * n)
    for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) Ft[j * n + r] = features[r * d + j]
    const B = new Float64Array(d * p)
    for (let r = 0; r < n; r++) {
      const q = present.indexOf(labels[r])
      if (q < 0) continue
      for (let j = 0; j < d; j++) B[j * p + q] += features[r * d + j]
    }
    const eig = symEigProject(gramOfRows(Ft, d, n), d, B, p)
    s = eig.values.map((v) => Math.max(v, 0))
    T = eig.projections
  } else {
    const F = Float64Array.from(features)
    const Y = new Float64Array(n * p)
    for (let r = 0; r < n; r++) {
      const q = present.indexOf(labels[r])
      if (q >= 0) Y[r * p + q] = 1
    }
    const eig = symEigProject(gramOfRows(F, n, d), n, Y, p)
    const keep = keptEigenvalues(eig.values, DEFAULT_RCOND)
    s = new Float64Array(d)
    T = new Float64Array(d * p)
    for (let k = 0; k < n; k++) {
      if (!keep[k] || eig.values[k] <= 0) continue
      s[k] = eig.values[k]
      const root = Math.sqrt(eig.values[k])
      for (let q = 0; q < p; q++) T[k * p + q] = root * eig.projections[k * p + q]
    }
  }
  let total = 0
  for (let q = 0; q < p; q++) {
    let yy = 0
    for (let r = 0; r < n; r++) if (labels[r] === present[q]) yy++
    const t = new Float64Array(s.length)
    for (let k = 0; k < s.length; k++) t[k] = T[k * p + q]
    total += evidencePerSample(s, t, yy, n, d)
  }
  return total / p
}

/** The fixed point and the evidence for one target column, from s_k, t_k and yᵀy. */
function evidencePerSample(s: Float64Array, t: Float64Array, yy: number, n: number, d: number): number {
  const eps = 1e-5
  let alpha = 1
  let beta = 1
  let lam = alpha / beta
  let mm = 0
  let res = 0
  const parts = (): void => {
    mm = 0
    let cross = 0
    let fit = 0
    for (let k = 0; k < s.length; k++) {
      const c = (t[k] * beta) / (alpha + beta * s[k])
      mm += c * c
      cross += t[k] * c
      fit += s[k] * c * c
    }
    res = Math.max(yy - 2 * cross + fit, 0)
  }
  for (let it = 0; it < 11; it++) {
    let gamma = 0
    for (const v of s) gamma += v / (v + lam)
    parts()
    alpha = gamma / (mm + eps)
    beta = (n - gamma) / (res + eps)
    const next = alpha / beta
    const done = Math.abs(next - lam) / lam < 0.01
    lam = next
    if (done) break
  }
  // The authors evaluate the evidence with the last round's m and residual (computed before
  // the final α, β update), so do the same.
  let logDet = 0
  for (const v of s) logDet += Math.log(alpha + beta * v)
  const ev =
    (d / 2) * Math.log(alpha) +
    (n / 2) * Math.log(beta) -
    0.5 * logDet -
    (beta / 2) * (res + eps) -
    (alpha / 2) * (mm + eps) -
    (n / 2) * Math.log(2 * Math.PI)
  return ev / n
}
