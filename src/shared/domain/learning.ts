/** Plain data the engine produces and the workspace stores; tfjs-free so every layer may hold it. */

export interface TensorRecord {
  name: string
  shape: number[]
  data: Float32Array
}

export interface LossParts {
  task: number
  /** HNET output regulariser (hnet*, hemb). */
  reg?: number
  /** Guidance loss λ_t·(1 − cos) (hemb, hnet-random). */
  guide?: number
  /** EWC penalty (ewc). */
  ewc?: number
  total: number
}

export interface ParameterCounts {
  /** Trainable parameters shared by all tasks (Θ incl. chunk embeddings; or the shared net). */
  shared: number
  /** Floats stored per task (e_t for hypernets; a head or a whole net for baselines). */
  perTask: number
  /** Parameters of one generated main network. */
  mainNet: number
  /** mainNet / (shared / max(tasks,1) + perTask): how much smaller than one net per task. */
  compression: number
}
