import * as tf from '@tensorflow/tfjs'
import type { EngineConfig } from '../shared/domain/engineConfig'
import { type ParamShape, shapeSize } from './mainnet'
import { permutation, rng } from './seeds'

/**
 * Where each generated weight lands in the main net.
 *
 * The hypernet emits K chunks of C values, all through one shared output layer, and at init the
 * per-chunk hidden vectors are alike (mean cosine ≈ 0.8), so every chunk carries roughly the same
 * pattern P ∈ ℝ^C. The flat output therefore has a near-period C. If that period lines up with
 * the rows of a kernel — C a multiple of the row length L, or L a multiple of C — whole rows
 * repeat and the layer's rank collapses. Measured (issue 13): the 784 × 100 first layer read as
 * tf.layers' [in, out] (L = 100) with C = 2,000 ties pixels p, p + 20, p + 40, … and has
 * participation ratio ≈ 22 at init; read as the authors' [out, in] (torch `F.linear`, L = 784)
 * ≈ 87, and it learns 2–6 points better per task.
 *
 * Two layouts, both a fixed index map g (main flat index i ← generated index g[i]):
 * - `torch`: the authors' order — dense kernels generated as [out, in], conv kernels as
 *   [out, in, kh, kw], biases as is — then transposed to the main net's [in, out] /
 *   [kh, kw, in, out]. Reproduces hypercl's numbers; it still collapses when C and a row length
 *   L = in (or in·kh·kw) divide one another (e.g. C = 784 for a 784-input MLP).
 * - `shuffled`: a fixed pseudo-random permutation of the N weights (seeded by N alone, so it is
 *   a property of the architecture, not of the run). No period survives it, whatever C, L or
 *   main net, which is why it is the default.
 *
 * Applied as one gather with a hand-written gradient: ∂gen[g[i]] = ∂main[i], i.e. the gradient is
 * the gather by the inverse map (tfjs's own Gather gradient needs UnsortedSegmentSum, which the
 * wasm backend lacks).
 */
export type GeneratedLayout = EngineConfig['hnet']['layout']

/** Fixed seed of the `shuffled` layout's permutation (xor-ed with N). */
const SHUFFLE_SEED = 0x6b657a6f

/** The index map g: main-net flat position i takes generated value g[i]. */
export function layoutIndex(shapes: ParamShape[], layout: GeneratedLayout): Int32Array {
  const N = shapes.reduce((a, s) => a + shapeSize(s.shape), 0)
  if (layout === 'shuffled') return permutation(N, rng(SHUFFLE_SEED, N))
  const g = new Int32Array(N)
  let off = 0
  for (const s of shapes) {
    const n = shapeSize(s.shape)
    if (s.shape.length === 2) {
      // main [in, out] ← generated [out, in]
      const [nin, nout] = s.shape
      for (let i = 0; i < nin; i++) for (let o = 0; o < nout; o++) g[off + i * nout + o] = off + o * nin + i
    } else if (s.shape.length === 4) {
      // main [kh, kw, in, out] ← generated [out, in, kh, kw]
      const [kh, kw, cin, cout] = s.shape
      for (let a = 0; a < kh; a++)
        for (let b = 0; b < kw; b++)
          for (let c = 0; c < cin; c++)
            for (let o = 0; o < cout; o++)
              g[off + ((a * kw + b) * cin + c) * cout + o] = off + ((o * cin + c) * kh + a) * kw + b
    } else {
      for (let i = 0; i < n; i++) g[off + i] = off + i
    }
    off += n
  }
  return g
}

/** The inverse map: generated position j goes to main position inv[j]. */
export function inverseIndex(g: Int32Array): Int32Array {
  const inv = new Int32Array(g.length)
  for (let i = 0; i < g.length; i++) inv[g[i]] = i
  return inv
}

/**
 * The map g read from the hypernet's output held column-major, Z = Yᵀ [C, K]: generated index
 * f = k·C + c (chunk k, position c) sits at c·K + k of Z's flat data.
 */
export function columnIndex(g: Int32Array, C: number, K: number): Int32Array {
  const out = new Int32Array(g.length)
  for (let i = 0; i < g.length; i++) {
    const f = g[i]
    const k = Math.floor(f / C)
    out[i] = (f - k * C) * K + k
  }
  return out
}

/**
 * The inverse of a map into a longer source of `size` values: source position q goes to
 * inv[q], or to `missing` when no main-net position reads it (the unused tail of the last chunk).
 */
function paddedInverse(g: Int32Array, size: number, missing: number): Int32Array {
  const inv = new Int32Array(size).fill(missing)
  for (let i = 0; i < g.length; i++) inv[g[i]] = i
  return inv
}

/** Applies a layout to generated rows [m, N] → main-net rows [m, N] (see the file comment). */
export class LayoutMap {
  private index?: tf.Tensor1D
  private inverse?: tf.Tensor1D
  private columns?: { C: number; K: number; index: tf.Tensor1D; inverse: tf.Tensor1D }

  constructor(readonly map: Int32Array) {}

  /**
   * The same placement for ONE task read straight from the output layer's column-major product
   * Z = (XW + b)ᵀ [C, K] (the form `matMulWide` computes first): one gather replaces the
   * transpose, the cut to N and the gather of {@link apply}, and the gradient is one gather of
   * ∂main (padded with a zero for the unused tail) back into [C, K]. The values are the same
   * copies, so the result equals `apply` of the row-major output element for element.
   */
  applyColumns(z: tf.Tensor2D): tf.Tensor2D {
    const [C, K] = z.shape
    const n = this.map.length
    if (!this.columns || this.columns.C !== C || this.columns.K !== K) {
      this.disposeColumns()
      const g = columnIndex(this.map, C, K)
      this.columns = {
        C,
        K,
        index: tf.keep(tf.tensor1d(g, 'int32')),
        inverse: tf.keep(tf.tensor1d(paddedInverse(g, C * K, n), 'int32'))
      }
    }
    const { index, inverse } = this.columns
    const padded = C * K > n
    const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const x = args[0] as tf.Tensor2D
      return {
        value: tf.gather(tf.reshape(x, [1, C * K]), index, 1) as tf.Tensor2D,
        gradFunc: (dy: tf.Tensor) => {
          const src = padded ? tf.concat([tf.reshape(dy, [1, n]), tf.zeros([1, 1])], 1) : tf.reshape(dy, [1, n])
          return tf.reshape(tf.gather(src, inverse, 1), [C, K])
        }
      }
    }) as (x: tf.Tensor2D) => tf.Tensor2D
    return f(z)
  }

  private disposeColumns(): void {
    this.columns?.index.dispose()
    this.columns?.inverse.dispose()
    this.columns = undefined
  }

  apply(gen: tf.Tensor2D): tf.Tensor2D {
    if (!this.index) {
      this.index = tf.keep(tf.tensor1d(this.map, 'int32'))
      this.inverse = tf.keep(tf.tensor1d(inverseIndex(this.map), 'int32'))
    }
    const index = this.index
    const inverse = this.inverse!
    const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const x = args[0] as tf.Tensor2D
      return {
        value: tf.gather(x, index, 1) as tf.Tensor2D,
        gradFunc: (dy: tf.Tensor) => tf.gather(dy, inverse, 1)
      }
    }) as (x: tf.Tensor2D) => tf.Tensor2D
    return f(gen)
  }

  dispose(): void {
    this.index?.dispose()
    this.inverse?.dispose()
    this.index = undefined
    this.inverse = undefined
    this.disposeColumns()
  }
}
