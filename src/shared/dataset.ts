/**
 * The normalised table every importer produces and the engine consumes: float32 features,
 * integer labels, nothing else. Typed arrays, so it crosses worker boundaries by transfer.
 */
export interface LabelledSet {
  /** Row-major, n × product(inputShape). */
  x: Float32Array
  /** Class index 0 … numClasses − 1 per row. */
  y: Int32Array
  n: number
  /** Shape of one sample, e.g. [11] for a sensor row, [784] or [28, 28, 1] for a digit. */
  inputShape: number[]
  numClasses: number
}

/** One task's data as the engine needs it. */
export interface TaskData {
  name: string
  train: LabelledSet
  /** Holdout set; may have n = 0 when the user keeps no holdout. */
  test: LabelledSet
  classNames: string[]
}
