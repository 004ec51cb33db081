/**
 * Shrinkage-regularised H-score (Ibrahim, Ponomareva & Mazumder, "Newer is not always better:
 * rethinking transferability metrics, their peculiarities, stability and performance", 2022).
 * The plain H-score inverts the sample covariance of the features; with many near-collinear
 * features (ReLU penultimate layers) that inverse is dominated by tiny eigenvalues and the score
 * saturates near C − 1. Shrinking the covariance toward a multiple of the identity fixes that:
 *
 *   Σ_α = (1 − α) Σ_f + α σ I,   σ = tr(Σ_f) / d,
 *   H_α = tr( Σ_α⁻¹ · (1 − α) cov(E[f | y]) ),
 *
 * with α the Ledoit–Wolf estimate (scikit-learn's `ledoit_wolf_shrinkage` on the centred
 * features). In the eigenbasis of S = Σ_i (f_i − μ)(f_i − μ)ᵀ = Σ λ_k v_k v_kᵀ (the 1/(n − 1)
 * factors cancel), with w_k = Σ_c n_c (v_kᵀ (μ_c − μ))²:
 *
 *   H_α = Σ_k (1 − α) w_k / ((1 − α) λ_k + α tr(S)/d).
 *
 * At α = 0 the sum runs over the eigenvalues kept by the plain H-score's pinv cut-off, so
 * H_0 = H exactly. Both covariances use the same 1/(n − 1) (the authors mix scikit-learn's 1/n
 * with numpy's 1/(n − 1), a factor n/(n − 1) that only matters for tiny n).
 *
 * Ledoit–Wolf (Ledoit & Wolf 2004, as scikit-learn writes it), X the centred n × d features,
 * E = XᵀX / n, μ = tr(E)/d:
 *
 *   δ = (‖E‖²_F − 2 μ tr(E) + d μ²) / d,   β = (Σ_i ‖x_i‖⁴ / n − ‖E‖²_F) / (n d),
 *   α = min(β, δ) / δ   (0 when β = 0).
 *
 * ‖E‖²_F = Σ_k λ_k² / n², read off the same eigenvalues.
 */
import { hScoreSpectrum, type HScoreSpectrum } from './hscore'

/** Shrinkage H-score; `alpha` fixes the shrinkage (0 = plain H-score), otherwise Ledoit–Wolf. */
export function shrinkageHScore(
  features: Float32Array | Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  numClasses?: number,
  alpha?: number
): { score: number; alpha: number } {
  return shrinkageFromSpectrum(hScoreSpectrum(features, n, d, labels, numClasses), n, d, alpha)
}

/** H_α from a spectrum already computed for the plain H-score (no second eigendecomposition). */
export function shrinkageFromSpectrum(sp: HScoreSpectrum, n: number, d: number, alpha?: number): { score: number; alpha: number } {
  if (sp.classes < 2) return { score: 0, alpha: alpha ?? 0 }
  const a = alpha ?? ledoitWolfAlpha(sp, n, d)
  const target = (a * sp.traceS) / d
  let h = 0
  for (let k = 0; k < sp.values.length; k++) {
    if (a === 0 && !sp.keep[k]) continue
    // Eigenvalues a hair below zero are round-off of exact zeros; their weight is ~0 as well.
    const lam = Math.max(sp.values[k], 0)
    h += ((1 - a) * sp.weights[k]) / ((1 - a) * lam + target)
  }
  return { score: h, alpha: a }
}

/** scikit-learn's Ledoit–Wolf shrinkage of the centred features, from the spectrum of S. */
export function ledoitWolfAlpha(sp: Pick<HScoreSpectrum, 'values' | 'traceS' | 'rowNorm4'>, n: number, d: number): number {
  let sumSq = 0
  for (const l of sp.values) sumSq += l * l
  const trE = sp.traceS / n
  const mu = trE / d
  const frobE = sumSq / (n * n)
  const beta = (sp.rowNorm4 / n - frobE) / (n * d)
  const delta = (frobE - 2 * mu * trE + d * mu * mu) / d
  const b = Math.min(beta, delta)
  return b <= 0 || delta <= 0 ? 0 : b / delta
}
