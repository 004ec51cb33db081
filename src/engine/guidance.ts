import * as tf from '@tensorflow/tfjs'
import { unflatten } from './hypernet'
import type { ParamShape } from './mainnet'
import { shapeSize } from './mainnet'
import { dense } from './ops'

/**
 * Guidance decoder D and loss (Wu et al., the authors' `EmbDecoder` and train_Hemb.py):
 * the input is the hypernet's last hidden layer for the current task embedding e_t — by default
 * averaged over the K chunks (h_L values; config `guidanceInput: 'mean'`), or all chunks
 * flattened (K·h_L values, the authors' `.view(-1)`, `guidanceInput: 'flatten'`);
 * D = Linear(in → 512) → ReLU → Linear(512 → te). Loss
 *   L_guide = λ_t · (1 − cos(D(hidden(e_t)), ê)),   λ_t = min(β_emb · t, 1),
 * active from the third task (t ≥ 2). A fresh decoder is made for every task, initialised as
 * PyTorch's nn.Linear (weights and biases U(−1/√fan_in, 1/√fan_in)).
 */
export function decoderShapes(hiddenSize: number, mid: number, embeddingSize: number): ParamShape[] {
  return [
    { name: 'dec_0/kernel', shape: [hiddenSize, mid] },
    { name: 'dec_0/bias', shape: [mid] },
    { name: 'dec_1/kernel', shape: [mid, embeddingSize] },
    { name: 'dec_1/bias', shape: [embeddingSize] }
  ]
}

export function initDecoder(shapes: ParamShape[], rand: () => number): Float32Array {
  const total = shapes.reduce((a, s) => a + shapeSize(s.shape), 0)
  const out = new Float32Array(total)
  let off = 0
  // fan_in of each layer is the kernel's first dimension; the bias shares its layer's bound.
  for (let i = 0; i < shapes.length; i += 2) {
    const bound = 1 / Math.sqrt(shapes[i].shape[0])
    const n = shapeSize(shapes[i].shape) + shapeSize(shapes[i + 1].shape)
    for (let k = 0; k < n; k++) out[off + k] = (rand() * 2 - 1) * bound
    off += n
  }
  return out
}

/** λ·(1 − cos(D(h), ê)) for one hidden vector h [1, K·h_L]. */
export function guidanceLoss(
  decFlat: tf.Tensor1D,
  shapes: ParamShape[],
  hidden: tf.Tensor2D,
  target: tf.Tensor1D,
  lambda: number
): tf.Scalar {
  const [w1, b1, w2, b2] = unflatten(decFlat, shapes)
  const mid = dense(hidden, w1 as tf.Tensor2D, b1, 'relu')
  const out = tf.reshape(dense(mid, w2 as tf.Tensor2D, b2, 'linear'), [-1])
  const cos = tf.div(tf.sum(tf.mul(out, target)), tf.add(tf.mul(tf.norm(out), tf.norm(target)), 1e-8))
  return tf.mul(tf.sub(1, cos), lambda) as tf.Scalar
}
