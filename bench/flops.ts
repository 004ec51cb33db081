/**
 * FLOP counts of one training step, from the layer shapes (a multiply-add = 2 FLOPs).
 *
 * A dense layer X[m×k]·W[k×n] costs 2·m·k·n forward; its backward pass forms ∂X = G·Wᵀ and
 * ∂W = Xᵀ·G, two more products of the same size, so a training step costs ≈ 3 × 2·m·k·n per
 * layer (the convention of the issue; the engine's first main-net layer skips ∂X, so the true
 * count is slightly lower and the achieved GFLOP/s slightly pessimistic). Elementwise work
 * (activations, Adam, losses) is not counted: the figure compares matMul throughput with the
 * backend's matMul peak.
 */

export interface StepShape {
  /** Main net layer widths, input first: e.g. [784, 100, 100, 10]. */
  main: number[]
  batch: number
  hnet?: {
    te: number
    ce: number
    hidden: number[]
    chunk: number
    /** Number of chunks K = ⌈N / chunk⌉. */
    chunks: number
    /** K·chunk − N: outputs of the last chunk beyond the main net. */
    tail: number
  }
  /** Earlier tasks in the output regulariser (0 = none). */
  regTasks: number
}

const TRAIN = 3

/** 2·b·Σ d_l·d_{l+1}: the main net's forward matMuls for one batch. */
export function mainForwardFlops(main: number[], batch: number): number {
  let f = 0
  for (let l = 0; l + 1 < main.length; l++) f += 2 * batch * main[l] * main[l + 1]
  return f
}

/** Hypernet trunk for m task embeddings: e·W₁ₑ (m×te×h₁), c·W₁꜀ (K×ce×h₁), then m·K rows through the hidden layers. */
function trunkFlops(h: NonNullable<StepShape['hnet']>, m: number): number {
  let f = 2 * m * h.te * h.hidden[0] + 2 * h.chunks * h.ce * h.hidden[0]
  for (let l = 1; l < h.hidden.length; l++) f += 2 * m * h.chunks * h.hidden[l - 1] * h.hidden[l]
  return f
}

/** Generating m tasks' weights: trunk + output layer (m·K × h_L × chunk). */
export function hnetForwardFlops(h: NonNullable<StepShape['hnet']>, m: number): number {
  return trunkFlops(h, m) + 2 * m * h.chunks * h.hidden[h.hidden.length - 1] * h.chunk
}

/**
 * The engine's regulariser in Gram form (src/engine/regularizer.ts) over n earlier tasks:
 * trunk for n embeddings, then two Gram terms ⟨(XᵀY)V, W⟩ with X, Y [nK × d] and V, W [d × C]
 * (d = h_L + 1): 2·nK·d² + 2·d²·C each, plus the chunk tail 2·n·d·tail.
 */
export function regGramForwardFlops(h: NonNullable<StepShape['hnet']>, n: number): number {
  const d = h.hidden[h.hidden.length - 1] + 1
  const gram = 2 * n * h.chunks * d * d + 2 * d * d * h.chunk
  return trunkFlops(h, n) + 2 * gram + 2 * n * d * h.tail
}

export interface StepFlops {
  /** FLOPs of the matMuls the engine actually performs per step (forward + backward). */
  actual: number
  /**
   * FLOPs of the same step with the regulariser in its direct form (every earlier task's
   * weights generated through the whole hypernet, as the numpy reference and the authors do).
   */
  directEquivalent: number
}

export function stepFlops(s: StepShape): StepFlops {
  let base = mainForwardFlops(s.main, s.batch)
  if (s.hnet) base += hnetForwardFlops(s.hnet, 1)
  let actual = TRAIN * base
  let direct = TRAIN * base
  if (s.hnet && s.regTasks > 0) {
    actual += TRAIN * regGramForwardFlops(s.hnet, s.regTasks)
    direct += TRAIN * hnetForwardFlops(s.hnet, s.regTasks)
  }
  return { actual, directEquivalent: direct }
}
