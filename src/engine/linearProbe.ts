/**
 * Linear probe: the transfer an earlier task's features actually give a new task. Softmax
 * regression on frozen features f (standardised with the training rows' mean and standard
 * deviation), trained on the new task's training rows, scored on its holdout:
 *
 *   min_{W, b}  (1/n) Σ_i −log softmax(W ᵀ z_i + b)_{y_i} + (λ/2) ‖W‖²_F,   z = (f − μ) / σ,
 *
 * λ = 1e-3, W starting at 0 (the problem is convex, so the start only sets the path), full-batch
 * Adam (lr 0.05, β 0.9/0.999) for 300 steps. Deterministic: no sampling, float64 throughout.
 * Returns the holdout accuracy (the measured transfer) and the holdout mean log-likelihood.
 */
export interface ProbeResult {
  accuracy: number
  logLikelihood: number
}

export interface ProbeOptions {
  steps?: number
  lr?: number
  l2?: number
}

export function linearProbe(
  train: { f: Float32Array | Float64Array; y: Int32Array; n: number },
  test: { f: Float32Array | Float64Array; y: Int32Array; n: number },
  d: number,
  numClasses: number,
  opts: ProbeOptions = {}
): ProbeResult {
  const steps = opts.steps ?? 300
  const lr = opts.lr ?? 0.05
  const l2 = opts.l2 ?? 1e-3
  const C = numClasses
  const { mu, sd } = standardisation(train.f, train.n, d)
  const zTrain = standardise(train.f, train.n, d, mu, sd)
  const zTest = standardise(test.f, test.n, d, mu, sd)
  const P = C * d + C // W row-major C × d (class c's weights contiguous), then b
  const w = new Float64Array(P)
  const m1 = new Float64Array(P)
  const m2 = new Float64Array(P)
  const g = new Float64Array(P)
  const logits = new Float64Array(C)
  for (let s = 1; s <= steps; s++) {
    g.fill(0)
    for (let i = 0; i < train.n; i++) {
      softmaxInto(zTrain, i, d, C, w, logits)
      logits[train.y[i]] -= 1 // ∂CE/∂logit = p − onehot
      const o = i * d
      for (let c = 0; c < C; c++) {
        const r = logits[c]
        const gc = c * d
        for (let j = 0; j < d; j++) g[gc + j] += r * zTrain[o + j]
        g[C * d + c] += r
      }
    }
    const b1 = 1 - 0.9 ** s
    const b2 = 1 - 0.999 ** s
    for (let k = 0; k < P; k++) {
      const gk = g[k] / train.n + (k < C * d ? l2 * w[k] : 0)
      m1[k] = 0.9 * m1[k] + 0.1 * gk
      m2[k] = 0.999 * m2[k] + 0.001 * gk * gk
      w[k] -= (lr * (m1[k] / b1)) / (Math.sqrt(m2[k] / b2) + 1e-8)
    }
  }
  let correct = 0
  let ll = 0
  for (let i = 0; i < test.n; i++) {
    softmaxInto(zTest, i, d, C, w, logits)
    let best = 0
    for (let c = 1; c < C; c++) if (logits[c] > logits[best]) best = c
    if (best === test.y[i]) correct++
    ll += Math.log(Math.max(logits[test.y[i]], 1e-300))
  }
  return { accuracy: test.n ? correct / test.n : 0, logLikelihood: test.n ? ll / test.n : 0 }
}

/** Class probabilities of row i into `out` (numerically stable softmax). */
function softmaxInto(z: Float64Array, i: number, d: number, C: number, w: Float64Array, out: Float64Array): void {
  const o = i * d
  for (let c = 0; c < C; c++) {
    let s = w[C * d + c]
    const wc = c * d
    for (let j = 0; j < d; j++) s += z[o + j] * w[wc + j]
    out[c] = s
  }
  let max = -Infinity
  for (let c = 0; c < C; c++) if (out[c] > max) max = out[c]
  let sum = 0
  for (let c = 0; c < C; c++) {
    out[c] = Math.exp(out[c] - max)
    sum += out[c]
  }
  for (let c = 0; c < C; c++) out[c] /= sum
}

/** Column means and standard deviations (1/n); a constant column gets σ = 1 so it stays 0. */
function standardisation(f: Float32Array | Float64Array, n: number, d: number): { mu: Float64Array; sd: Float64Array } {
  const mu = new Float64Array(d)
  const sd = new Float64Array(d)
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j] += f[i * d + j] / n
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sd[j] += (f[i * d + j] - mu[j]) ** 2 / n
  for (let j = 0; j < d; j++) sd[j] = sd[j] > 1e-12 ? Math.sqrt(sd[j]) : 1
  return { mu, sd }
}

function standardise(f: Float32Array | Float64Array, n: number, d: number, mu: Float64Array, sd: Float64Array): Float64Array {
  const z = new Float64Array(n * d)
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) z[i * d + j] = (f[i * d + j] - mu[j]) / sd[j]
  return z
}
