/** Dataset sources, import options and what an import produces (previews, problems, holdout splits). */
import type { TaskData } from '../dataset'

/** Where a task's data comes from; what the wizard and the CLI hand to the importer. */
export type DatasetSource =
  | {
      kind: 'csv'
      path: string
      /** Name of the label column (or `colN`, 1-based, when the file has no header row). */
      label?: string
      /** Columns that are neither feature nor label (e.g. a timestamp, or a column the label is computed from). */
      ignore?: string[]
      /** Forced delimiter; sniffed from the first lines when absent (',', '\t', ';', '|'). */
      delimiter?: string
      /** Forced header presence; detected when absent. */
      header?: boolean
    }
  | {
      kind: 'images'
      /** Folder with one sub-folder per class (the sub-folder name is the class name). */
      path: string
      /** [height, width] of every sample after greyscale + resize; default [28, 28]. */
      shape?: [number, number]
    }
  | { kind: 'idx'; images: string; labels: string }
  | {
      kind: 'builtin'
      benchmark: 'split-mnist' | 'permuted-mnist' | 'rotated-mnist'
      /** Task index within the benchmark (split-mnist: digits 2k and 2k+1). */
      k: number
      seed?: number
    }

export interface HoldoutOptions {
  /** Fraction of rows (or of groups) held out, 0 ≤ f < 1; default 0.2. 0 keeps no holdout. */
  fraction?: number
  /** Seed of the split; default 1. */
  seed?: number
  /**
   * Grouped holdout (CSV only): rows with the same group key never sit on both sides.
   * key = value of `column`, or, with `size`, the block ⌊(v − v_min) / size⌋ (so
   * `Minute/60` on minutes 1…2220 gives hours 0…36). Groups are assigned to the holdout
   * stratified by each group's majority class, so every class with ≥ 2 groups is in both parts.
   * Without groupBy: stratified random split per class.
   */
  groupBy?: { column: string; size?: number }
}

/** One thing wrong (or worth knowing) about an input, with where it is and what to do. */
export interface Problem {
  severity: 'error' | 'warning'
  /** Stable machine code, e.g. 'non_numeric', 'ragged_row', 'single_class', 'decode_failed'. */
  code: string
  message: string
  location?: { file?: string; line?: number; row?: number; column?: string }
  fix: string
  /**
   * The values the message is made of, so the UI can say it in its own language (message and
   * fix stay English for the CLI and logs). `variant` names which wording of the code applies.
   */
  params?: ProblemParams
}

export type ProblemParams = Record<string, string | number>

/** Per-feature standardisation x' = (x − mean) / std, mean and std from the TRAIN part only. */
export interface FeatureStats {
  featureNames: string[]
  mean: number[]
  /** Sample std (denominator n − 1); 1 for a constant feature so the division is safe. */
  std: number[]
  min: number[]
  max: number[]
}

export interface DatasetSchema {
  /** Feature names in input order (CSV columns; 'pixel' for images). */
  features: string[]
  label: string | null
  ignored: string[]
  groupBy: string | null
  delimiter?: string
  hasHeader?: boolean
}

export interface HoldoutSummary {
  fraction: number
  seed: number
  mode: 'stratified' | 'grouped' | 'benchmark' | 'none'
  groupBy?: { column: string; size?: number }
  /**
   * Group keys on each side (grouped mode only): with a block size, the block index
   * ⌊(v − v_min) / size⌋; without, the index of the column value in `groupValues`.
   */
  trainGroups?: number[]
  testGroups?: number[]
  /** The distinct column values, in order of first appearance (grouped by value only). */
  groupValues?: string[]
}

/** What an importer produces and `Workspace.addTask` stores. Nothing is written before addTask. */
export interface ImportedDataset {
  data: TaskData
  source: Record<string, unknown>
  schema: DatasetSchema
  classCounts: { train: number[]; test: number[] }
  /** Null for images/IDX/benchmarks (already in [0, 1]). Already applied to data.train/test. */
  stats: FeatureStats | null
  holdout: HoldoutSummary
  /** Non-fatal findings (warnings); errors throw DatasetProblemsError instead. */
  warnings: Problem[]
  /** Sha-256 of the source bytes (CSV/IDX) or of the decoded sample list, for provenance. */
  sourceHash: string
  /** Holdout row indices in source order (CSV rows 0-based, after the header); not stored. */
  testRowIndices?: number[]
}

export interface ColumnPreview {
  name: string
  /** 'numeric' when every non-empty cell parses as a finite number. */
  kind: 'numeric' | 'text' | 'empty'
  role: 'feature' | 'label' | 'ignored' | 'group'
  nonNumeric: number
  min?: number
  max?: number
  mean?: number
}

export interface PreviewSplit {
  train: number
  test: number
  mode: HoldoutSummary['mode']
  /** Grouped mode: how many groups (or blocks) went to each side. */
  trainGroups?: number
  testGroups?: number
}

export interface DatasetPreview {
  kind: DatasetSource['kind']
  rowCount: number
  columns: ColumnPreview[]
  /** First rows as text (CSV cells; for images: [class, file]). */
  sampleRows: string[][]
  classHistogram: Array<{ className: string; count: number }>
  featureStats: FeatureStats | null
  inputShape: number[] | null
  /** A column named label/class/target/y, when the source does not name one. */
  suggestedLabel?: string
  /** The train/holdout split the import would make with the given holdout options (absent while errors remain). */
  split?: PreviewSplit
  /** All problems found (up to 100, then one 'too_many_problems' entry). */
  problems: Problem[]
}

export interface ImportOptions {
  holdout?: HoldoutOptions
  /** Input shape of the workspace's earlier tasks; a different shape is an error. */
  expectedInputShape?: number[]
  /** Called with 0…1 while a large file streams (CSV bytes read, images decoded). */
  onProgress?: (fraction: number) => void
}
