/**
 * H-embedding (Wu et al., arXiv 2502.11609): the new task's guide embedding ê is placed so that
 * its Euclidean distances to the learned task embeddings e_j follow the transferability H_j of
 * each learned task to the new one — high H-score, small distance:
 *
 *   1. H_j → target distances d_j ({@link distanceTargets});
 *   2. fit ê and a scale s > 0 on  L(ê, s) = Σ_j | s·d_j − ‖ê − e_j‖₂ |  ({@link fitHEmbedding}).
 *
 * Pure float64 JavaScript: t previous tasks × an embedding of tens of floats is far too small for
 * a tensor backend to pay off, and plain JS makes the fit bit-for-bit reproducible everywhere.
 */
import { KeizokuError } from '../shared/errors'
import { gaussian, mulberry32 } from '../common/random'

/** How H-scores become target distances; see {@link distanceTargets}. */
export type DistanceMap = 'direct' | 'reciprocal' | 'ahp'

export const DISTANCE_MAPS: readonly DistanceMap[] = ['direct', 'reciprocal', 'ahp']

/** H-scores within this of zero on the negative side are rounding noise and read as 0. */
const NEGATIVE_TOLERANCE = 1e-9

/**
 * Target distances d_j from the H-scores H_j (j < t) of the learned tasks on the new task's data.
 * ε (default 0.1, the authors' `emb_epsilon`) keeps every distance positive and finite.
 *
 * - `direct` (the authors' default `emb_mode`):  d_j = H_max + H_min + ε − H_j.
 *   A linear flip: the most transferable task gets H_min + ε, the least H_max + ε.
 * - `reciprocal`:  d_j = 1 / (H_j + ε).
 *   (The authors' code uses 1 / (H_j − H_min + ε), which puts the least transferable task at
 *   exactly 1/ε = 10 whatever the scores; we keep the unshifted form, which depends on the
 *   ratios of the scores only.)
 * - `ahp` (the paper's Analytic Hierarchy Process normalisation): the scores are first compared
 *   pairwise on Saaty's 1–9 scale, the classic AHP construction from measured values,
 *
 *     a_ij = 1 + 8 · (H_i − H_j) / (H_max − H_min)   for H_i ≥ H_j,   a_ji = 1 / a_ij
 *
 *   (all a_ij = 1 when every score is equal), so "most vs least transferable" is 9 : 1 whatever
 *   the absolute size of the scores — the normalisation makes rows of tasks with very different
 *   H-score ranges comparable. The priority vector w is A's principal (Perron) eigenvector,
 *   normalised to Σ w = 1 ({@link ahpPriorities}). Priorities become distances by the flip of
 *   `direct`, rescaled to mean 1:
 *
 *     r_j = w_max + w_min − w_j,   d_j = r_j / mean_k r_k.
 *
 *   ε is not used by this map. Why not the exact ratio matrix A_ij = (H_i + ε)/(H_j + ε)? It is
 *   consistent, so its priority vector is w_j ∝ H_j + ε and the flip gives r_j ∝ H_max + H_min + ε − H_j:
 *   exactly `direct` up to a factor, which the fitted scale s absorbs — the same embedding.
 *
 * Errors name the offending index: an empty list, a non-finite score, a negative score (below
 * −1e-9; H-scores are ≥ 0), or ε < 0 / a zero denominator.
 */
export function distanceTargets(h: number[], map: DistanceMap, eps = 0.1): number[] {
  const H = checkScores(h, eps)
  if (map === 'direct') {
    const max = Math.max(...H)
    const min = Math.min(...H)
    return H.map((v) => max + min + eps - v)
  }
  if (map === 'reciprocal') {
    return H.map((v, j) => {
      if (v + eps <= 0) {
        throw new KeizokuError(
          'invalid_argument',
          `reciprocal distance map: H[${j}] + ε = 0, so 1/(H + ε) is undefined.`,
          {
            hint: 'Use ε > 0 (default 0.1).'
          }
        )
      }
      return 1 / (v + eps)
    })
  }
  if (map === 'ahp') {
    const w = ahpPriorities(H)
    const max = Math.max(...w)
    const min = Math.min(...w)
    const r = w.map((v) => max + min - v)
    const mean = r.reduce((a, b) => a + b, 0) / r.length
    return r.map((v) => v / mean)
  }
  throw new KeizokuError(
    'invalid_argument',
    `Unknown distance map "${String(map)}"; use one of ${DISTANCE_MAPS.join(', ')}.`
  )
}

/** A on Saaty's 1–9 scale from the scores, row-major t × t (see {@link distanceTargets}). */
export function ahpMatrix(h: number[]): number[][] {
  const H = checkScores(h, 0)
  const max = Math.max(...H)
  const range = max - Math.min(...H)
  return H.map((hi) =>
    H.map((hj) => {
      if (range === 0) return 1
      const a = 1 + (8 * Math.abs(hi - hj)) / range
      return hi >= hj ? a : 1 / a
    })
  )
}

