import type { LabelledSet, TaskData } from '../../src/shared/dataset'
import { gaussian, mulberry32 } from '../../src/common/random'

/** Tiny engine config so unit tests run in milliseconds. */
export const TINY = {
  mainNet: { hidden: [12], headSize: 3 },
  hnet: { taskEmbeddingSize: 4, chunkEmbeddingSize: 3, chunkSize: 40, hidden: [10, 8] },
  decoderHidden: 16,
  batchSize: 16,
  steps: 12,
  hembSteps: 50,
  hscoreSamples: 60,
  ewcSamples: 8
}

/** Gaussian blobs in `dim` dimensions, class means shifted per task. */
export function blobTask(task: number, seed: number, dim = 6, classes = 3, n = 90): TaskData {
  const rand = mulberry32(seed * 7919 + task)
  const make = (rows: number): LabelledSet => {
    const x = new Float32Array(rows * dim)
    const y = new Int32Array(rows)
    for (let i = 0; i < rows; i++) {
      const c = i % classes
      y[i] = c
      for (let k = 0; k < dim; k++)
        x[i * dim + k] = gaussian(rand) * 0.6 + (k % classes === c ? 2 : 0) + (k === task % dim ? 1 : 0)
    }
    return { x, y, n: rows, inputShape: [dim], numClasses: classes }
  }
  return {
    name: `blobs-${task}`,
    train: make(n),
    test: make(30),
    classNames: Array.from({ length: classes }, (_, i) => `c${i}`)
  }
}

/** ‖a − b‖ / ‖b‖ over two equally long number lists (tensors: pass dataSync()). */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0
  let den = 0
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2
    den += b[i] ** 2
  }
  return Math.sqrt(num / Math.max(den, 1e-30))
}
