import { totalmem } from 'node:os'
import type { EngineConfig } from '../shared/domain/engineConfig'
import { isHypernetMethod } from '../shared/domain/methods'
import type { Method } from '../shared/domain/methods'
import { parseForced } from './backendEnv'
import { countParams, inputSize, mainNetSpec, paramShapes } from './mainnetShapes'

/** What training one more task keeps in memory at its peak, in bytes, by part. */
export interface TrainingMemory {
  bytes: number
  mainNetWeights: number
  parts: Record<string, number>
}

const F = 4 // float32 and int32 alike

/**
 * Peak memory of training task T+1 after T learned tasks, from a model calibrated on tf.profile
 * peaks (wasm, Permuted-MNIST, batch 128, main nets 784-h-h-10 with N = 0.48 M … 11.4 M weights;
 * `bench/memoryEstimate.ts` prints them). Every method holds about 17·N floats at its peak
 * (weights, gradients, Adam moments and the temporaries of one update: 13.6·N at N = 1.8 M,
 * 16.4·N at 11.4 M for `independent`), each learned task adds 2·N (the hypernet's regulariser
 * target and its generated copy; the kept nets of `independent`), the shared-body methods 2·N more
 * (θ* and the Fisher); the hypernetwork adds Θ with gradient and moments (4·|Θ|) and its hidden
 * activations for the current and all earlier embeddings (3·(T+1)·K·Σh_i, K = ⌈N/C⌉ chunks); and
 * every method holds the task's rows as float32 and one batch's activations. So a config that
 * cannot fit is refused before a job exists, instead of a wasm heap running out minutes in with
 * "memory access out of bounds".
 */
export function estimateTrainingMemory(
  cfg: EngineConfig,
  method: Method,
  inputShape: number[],
  tasksLearned: number,
  rows: number
): TrainingMemory {
  const spec = mainNetSpec(cfg, inputShape)
  const n = countParams(paramShapes(spec))
  const widths = inputSize(inputShape) + spec.hidden.reduce((a, b) => a + b, 0) + spec.numClasses
  const parts: Record<string, number> = {
    update: 17 * n * F,
    activations: 2 * cfg.batchSize * widths * F,
    data: rows * inputSize(inputShape) * F
  }
  if (isHypernetMethod(method)) {
    const h = cfg.hnet.hidden
    const k = Math.ceil(n / cfg.hnet.chunkSize)
    const sizes = [cfg.hnet.taskEmbeddingSize + cfg.hnet.chunkEmbeddingSize, ...h, cfg.hnet.chunkSize]
    // Chunk embeddings sit in Θ, or with each task's embedding when kept per task.
    const perTaskChunks = cfg.hnet.chunkEmbeddings === 'per-task'
    const embSize = cfg.hnet.taskEmbeddingSize + (perTaskChunks ? k * cfg.hnet.chunkEmbeddingSize : 0)
    let theta = (perTaskChunks ? 0 : k * cfg.hnet.chunkEmbeddingSize) + (tasksLearned + 1) * embSize
    for (let i = 1; i < sizes.length; i++) theta += sizes[i - 1] * sizes[i] + sizes[i]
    parts.hypernetwork = 4 * theta * F + 3 * (tasksLearned + 1) * k * h.reduce((a, b) => a + b, 0) * F
    parts.learnedTasks = 2 * tasksLearned * n * F
  } else if (method === 'independent') {
    parts.learnedTasks = 2 * tasksLearned * n * F
  } else {
    parts.sharedBody = 2 * n * F
  }
  const bytes = Object.values(parts).reduce((a, b) => a + b, 0)
  return { bytes, mainNetWeights: n, parts }
}

/**
 * What training may use here: wasm's heap is 4 GiB at most and tfjs needs headroom beside the
 * tensors, so 3 GiB; with tfjs-node (native memory) half of this machine's RAM.
 */
export function trainingMemoryLimit(env: Record<string, string | undefined> = process.env): {
  bytes: number
  backend: string
} {
  const forced = parseForced(env.KEIZOKU_BACKEND)
  const native = forced ? forced === 'tensorflow' : resolvable('@tensorflow/tfjs-node')
  return native ? { bytes: totalmem() / 2, backend: 'tensorflow' } : { bytes: 3 * 2 ** 30, backend: forced ?? 'wasm' }
}

function resolvable(pkg: string): boolean {
  try {
    require.resolve(pkg)
    return true
  } catch {
    return false
  }
}