/**
 * AHP priorities: the principal eigenvector w of {@link ahpMatrix} (A > 0, so by Perron–Frobenius
 * it is unique and positive), normalised to Σ w = 1. Power iteration w ← A w / Σ(A w) from the
 * uniform vector until max |Δw| ≤ 1e-13 (at most 10,000 steps; A's dominant eigenvalue is well
 * separated in practice, convergence takes tens of steps). Deterministic.
 */
export function ahpPriorities(h: number[]): number[] {
  const A = ahpMatrix(h)
  const t = A.length
  let w = new Array<number>(t).fill(1 / t)
  for (let iter = 0; iter < 10_000; iter++) {
    const next = A.map((row) => row.reduce((s, a, j) => s + a * w[j], 0))
    const total = next.reduce((a, b) => a + b, 0)
    for (let i = 0; i < t; i++) next[i] /= total
    const change = Math.max(...next.map((v, i) => Math.abs(v - w[i])))
    w = next
    if (change <= 1e-13) break
  }
  return w
}

function checkScores(h: number[], eps: number): number[] {
  if (!Array.isArray(h) || h.length === 0) {
    throw new KeizokuError('invalid_argument', 'Distance targets need at least one H-score (one learned task).')
  }
  if (!Number.isFinite(eps) || eps < 0) {
    throw new KeizokuError('invalid_argument', `ε must be a finite number ≥ 0, got ${eps}.`)
  }
  return h.map((v, j) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new KeizokuError('invalid_argument', `H-score ${j} is ${String(v)}; H-scores must be finite numbers.`)
    }
    if (v < -NEGATIVE_TOLERANCE) {
      throw new KeizokuError('invalid_argument', `H-score ${j} is ${v}; H-scores are ≥ 0 (trace of a PSD product).`)
    }
    return Math.max(v, 0)
  })
}

export interface HEmbeddingFitOptions {
  /** Adam steps; default 2000 (the authors' `emb_num_iter`). */
  steps?: number
  /** Adam learning rate; default 1e-3 (the authors' `emb_lr`). */
  lr?: number
  /** Seeds the initial noise; the same seed and inputs give the same result bit for bit. */
  seed: number
  /** Start point for ê; default mean of the previous embeddings plus small seeded noise. */
  init?: Float32Array
}

export interface HEmbeddingFit {
  embedding: Float32Array
  /** s > 0 in s·d_j ≈ ‖ê − e_j‖. */
  scale: number
  /** L = Σ_j |s·d_j − ‖ê − e_j‖| at the returned (float32-rounded) embedding. */
  loss: number
}

const BETA1 = 0.9
const BETA2 = 0.999
const ADAM_EPS = 1e-8
/** Initial noise, relative to the RMS distance of the previous embeddings from their mean. */
const INIT_NOISE = 0.01

/**
 * Fits the H-embedding ê and scale s by Adam (β1 0.9, β2 0.999, ε 1e-8) on
 *
 *   L(ê, s) = Σ_j | s·d_j − ‖ê − e_j‖₂ |,
 *   ∂L/∂ê = Σ_j sign(s·d_j − r_j) · (e_j − ê)/r_j,   ∂L/∂s = Σ_j sign(s·d_j − r_j) · d_j,   r_j = ‖ê − e_j‖.
 *
 * Defaults follow the authors (2000 steps, lr 1e-3). Choices that differ from their code, and why:
 * - s = exp(σ) is optimised through σ, so s stays > 0 (their raw s could cross 0 and flip the
 *   meaning of the distances).
 * - Start: ê₀ = mean_j e_j + noise (their code: uniform [0, 1)), which is already among the
 *   embeddings; s₀ = Σ_j ‖ê₀ − e_j‖ / Σ_j d_j, the scale at which the initial residuals sum to zero
 *   (theirs: s = 1). With N(0, 1) task embeddings of size 32 the distances are ≈ 8 while targets are
 *   ≈ 1–3, so s = 1 would spend most of a 2000 × 1e-3 Adam budget on the scale alone.
 * - With one previous task the scale is not identifiable; like the authors we keep s fixed then.
 * - The iterate with the lowest loss is returned (Adam on an L1 loss keeps oscillating with an
 *   amplitude of about lr around the optimum; the best iterate is deterministic too).
 */
