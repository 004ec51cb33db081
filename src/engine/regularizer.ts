import * as tf from '@tensorflow/tfjs'
import type { ChunkedHypernet } from './hypernet'
import { matMul } from './ops'

/**
 * HNET output regulariser (von Oswald et al. 2020, eq. 2; hypercl `calc_fix_target_reg`):
 *
 *   L_reg(Θ) = (β / n) · Σ_{j ∈ S} ‖W_j* − h(e_j, Θ)‖²,   n = |S|,
 *
 * W_j* = h(e_j, Θ*) the weights generated for earlier task j with the hypernet Θ* from before
 * the current task, S the regularised earlier tasks, the squared norm summed over every
 * generated weight (each task's own head included). The caller evaluates it at Θ + ΔΘ (the
 * detached Adam look-ahead); the gradient at that point equals ∂L/∂Θ since ΔΘ is constant.
 *
 * `outputRegularizerDirect` is the literal formula. `OutputRegularizer` computes the same value
 * in Gram form, which removes the dominant cost (the hypernet's output layer run for every
 * earlier task): with H̃_j = [H_j, 1] (K × (h_L+1), the last hidden layer of e_j's K chunks plus a
 * ones column) and W̃ = [W; bᵀ] ((h_L+1) × C, the output layer), task j's generated chunks are
 * H̃_j W̃, and stacking all j ∈ S (H̃ = rows of every H̃_j):
 *
 *   Σ_j ‖H̃_j W̃ − H̃_j* W̃*‖² = ⟨(H̃ᵀH̃) W̃, W̃⟩ − 2 ⟨(H̃ᵀH̃*) W̃*, W̃⟩ + ⟨(H̃*ᵀH̃*) W̃*, W̃*⟩
 *
 * (⟨·,·⟩ the elementwise inner product). That costs O(nK·h_L² + h_L²·C) instead of
 * O(nK·h_L·C): for chunk C = 2,000, h_L = 50 and 9 earlier tasks about 10× fewer FLOPs, and
 * nearly independent of n. The chunk tail beyond the main net's N weights (K·C − N values of
 * the last chunk) is not part of W_j; its contribution ‖H̃_{j,K−1} W̃_tail − H̃*_{j,K−1} W̃*_tail‖²
 * is subtracted, so the value equals the direct formula (up to float32 rounding of the expanded
 * terms: at Θ = Θ* it is 0 to within ~1e-7 of ‖W*‖², with zero gradient to the same order).
 */
export function outputRegularizerDirect(
  hnet: ChunkedHypernet,
  theta: tf.Tensor1D,
  E: tf.Tensor2D,
  targets: tf.Tensor2D,
  beta: number
): tf.Scalar {
  const n = E.shape[0]
  return tf.mul(tf.sum(tf.square(tf.sub(targets, hnet.generate(theta, E).flat))), beta / n) as tf.Scalar
}

function augmentRows(h: tf.Tensor2D): tf.Tensor2D {
  return tf.concat([h, tf.ones([h.shape[0], 1])], 1) as tf.Tensor2D
}

function augmentLayer(w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tf.concat([w, tf.reshape(b, [1, -1])], 0) as tf.Tensor2D
}

/** ⟨(XᵀY) V, W⟩ — the constant term ⟨A* W̃*, W̃*⟩. */
function gramTerm(x: tf.Tensor2D, y: tf.Tensor2D, v: tf.Tensor2D, w: tf.Tensor2D): tf.Scalar {
  return tf.sum(tf.mul(matMul(matMul(tf.transpose(x), y), v), w)) as tf.Scalar
}

/**
 * ⟨A, W̃W̃ᵀ⟩ − 2⟨B, W̃W̃*ᵀ⟩ (= ⟨A W̃, W̃⟩ − 2⟨B W̃*, W̃⟩ for symmetric A) with a hand-written
 * gradient. With Wt = W̃ᵀ (C × d) and the constant W̃*ᵀ (`wsT`, C × d):
 *   forward  G₁ = W̃·Wt,  G₂ = W̃·W̃*ᵀ   (d × d each),
 *   ∂/∂A = G₁,  ∂/∂B = −2 G₂,  ∂/∂W̃ = 2 (A W̃ − B W̃*) = (2 (Wt·A − W̃*ᵀ·Bᵀ))ᵀ.
 * Why this arrangement: the wasm matMul packs its right operand and caches the packing per
 * tensor (see ops.matMulWide). G₂'s right operand W̃*ᵀ is constant for the whole task, so it is
 * packed once; the gradient's products have small d × d right operands. Only G₁ packs a wide
 * operand each step. Measured for d = 51, C = 2,000 (the products alone, fresh Θ each call):
 * 7.4 ms with the earlier [W̃ᵀ | W̃*ᵀ] / [W̃; −W̃*] arrangement, 4.2 ms with this one.
 */
