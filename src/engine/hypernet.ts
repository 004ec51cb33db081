import * as tf from '@tensorflow/tfjs'
import type { EngineConfig } from '../shared/domain/engineConfig'
import { LayoutMap, layoutIndex } from './generatedLayout'
import type { ParamShape } from './mainnet'
import { countParams, shapeSize } from './mainnet'
import { activate, dense, matMul, matMulWide, matMulWideT, type Activation } from './ops'
import { gaussian } from '../common/random'

/**
 * Chunked hypernetwork h(e, Θ) (von Oswald et al. 2020): for every chunk k the MLP maps
 * [e ; c_k] to a chunk of C weights; the K = ⌈N / C⌉ chunks are concatenated, cut to the N
 * weights of the main net and reshaped into its tensors.
 *
 * Θ is ONE flat tensor holding, in order: the chunk embeddings c (K × ce), the first layer
 * split into its task-embedding rows W₁ₑ (te × h₁) and chunk-embedding rows W₁꜀ (ce × h₁),
 * b₁, then (W_l, b_l) for every further layer up to the output layer (h_L × C).
 * Splitting W₁ lets the first layer be computed without building the [m·K, te+ce] input:
 *   pre₁[i, k] = e_i·W₁ₑ + c_k·W₁꜀ + b₁   (a broadcast add of an m×h₁ and a K×h₁ matrix),
 * so m task embeddings (the regulariser's previous tasks) run through one batched call.
 *
 * The K·C outputs, cut to N, are placed into the main net through `hnet.layout` (see
 * generatedLayout.ts): the shared output layer makes all chunks alike at init, so the flat order
 * decides whether kernel rows end up tied.
 *
 * Init: Xavier-uniform weights (W₁ as the whole (te+ce) × h₁ matrix), zero biases, chunk
 * embeddings N(0, 1).
 */
export class ChunkedHypernet {
  readonly te: number
  readonly ce: number
  /** Chunk embeddings kept per task (in each task's embedding vector) instead of in Θ. */
  readonly chunkPerTask: boolean
  /** Length of one task's embedding vector: te, plus K·ce with per-task chunk embeddings. */
  readonly embSize: number
  readonly chunk: number
  readonly numChunks: number
  readonly hidden: number[]
  readonly act: Activation
  readonly shapes: ParamShape[]
  readonly sizes: number[]
  readonly size: number
  /** Number of main-net weights generated. */
  readonly numOutputs: number
  private readonly layout: LayoutMap

  constructor(
    cfg: EngineConfig,
    /** The main net's tensors (its `paramShapes`), in the order the weights are consumed. */
    mainShapes: ParamShape[]
  ) {
    this.numOutputs = countParams(mainShapes)
    this.layout = new LayoutMap(layoutIndex(mainShapes, cfg.hnet.layout))
    this.te = cfg.hnet.taskEmbeddingSize
    this.ce = cfg.hnet.chunkEmbeddingSize
    this.chunk = cfg.hnet.chunkSize
    this.hidden = [...cfg.hnet.hidden]
    this.act = cfg.hnet.activation
    this.numChunks = Math.ceil(this.numOutputs / this.chunk)
    this.chunkPerTask = cfg.hnet.chunkEmbeddings === 'per-task'
    this.embSize = this.te + (this.chunkPerTask ? this.numChunks * this.ce : 0)
    const h = this.hidden
    const shapes: ParamShape[] = [
      ...(this.chunkPerTask ? [] : [{ name: 'chunk_embeddings', shape: [this.numChunks, this.ce] }]),
      { name: 'layer_0/kernel_task', shape: [this.te, h[0]] },
      { name: 'layer_0/kernel_chunk', shape: [this.ce, h[0]] },
      { name: 'layer_0/bias', shape: [h[0]] }
    ]
    for (let l = 1; l < h.length; l++) {
      shapes.push({ name: `layer_${l}/kernel`, shape: [h[l - 1], h[l]] }, { name: `layer_${l}/bias`, shape: [h[l]] })
    }
    shapes.push({ name: 'out/kernel', shape: [h[h.length - 1], this.chunk] }, { name: 'out/bias', shape: [this.chunk] })
    this.shapes = shapes
    this.sizes = shapes.map((s) => shapeSize(s.shape))
    this.size = this.sizes.reduce((a, b) => a + b, 0)
  }

  /** Size of the last hidden representation of one task: K · h_L (the guidance decoder's input). */
  get hiddenSize(): number {
    return this.numChunks * this.hidden[this.hidden.length - 1]
  }

  initTheta(rand: () => number): Float32Array {
    const out = new Float32Array(this.size)
    let off = 0
    const h0 = this.hidden[0]
    const lim0 = Math.sqrt(6 / (this.te + this.ce + h0))
    this.shapes.forEach((s, i) => {
      const n = this.sizes[i]
      if (s.name === 'chunk_embeddings') {
        for (let j = 0; j < n; j++) out[off + j] = gaussian(rand)
      } else if (s.name.endsWith('bias')) {
        // zeros
      } else {
        const lim = s.name.startsWith('layer_0/') ? lim0 : Math.sqrt(6 / (s.shape[0] + s.shape[1]))
        for (let j = 0; j < n; j++) out[off + j] = (rand() * 2 - 1) * lim
      }
      off += n
    })
    return out
  }