export function fitHEmbedding(prev: Float32Array[], distances: number[], opts: HEmbeddingFitOptions): HEmbeddingFit {
  const { D, t } = checkFitInputs(prev, distances, opts)
  const steps = opts.steps ?? 2000
  const lr = opts.lr ?? 1e-3
  const E = prev.map((e) => Float64Array.from(e))
  const dist = Float64Array.from(distances)

  // ê₀
  const x = new Float64Array(D)
  if (opts.init) {
    x.set(opts.init)
  } else {
    for (const e of E) for (let i = 0; i < D; i++) x[i] += e[i] / t
    let spread = 0
    for (const e of E) for (let i = 0; i < D; i++) spread += (e[i] - x[i]) ** 2
    const rms = Math.sqrt(spread / t) || 1
    const rand = mulberry32(opts.seed)
    for (let i = 0; i < D; i++) x[i] += INIT_NOISE * rms * gaussian(rand)
  }
  // s₀ = exp(σ₀)
  const sumD = dist.reduce((a, b) => a + b, 0)
  let sumR = 0
  for (const e of E) sumR += norm(x, e)
  let sigma = sumD > 0 && sumR > 0 ? Math.log(sumR / sumD) : 0
  const fitScale = t > 1

  const mx = new Float64Array(D)
  const vx = new Float64Array(D)
  const gx = new Float64Array(D)
  let ms = 0
  let vs = 0
  const best = { loss: Infinity, x: Float64Array.from(x), sigma }
  for (let step = 0; step <= steps; step++) {
    const s = Math.exp(sigma)
    gx.fill(0)
    let gs = 0
    let loss = 0
    for (let j = 0; j < t; j++) {
      const e = E[j]
      const r = norm(x, e)
      const resid = s * dist[j] - r
      loss += Math.abs(resid)
      const sg = Math.sign(resid)
      if (sg === 0) continue
      gs += sg * dist[j] * s // ∂L/∂σ = ∂L/∂s · s
      if (r > 0) for (let i = 0; i < D; i++) gx[i] += (sg * (e[i] - x[i])) / r
    }
    if (loss < best.loss) {
      best.loss = loss
      best.x.set(x)
      best.sigma = sigma
    }
    if (step === steps) break
    const k = step + 1
    const c1 = 1 - BETA1 ** k
    const c2 = 1 - BETA2 ** k
    for (let i = 0; i < D; i++) {
      mx[i] = BETA1 * mx[i] + (1 - BETA1) * gx[i]
      vx[i] = BETA2 * vx[i] + (1 - BETA2) * gx[i] * gx[i]
      x[i] -= (lr * (mx[i] / c1)) / (Math.sqrt(vx[i] / c2) + ADAM_EPS)
    }
    if (fitScale) {
      ms = BETA1 * ms + (1 - BETA1) * gs
      vs = BETA2 * vs + (1 - BETA2) * gs * gs
      sigma -= (lr * (ms / c1)) / (Math.sqrt(vs / c2) + ADAM_EPS)
    }
  }

  const embedding = Float32Array.from(best.x)
  const scale = Math.exp(best.sigma)
  const e64 = Float64Array.from(embedding)
  let loss = 0
  for (let j = 0; j < t; j++) loss += Math.abs(scale * dist[j] - norm(e64, E[j]))
  return { embedding, scale, loss }
}

function norm(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2
  return Math.sqrt(s)
}

function checkFitInputs(
  prev: Float32Array[],
  distances: number[],
  opts: HEmbeddingFitOptions
): { D: number; t: number } {
  const t = prev.length
  if (t === 0) {
    throw new KeizokuError('invalid_argument', 'H-embedding fit needs at least one previous task embedding.')
  }
  const D = prev[0].length
  if (D === 0) throw new KeizokuError('invalid_argument', 'H-embedding fit: task embeddings must not be empty.')
  prev.forEach((e, j) => {
    if (e.length !== D) {
      throw new KeizokuError(
        'invalid_argument',
        `H-embedding fit: embedding ${j} has ${e.length} values, embedding 0 has ${D}; all must match.`
      )
    }
    const bad = e.findIndex((v) => !Number.isFinite(v))
    if (bad >= 0)
      throw new KeizokuError('invalid_argument', `H-embedding fit: embedding ${j} has ${e[bad]} at index ${bad}.`)
  })
  if (distances.length !== t) {
    throw new KeizokuError(
      'invalid_argument',
      `H-embedding fit: ${distances.length} distances for ${t} previous embeddings; they must match one to one.`
    )
  }
  distances.forEach((v, j) => {
    if (!Number.isFinite(v) || v < 0) {
      throw new KeizokuError(
        'invalid_argument',
        `H-embedding fit: distance ${j} is ${v}; distances must be finite and ≥ 0.`
      )
    }
  })
  const steps = opts.steps ?? 2000
  if (!Number.isInteger(steps) || steps < 0) {
    throw new KeizokuError('invalid_argument', `H-embedding fit: steps must be a whole number ≥ 0, got ${steps}.`)
  }
  const lr = opts.lr ?? 1e-3
  if (!Number.isFinite(lr) || lr <= 0) {
    throw new KeizokuError('invalid_argument', `H-embedding fit: lr must be a finite number > 0, got ${lr}.`)
  }
  if (!Number.isFinite(opts.seed)) {
    throw new KeizokuError('invalid_argument', `H-embedding fit: seed must be a finite number, got ${opts.seed}.`)
  }
  if (opts.init && (opts.init.length !== D || opts.init.some((v) => !Number.isFinite(v)))) {
    throw new KeizokuError(
      'invalid_argument',
      `H-embedding fit: init must hold ${D} finite values like the embeddings.`
    )
  }
  return { D, t }
}