function gramPair(a: tf.Tensor2D, b: tf.Tensor2D, w: tf.Tensor2D, wsT: tf.Tensor2D): tf.Scalar {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [A, B, W, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc]
    const Wt = tf.transpose(W)
    const G1 = tf.matMul(W, Wt)
    const G2 = tf.matMul(W, wsT)
    save([A, B, Wt, G1, G2])
    return {
      value: tf.sub(tf.sum(tf.mul(A, G1)), tf.mul(tf.sum(tf.mul(B, G2)), 2)) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sA, sB, sWt, sG1, sG2] = saved as tf.Tensor2D[]
        const dWt = tf.sub(tf.matMul(sWt, sA), tf.matMul(wsT, tf.transpose(sB)))
        return [tf.mul(sG1, dy), tf.mul(sG2, tf.mul(dy, -2)), tf.mul(tf.transpose(dWt), tf.mul(dy, 2))]
      }
    }
  }) as (A: tf.Tensor2D, B: tf.Tensor2D, W: tf.Tensor2D) => tf.Scalar
  return f(a, b, w)
}

export class OutputRegularizer {
  /** Number of earlier tasks. */
  readonly n: number
  private readonly E: tf.Tensor2D
  /** H̃* of all earlier tasks, [n·K, h_L+1]. */
  private readonly Hs: tf.Tensor2D
  /** W̃* [h_L+1, C]. */
  private readonly Ws: tf.Tensor2D
  /** W̃*ᵀ [C, h_L+1], kept so the wasm matMul packs it once per task (see gramPair). */
  private readonly WsT: tf.Tensor2D
  /** ⟨(H̃*ᵀH̃*) W̃*, W̃*⟩ over all earlier tasks. */
  private readonly cAll: tf.Scalar
  /** Target outputs of the unused chunk tail, [n, tail] (tail = K·C − N). */
  private readonly tailStar?: tf.Tensor2D
  private readonly tail: number

  constructor(
    readonly hnet: ChunkedHypernet,
    thetaStar: tf.Tensor1D,
    /** Embeddings of the earlier tasks, [n, te] (kept by the regulariser until dispose). */
    E: tf.Tensor2D,
    readonly beta: number
  ) {
    this.n = E.shape[0]
    this.E = tf.keep(E.clone())
    this.tail = hnet.numChunks * hnet.chunk - hnet.numOutputs
    const [Hs, Ws, cAll, tailStar] = tf.tidy(() => {
      const parts = tf.split(thetaStar, hnet.sizes)
      const H = augmentRows(hnet.trunkFromParts(parts, this.E))
      const { w, b } = hnet.outFromParts(parts)
      const W = augmentLayer(w, b)
      const c = gramTerm(H, H, W, W)
      const ts = this.tail > 0 ? this.tailOut(H, W) : undefined
      return [H, W, c, ts] as const
    })
    this.Hs = tf.keep(Hs)
    this.Ws = tf.keep(Ws)
    this.WsT = tf.keep(tf.transpose(Ws))
    this.cAll = tf.keep(cAll)
    this.tailStar = tailStar ? tf.keep(tailStar) : undefined
  }

  /** Outputs of the last chunk's unused tail for every task in H̃ ([m·K, h_L+1]) → [m, tail]. */
  private tailOut(H: tf.Tensor2D, W: tf.Tensor2D): tf.Tensor2D {
    const K = this.hnet.numChunks
    const m = H.shape[0] / K
    const d = H.shape[1]
    const last = tf.reshape(tf.slice(tf.reshape(H, [m, K, d]), [0, K - 1, 0], [m, 1, d]), [m, d]) as tf.Tensor2D
    const cols = tf.slice(W, [0, this.hnet.chunk - this.tail], [d, this.tail]) as tf.Tensor2D
    return matMul(last, cols)
  }

  /**
   * L_reg at `theta` over the earlier tasks `subset` (indices into 0 … n−1; all when omitted).
   * Call inside tf.tidy / a gradient function.
   */
  loss(theta: tf.Tensor1D, subset?: Int32Array): tf.Scalar {
    const K = this.hnet.numChunks
    let E = this.E
    let Hs = this.Hs
    let tailStar = this.tailStar
    let c: tf.Scalar = this.cAll
    let n = this.n
    if (subset && subset.length < this.n) {
      n = subset.length
      const idx = tf.tensor1d(subset, 'int32')
      const rows = new Int32Array(n * K)
      subset.forEach((j, i) => {
        for (let k = 0; k < K; k++) rows[i * K + k] = j * K + k
      })
      E = tf.gather(E, idx)
      Hs = tf.gather(Hs, tf.tensor1d(rows, 'int32'))
      if (tailStar) tailStar = tf.gather(tailStar, idx)
      c = gramTerm(Hs, Hs, this.Ws, this.Ws)
    }
    const parts = tf.split(theta, this.hnet.sizes)
    const H = augmentRows(this.hnet.trunkFromParts(parts, E))
    const { w, b } = this.hnet.outFromParts(parts)
    const W = augmentLayer(w, b)
    const Ht = tf.transpose(H)
    let total = tf.add(gramPair(matMul(Ht, H), matMul(Ht, Hs), W, this.WsT), c)
    if (tailStar) total = tf.sub(total, tf.sum(tf.square(tf.sub(this.tailOut(H, W), tailStar))))
    return tf.mul(total, this.beta / n) as tf.Scalar
  }

  dispose(): void {
    tf.dispose([this.E, this.Hs, this.Ws, this.WsT, this.cAll, ...(this.tailStar ? [this.tailStar] : [])])
  }
}