  /**
   * Generates main-net weights for the m task embeddings in E (m × te).
   * Returns flat [m, numOutputs] in the main net's layout and, when asked, the last hidden layer [m·K, h_L].
   */
  generate(theta: tf.Tensor1D, E: tf.Tensor2D, withHidden = false): { flat: tf.Tensor2D; hidden?: tf.Tensor2D } {
    const parts = tf.split(theta, this.sizes)
    const m = E.shape[0]
    const K = this.numChunks
    const x = this.trunkFromParts(parts, E)
    const { w, b } = this.outFromParts(parts)
    if (m === 1) {
      // One task (every training step): place the column-major product directly (same values).
      const z = tf.add(matMulWideT(x, w), tf.reshape(b, [this.chunk, 1])) as tf.Tensor2D
      return { flat: this.layout.applyColumns(z), hidden: withHidden ? x : undefined }
    }
    const out = tf.add(matMulWide(x, w), b)
    const all = tf.reshape(out, [m, K * this.chunk]) as tf.Tensor2D
    const cut = K * this.chunk === this.numOutputs ? all : (tf.slice(all, [0, 0], [m, this.numOutputs]) as tf.Tensor2D)
    return { flat: this.layout.apply(cut), hidden: withHidden ? x : undefined }
  }

  /** Frees the layout's index tensors. */
  dispose(): void {
    this.layout.dispose()
  }

  /** Last hidden layer [m·K, h_L] for the m embeddings in E (rows task-major: task i, chunk k). */
  trunk(theta: tf.Tensor1D, E: tf.Tensor2D): tf.Tensor2D {
    return this.trunkFromParts(tf.split(theta, this.sizes), E)
  }

  /** Output layer (W [h_L, C], b [C]) of Θ. */
  outLayer(theta: tf.Tensor1D): { w: tf.Tensor2D; b: tf.Tensor1D } {
    return this.outFromParts(tf.split(theta, this.sizes))
  }

  /**
   * With per-task chunk embeddings, E's row i is [e_i ; c_{i,0} … c_{i,K−1}] and the chunk term
   * is computed per task ([m·K, ce] · W₁꜀); otherwise the K shared c_k come from Θ.
   */
  trunkFromParts(parts: tf.Tensor[], E: tf.Tensor2D): tf.Tensor2D {
    const m = E.shape[0]
    const K = this.numChunks
    const h = this.hidden
    const q = this.chunkPerTask ? 0 : 1
    const w1e = tf.reshape(parts[q], [this.te, h[0]]) as tf.Tensor2D
    const w1c = tf.reshape(parts[q + 1], [this.ce, h[0]]) as tf.Tensor2D
    const b1 = parts[q + 2]
    const eTask = (this.chunkPerTask ? tf.slice(E, [0, 0], [m, this.te]) : E) as tf.Tensor2D
    const cEmb = (
      this.chunkPerTask
        ? tf.reshape(tf.slice(E, [0, this.te], [m, K * this.ce]), [m * K, this.ce])
        : tf.reshape(parts[0], [K, this.ce])
    ) as tf.Tensor2D
    const fromTask = tf.reshape(matMul(eTask, w1e), [m, 1, h[0]])
    const fromChunk = tf.reshape(tf.add(matMul(cEmb, w1c), b1), [this.chunkPerTask ? m : 1, K, h[0]])
    const pre = tf.add(fromTask, fromChunk)
    let x = activate(tf.reshape(pre, [m * K, h[0]]), this.act) as tf.Tensor2D
    let p = q + 3
    for (let l = 1; l < h.length; l++) {
      x = dense(x, tf.reshape(parts[p], [h[l - 1], h[l]]) as tf.Tensor2D, parts[p + 1], this.act)
      p += 2
    }
    return x
  }

  outFromParts(parts: tf.Tensor[]): { w: tf.Tensor2D; b: tf.Tensor1D } {
    const p = parts.length - 2
    return {
      w: tf.reshape(parts[p], [this.hidden[this.hidden.length - 1], this.chunk]) as tf.Tensor2D,
      b: parts[p + 1] as tf.Tensor1D
    }
  }
}

/** Cuts one flat weight vector (length Σ sizes) into tensors of the given shapes. */
export function unflatten(flat: tf.Tensor, shapes: ParamShape[]): tf.Tensor[] {
  const sizes = shapes.map((s) => shapeSize(s.shape))
  const parts = tf.split(tf.reshape(flat, [-1]), sizes)
  return parts.map((t, i) => tf.reshape(t, shapes[i].shape))
}
