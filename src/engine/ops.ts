import * as tf from '@tensorflow/tfjs'

/**
 * Matrix products whose gradients use only plain (non-transposed) matMuls.
 *
 * Why: on the wasm backend `matMul` with `transposeA`/`transposeB` leaves the fast path
 * (1–2 GFLOP/s instead of ~23), and tfjs's stock matMul gradient uses exactly those products.
 * For Y = A·B with upstream gradient G = ∂L/∂Y:
 *   ∂L/∂A = G · Bᵀ,   ∂L/∂B = Aᵀ · G,
 * computed here as `matMul(G, transpose(B))` and `matMul(transpose(A), G)` — the explicit
 * transpose is a cheap copy and the product then runs on the fast kernel.
 */
export const matMul = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc]
  save([a, b])
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D]
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)]
    }
  }
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D

/**
 * Y = X·W for a wide W (k × n with n ≫ m, k — the hypernet's output layer, 50 × 2,000).
 *
 * Why: the wasm matMul (XNNPACK) packs its right operand before multiplying and caches the
 * packing per tensor; a weight that changes every step is packed every step, and packing a wide
 * right operand costs more than the product itself (measured [45,50]·[50,2000]: 2.2 ms with a
 * fresh W, 0.9 ms with a cached one). Each product here is arranged so that the packed operand
 * is the small one:
 *   Y = (Wᵀ·Xᵀ)ᵀ,   ∂L/∂W = (Gᵀ·X)ᵀ,   ∂L/∂X = G·Wᵀ,
 * with the explicit transposes cheap copies. Forward plus backward measured 8.4 → 4.5 ms for
 * that shape; results equal the plain product's.
 */
export const matMulWide = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc]
  const wt = tf.transpose(w)
  save([x, wt])
  return {
    value: tf.transpose(tf.matMul(wt, tf.transpose(x))),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, swt] = saved as [tf.Tensor2D, tf.Tensor2D]
      const g = dy as tf.Tensor2D
      return [tf.matMul(g, swt), tf.transpose(tf.matMul(tf.transpose(g), sx))]
    }
  }
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D

/**
 * Yᵀ = (X·W)ᵀ = Wᵀ·Xᵀ for the same wide W as {@link matMulWide}, left column-major: the product
 * matMulWide computes before its final transpose. A caller that reads the values through an
 * index map (the generated-weight layout) skips that transpose, and its gradient G' = ∂L/∂Yᵀ
 * gives ∂L/∂W = (G'·X)ᵀ without one either; ∂L/∂X = G'ᵀ·Wᵀ as in matMulWide.
 */
export const matMulWideT = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc]
  const wt = tf.transpose(w)
  save([x, wt])
  return {
    value: tf.matMul(wt, tf.transpose(x)),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, swt] = saved as [tf.Tensor2D, tf.Tensor2D]
      const g = dy as tf.Tensor2D
      return [tf.matMul(tf.transpose(g), swt), tf.transpose(tf.matMul(g, sx))]
    }
  }
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D

/**
 * Y = X·B where X is a constant (data): only ∂L/∂B = Xᵀ·G is formed, saving the
 * input-gradient product that the first layer of a network never needs (for MNIST that is
 * the largest matMul of the backward pass).
 */
export function matMulConstLeft(x: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [bb, save] = args as [tf.Tensor2D, tf.GradSaveFunc]
    // x may be an intermediate of the forward pass (im2col columns): save it so it outlives
    // the forward scope until the backward pass needs it.
    save([x])
    return {
      value: tf.matMul(x, bb),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.matMul(tf.transpose(saved[0] as tf.Tensor2D), dy as tf.Tensor2D)
      ]
    }
  }) as (bb: tf.Tensor2D) => tf.Tensor2D
  return f(b)
}

export type Activation = 'relu' | 'tanh' | 'elu' | 'linear'

export function activate(x: tf.Tensor, act: Activation): tf.Tensor {
  switch (act) {
    case 'relu':
      return tf.relu(x)
    case 'tanh':
      return tf.tanh(x)
    case 'elu':
      return tf.elu(x)
    default:
      return x
  }
}

/** Dense layer act(X·W + b) on the fast-gradient matMul; `constInput` when X is data. */
export function dense(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor | undefined,
  act: Activation,
  constInput = false
): tf.Tensor2D {
  const y = constInput ? matMulConstLeft(x, w) : matMul(x, w)
  return activate(b ? tf.add(y, b) : y, act) as tf.Tensor2D
}

/** Activations tf.fused.matMul can apply inside the product (every backend Keizoku uses has them). */
const FUSABLE: Partial<Record<Activation, tf.fused.Activation>> = { relu: 'relu', elu: 'elu', linear: 'linear' }

/**
 * act(X·W + b) without autodiff, for hand-written backward passes (mainnetLoss): one _FusedMatMul kernel where the activation fuses. The kernel is run directly
 * because tf.fused.matMul refuses to fuse an activation whenever a gradient tape is recording
 * (it cannot know that no gradient will be asked of this product) and then costs three kernels.
 */
export function denseForward(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor, act: Activation): tf.Tensor2D {
  const [m, k] = x.shape
  const n = w.shape[1]
  const fused = FUSABLE[act]
  const y = tf
    .engine()
    .runKernel(
      tf._FusedMatMul,
      { a: tf.reshape(x, [1, m, k]), b: tf.reshape(w, [1, k, n]), bias: b },
      { transposeA: false, transposeB: false, activation: fused ?? 'linear', leakyreluAlpha: 0 }
    ) as tf.Tensor3D
  const out = tf.reshape(y, [m, n]) as tf.Tensor2D
  return fused ? out : (activate(out, act) as tf.Tensor2D)
}

/** act'(pre) expressed through the layer's output y = act(pre). */
export function activationSlope(y: tf.Tensor2D, act: Activation): tf.Tensor2D | undefined {
  switch (act) {
    case 'relu':
      return tf.step(y) as tf.Tensor2D
    case 'elu':
      // y > 0: 1; y ≤ 0: y = exp(pre) − 1, so the slope exp(pre) = y + 1.
      return tf.add(tf.minimum(y, 0), 1) as tf.Tensor2D
    case 'tanh':
      return tf.sub(1, tf.square(y)) as tf.Tensor2D
    case 'linear':
      return undefined
    default: {
      const unknown: never = act
      throw new Error(`No slope for activation ${String(unknown)}.`)
    }
  }
}
