/**
 * Types of the report builder. A report is built in two steps: `collect*` turns workspace rows
 * into plain data (numbers plus where each came from), then the HTML/CSV writers lay that data
 * out. The same data feeds every format, so the PDF, the HTML and the CSV never disagree.
 */
import type { CLMetrics } from '../../engine/metrics'

import type { Language, ReportFormat, ReportKind } from '../../shared/domain/lists'

export { REPORT_FORMATS, REPORT_KINDS, type ReportFormat, type ReportKind } from '../../shared/domain/lists'
export type ReportLang = Language

/** Where a number came from, shown next to it. */
export interface Provenance {
  /** e.g. 'version #12', 'bench results.json (seed 1, 2)', 'settings'. */
  label: string
  /** ISO-8601 time of the source record, when it has one. */
  at: string | null
}

export interface ReportTask {
  id: number
  seq: number
  name: string
}

/** One row of the accuracy matrix: the version that learned task i of the lineage. */
export interface MatrixRow {
  index: number
  versionId: number
  method: string
  status: string
  createdAt: string
  /** R[i][j]; null where not measured (j > i unless a pre-training accuracy was stored). */
  values: Array<number | null>
}

/** The accuracy matrix R of one lineage (or of a bench method). */
export interface AccuracyMatrix {
  tasks: ReportTask[]
  rows: MatrixRow[]
}

export interface MetricsResult {
  /** Null when the lower triangle of R is incomplete (then `problem` says which entry). */
  metrics: CLMetrics | null
  problem: string | null
  /** Why FWT is null: one task only, or R[i−1][i] / b[i] not stored. */
  fwtNote: 'one_task' | 'not_stored' | null
}

/** Output drift of old task j when task i was learned: D[i][j], j < i. */
export interface DriftTable {
  rows: Array<{ index: number; versionId: number; createdAt: string; values: Array<number | null> }>
}

export interface DecisionRow {
  at: string
  kind: 'approval' | 'audit'
  id: number
  versionId: number | null
  taskName: string | null
  decision: string
  by: string
  comment: string
}

export interface ReportOptions {
  kind: ReportKind
  format: ReportFormat
  /** Default: the workspace language. */
  lang?: ReportLang
  /** Report on the lineage ending at this version instead of the active one. */
  versionId?: number
  /** Parsed bench results (see baselines.ts), shown as measured on the benchmark. */
  bench?: BenchResults
  /** Generation time; defaults to now (tests fix it). */
  now?: Date
}

/** A method measured on a benchmark by `keizoku bench --out` (see baselines.ts). */
export interface BenchMethod {
  method: string
  seeds: number[]
  /** Mean over seeds, element-wise. */
  R: number[][]
  /** Untrained-model accuracy per task (mean over seeds), for FWT; null when absent. */
  b: number[] | null
  /** Training seconds (the file's trainSeconds, else its wall time), mean over seeds. */
  wallSeconds: number | null
  parameterCounts: { shared: number; perTask: number; mainNet: number } | null
  bytesPerTask: number | null
  backend: string | null
}

export interface BenchResults {
  file: string
  benchmark: string | null
  createdAt: string | null
  methods: BenchMethod[]
}
