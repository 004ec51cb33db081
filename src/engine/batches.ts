import * as tf from '@tensorflow/tfjs'
import type { LabelledSet } from '../shared/dataset'
import { Purpose, permutation, rng } from './seeds'

/**
 * Mini-batches built from typed arrays. Step s of task `task` reads batch b = s mod B_e of
 * epoch ⌊s / B_e⌋ (B_e = ⌊n / batch⌋ batches per epoch), where each epoch's order is a
 * permutation drawn from (seed, task, epoch) alone — so any step's batch can be rebuilt
 * without replaying a random stream (checkpoint/resume gives the same batches).
 *
 * Rows are copied into one reusable buffer and uploaded as a fresh tensor: slicing a large
 * dataset tensor with tf.slice copies the whole source on every call.
 */
export class BatchSampler {
  readonly batch: number
  readonly perEpoch: number
  private readonly dim: number
  private readonly xBuf: Float32Array
  private epoch = -1
  private order: Int32Array = new Int32Array(0)

  constructor(
    readonly set: LabelledSet,
    batchSize: number,
    readonly seed: number,
    readonly task: number
  ) {
    this.batch = Math.min(batchSize, set.n)
    this.perEpoch = Math.max(1, Math.floor(set.n / this.batch))
    this.dim = set.x.length / Math.max(set.n, 1)
    this.xBuf = new Float32Array(this.batch * this.dim)
  }

  indices(step: number): Int32Array {
    const epoch = Math.floor(step / this.perEpoch)
    if (epoch !== this.epoch) {
      this.order = permutation(this.set.n, rng(this.seed, Purpose.batch, this.task, epoch))
      this.epoch = epoch
    }
    const b = step % this.perEpoch
    return this.order.subarray(b * this.batch, (b + 1) * this.batch)
  }

  /** x [batch, dim] as a new tensor (caller disposes) and the batch's labels. */
  get(step: number): { x: tf.Tensor2D; labels: Int32Array } {
    const idx = this.indices(step)
    const { x, y } = this.set
    const d = this.dim
    const labels = new Int32Array(idx.length)
    for (let i = 0; i < idx.length; i++) {
      const r = idx[i]
      this.xBuf.set(x.subarray(r * d, (r + 1) * d), i * d)
      labels[i] = y[r]
    }
    return { x: tf.tensor2d(this.xBuf, [idx.length, d]), labels }
  }
}

/** Rows `rows` of a set as a tensor [rows.length, dim] plus their labels. */
export function gatherRows(set: LabelledSet, rows: Int32Array): { x: Float32Array; y: Int32Array } {
  const d = set.x.length / Math.max(set.n, 1)
  const x = new Float32Array(rows.length * d)
  const y = new Int32Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    x.set(set.x.subarray(rows[i] * d, (rows[i] + 1) * d), i * d)
    y[i] = set.y[rows[i]]
  }
  return { x, y }
}
