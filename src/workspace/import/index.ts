import { basename, resolve } from 'node:path'
import type { LabelledSet } from '../../shared/dataset'
import { KeizokuError } from '../../shared/errors'
import type {
  ColumnPreview,
  DatasetPreview,
  DatasetSchema,
  DatasetSource,
  FeatureStats,
  ImportedDataset,
  ImportOptions,
  PreviewSplit,
  Problem
} from '../../shared/domain/records'
import { loadBenchmark } from './builtin'
import { scanCsv } from './csv'
import { splitHoldout } from './holdout'
import { scanIdx } from './idx'
import { scanImages } from './images'
import { ProblemList } from './problems'
import { featureStats, gatherLabels, gatherStandardised } from './standardise'
import { say, type ServiceMessage } from '../../shared/messages'

/** Every error-severity problem of a failed import, thrown together. */
export class DatasetProblemsError extends KeizokuError {
  readonly problems: Problem[]
  constructor(message: string, problems: Problem[], hint?: string, said?: ServiceMessage) {
    super('invalid_argument', message, {
      hint,
      detail: problems.map((p) => `${p.message} → ${p.fix}`).join('\n'),
      ...(said ? { say: said } : {})
    })
    this.name = 'DatasetProblemsError'
    this.problems = problems
  }
}

/** Everything a source yields before the holdout split: all rows, labels as sorted class indices. */
interface Analysed {
  x: Float32Array
  y: Int32Array
  n: number
  inputShape: number[]
  classNames: string[]
  groups: Float64Array | null
  groupValues?: string[]
  /** Standardise features (tabular data); images stay in [0, 1]. */
  standardise: boolean
  featureNames: string[]
  source: Record<string, unknown>
  schema: DatasetSchema
  sha256: string
  sampleRows: string[][]
  columns: ColumnPreview[]
  suggestedLabel?: string
  /** Benchmarks come with their own train/test split. */
  presplit?: { train: LabelledSet; test: LabelledSet }
}

const numericSort = (a: string, b: string): number => {
  const x = Number(a)
  const y = Number(b)
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y
  return a.localeCompare(b, 'en', { numeric: true })
}

function product(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1)
}

function classCounts(y: Int32Array, k: number): number[] {
  const c = new Array<number>(k).fill(0)
  for (let i = 0; i < y.length; i++) if (y[i] >= 0) c[y[i]]++
  return c
}

/** A classifier needs ≥ 2 classes, and the split needs ≥ 2 samples of each. */
function checkClasses(counts: number[], names: string[], problems: ProblemList, file?: string): void {
  if (names.length === 1) {
    problems.error(
      'single_class',
      `The data has only one class ("${names[0]}"); a classifier needs at least two.`,
      'Check that the right label column (or folder) is chosen, or add the data of the other classes.',
      file ? { file } : undefined,
      { className: names[0] }
    )
  }
  counts.forEach((c, i) => {
    if (c < 2) {
      problems.error(
        'rare_class',
        `Class "${names[i]}" has ${c} sample${c === 1 ? '' : 's'}; every class needs at least 2 (one to learn from, one to check).`,
        'Add samples of that class, merge it into another class, or remove its rows.',
        file ? { file } : undefined,
        { className: names[i], count: c }
      )
    }
  })
}

function checkShape(inputShape: number[], expected: number[] | undefined, problems: ProblemList): number[] {
  if (!expected) return inputShape
  if (product(expected) === product(inputShape)) return [...expected]
  problems.error(
    'shape_mismatch',
    `Each sample has ${product(inputShape)} values (shape [${inputShape.join(', ')}]), but the workspace's earlier tasks have ${product(expected)} (shape [${expected.join(', ')}]).`,
    'One hypernetwork serves every task, so all tasks need the same input: choose the same feature columns, or the same image size.',
    undefined,
    { got: product(inputShape), want: product(expected) }
  )
  return inputShape
}

async function analyse(source: DatasetSource, opts: ImportOptions, problems: ProblemList): Promise<Analysed | null> {
  const groupBy = opts.holdout?.groupBy
  if (groupBy && source.kind !== 'csv') {
    problems.warning(
      'group_ignored',
      `A grouped holdout needs a column; ${source.kind} data is split stratified by class instead.`,
      'Leave "group by" empty for this kind of data.',
      undefined,
      { kind: source.kind }
    )
  }
  if (source.kind === 'csv') {
    const t = await scanCsv(
      {
        path: source.path,
        label: source.label,
        ignore: source.ignore,
        delimiter: source.delimiter,
        header: source.header,
        groupBy,
        onProgress: opts.onProgress
      },
      problems
    )
    if (!t) return null
    const names = [...t.labelValues].sort(numericSort)
    const remap = t.labelValues.map((v) => names.indexOf(v))
    const y = new Int32Array(t.n)
    for (let i = 0; i < t.n; i++) y[i] = t.labels[i] >= 0 ? remap[t.labels[i]] : -1
    return {
      x: t.features,
      y,
      n: t.n,
      inputShape: [t.featureNames.length],
      classNames: names,
      groups: t.groups,
      groupValues: t.groupValues,
      standardise: true,
      featureNames: t.featureNames,
      source: {
        kind: 'csv',
        file: basename(source.path),
        path: resolve(source.path),
        label: source.label ?? null,
        ignore: source.ignore ?? [],
        delimiter: t.delimiter,
        header: t.hasHeader,
        groupBy: groupBy ?? null
      },
      schema: {
        features: t.featureNames,
        label: t.labelName,
        ignored: t.ignored,
        groupBy: groupBy ? `${groupBy.column}${groupBy.size !== undefined ? `/${groupBy.size}` : ''}` : null,
        delimiter: t.delimiter,
        hasHeader: t.hasHeader
      },
      sha256: t.sha256,
      sampleRows: t.sampleRows,
      columns: t.columnsPreview,
      suggestedLabel: t.suggestedLabel
    }
  }
  if (source.kind === 'images') {
    const s = await scanImages({ path: source.path, shape: source.shape, onProgress: opts.onProgress }, problems)
    if (!s) return null
    return {
      x: s.x,
      y: s.y,
      n: s.n,
      inputShape: [s.shape[0], s.shape[1], 1],
      classNames: s.classNames,
      groups: null,
      standardise: false,
      featureNames: [],
      source: { kind: 'images', path: resolve(source.path), shape: s.shape, files: s.n },
      schema: { features: ['pixel'], label: 'folder', ignored: [], groupBy: null },
      sha256: s.sha256,
      sampleRows: s.sampleRows,
      columns: []
    }
  }
  if (source.kind === 'idx') {
    const s = scanIdx(source.images, source.labels, problems)
    if (!s) return null
    const present = [...new Set(s.labels)].sort((a, b) => a - b)
    const index = new Map(present.map((v, i) => [v, i]))
    const y = new Int32Array(s.n)
    for (let i = 0; i < s.n; i++) y[i] = index.get(s.labels[i]) as number
    return {
      x: s.x,
      y,
      n: s.n,
      inputShape: s.inputShape,
      classNames: present.map(String),
      groups: null,
      standardise: false,
      featureNames: [],
      source: { kind: 'idx', images: resolve(source.images), labels: resolve(source.labels) },
      schema: { features: ['pixel'], label: 'labels file', ignored: [], groupBy: null },
      sha256: s.sha256,
      sampleRows: [],
      columns: []
    }
  }
  const b = await loadBenchmark(source, problems)
  if (!b) return null
  return {
    x: new Float32Array(0),
    y: new Int32Array(0),
    n: b.data.train.n + b.data.test.n,
    inputShape: b.data.train.inputShape,
    classNames: b.data.classNames,
    groups: null,
    standardise: false,
    featureNames: [],
    source: { kind: 'builtin', benchmark: source.benchmark, k: source.k, seed: source.seed ?? null },
    schema: { features: ['pixel'], label: 'digit', ignored: [], groupBy: null },
    sha256: b.sha256,
    sampleRows: [],
    columns: [],
    presplit: { train: b.data.train, test: b.data.test }
  }
}

function failure(source: DatasetSource, problems: ProblemList): DatasetProblemsError {
  const errors = problems.all().filter((p) => p.severity === 'error')
  const what =
    source.kind === 'csv'
      ? basename(source.path)
      : source.kind === 'images'
        ? basename(source.path)
        : source.kind === 'idx'
          ? basename(source.images)
          : source.benchmark
  const head = errors
    .slice(0, 3)
    .map((p) => p.message.replace(/\.$/, ''))
    .join('; ')
  const more = errors.length > 3 ? `; and ${errors.length - 3} more` : ''
  return new DatasetProblemsError(
    `Cannot import ${what}: ${errors.length} problem${errors.length === 1 ? '' : 's'} — ${head}${more}.`,
    problems.all(),
    errors[0]?.fix,
    say('import_failed', { what, count: errors.length })
  )
}

/**
 * Read and validate a source, split off the holdout, standardise tabular features with the
 * TRAIN part's statistics. Writes nothing. All errors together → DatasetProblemsError.
 */
export async function importDataset(source: DatasetSource, opts: ImportOptions = {}): Promise<ImportedDataset> {
  const problems = new ProblemList()
  const fraction = opts.holdout?.fraction ?? 0.2
  if (!(fraction >= 0 && fraction < 1)) {
    throw new KeizokuError(
      'invalid_argument',
      `The holdout fraction must be at least 0 and below 1, got ${fraction}.`,
      {
        hint: 'Use e.g. 0.2 to hold out 20 %.'
      }
    )
  }
  if (opts.holdout?.groupBy?.size !== undefined && !(opts.holdout.groupBy.size > 0)) {
    throw new KeizokuError(
      'invalid_argument',
      `The group block size must be positive, got ${opts.holdout.groupBy.size}.`,
      {
        hint: 'E.g. --group-by Minute/60 groups 60 consecutive minutes.'
      }
    )
  }
  const a = await analyse(source, opts, problems)
  if (!a || problems.hasErrors) throw failure(source, problems)
  const k = a.classNames.length

  if (a.presplit) {
    if (opts.holdout?.fraction !== undefined && opts.holdout.fraction !== 0.2) {
      problems.warning(
        'holdout_ignored',
        `Built-in benchmarks keep their own train/test split; the holdout of ${opts.holdout.fraction} was not applied.`,
        'Leave the holdout at its default for benchmarks.',
        undefined,
        { fraction: opts.holdout.fraction }
      )
    }
    const inputShape = checkShape(a.inputShape, opts.expectedInputShape, problems)
    if (problems.hasErrors) throw failure(source, problems)
    const train = { ...a.presplit.train, inputShape }
    const test = { ...a.presplit.test, inputShape }
    return {
      data: { name: String(a.source.benchmark), train, test, classNames: a.classNames },
      source: a.source,
      schema: a.schema,
      classCounts: { train: classCounts(train.y, k), test: classCounts(test.y, k) },
      stats: null,
      holdout: {
        fraction: test.n / Math.max(1, train.n + test.n),
        seed: Number(a.source.seed ?? 0),
        mode: 'benchmark'
      },
      warnings: problems.warnings,
      sourceHash: a.sha256
    }
  }

  checkClasses(classCounts(a.y, k), a.classNames, problems)
  const inputShape = checkShape(a.inputShape, opts.expectedInputShape, problems)
  if (problems.hasErrors) throw failure(source, problems)

  const split = splitHoldout(a.y, k, a.groups, { ...opts.holdout, fraction })
  const d = product(a.inputShape)
  const stats = a.standardise ? featureStats(a.x, d, split.train, a.featureNames) : null
  const trainCounts = classCounts(gatherLabels(a.y, split.train), k)
  const testCounts = classCounts(gatherLabels(a.y, split.test), k)
  a.classNames.forEach((name, c) => {
    if (fraction > 0 && testCounts[c] === 0) {
      problems.warning(
        'class_not_in_holdout',
        `Class "${name}" has no rows in the holdout set, so its accuracy cannot be checked.`,
        'Use a larger holdout, or smaller groups.',
        undefined,
        { className: name }
      )
    }
    if (trainCounts[c] === 0) {
      problems.warning(
        'class_not_in_train',
        `Class "${name}" has no rows in the training part.`,
        'Use a smaller holdout, or smaller groups.',
        undefined,
        { className: name }
      )
    }
  })
  if (stats) {
    stats.featureNames.forEach((f, j) => {
      if (stats.max[j] === stats.min[j]) {
        problems.warning(
          'constant_feature',
          `Feature "${f}" has the same value (${stats.min[j]}) in every training row; it carries no information.`,
          `Ignore column "${f}".`,
          { column: f },
          { column: f, value: stats.min[j] }
        )
      }
    })
  }
  const set = (rows: Int32Array): LabelledSet => ({
    x: gatherStandardised(a.x, d, rows, stats),
    y: gatherLabels(a.y, rows),
    n: rows.length,
    inputShape,
    numClasses: k
  })
  return {
    data: {
      name: basename(String(a.source.path ?? a.source.images ?? 'data')),
      train: set(split.train),
      test: set(split.test),
      classNames: a.classNames
    },
    source: a.source,
    schema: a.schema,
    classCounts: { train: trainCounts, test: testCounts },
    stats,
    holdout: a.groupValues ? { ...split.summary, groupValues: a.groupValues } : split.summary,
    warnings: problems.warnings,
    sourceHash: a.sha256,
    testRowIndices: Array.from(split.test)
  }
}

/** The split importDataset would make: the same function, seed and options, so the wizard can show it. */
function previewSplit(a: Analysed, opts: ImportOptions): PreviewSplit | undefined {
  if (a.presplit) return { train: a.presplit.train.n, test: a.presplit.test.n, mode: 'benchmark' }
  const fraction = opts.holdout?.fraction ?? 0.2
  if (!(fraction >= 0 && fraction < 1)) return undefined
  const split = splitHoldout(a.y, a.classNames.length, a.groups, { ...opts.holdout, fraction })
  const out: PreviewSplit = { train: split.train.length, test: split.test.length, mode: split.summary.mode }
  if (split.summary.trainGroups) out.trainGroups = split.summary.trainGroups.length
  if (split.summary.testGroups) out.testGroups = split.summary.testGroups.length
  return out
}

/**
 * What the wizard shows before import: columns, first rows, class histogram, feature
 * statistics (over all rows) and every problem the import would report. Never throws for bad
 * data.
 */
export async function previewDataset(source: DatasetSource, opts: ImportOptions = {}): Promise<DatasetPreview> {
  const problems = new ProblemList()
  const a = await analyse(source, opts, problems)
  if (!a) {
    return {
      kind: source.kind,
      rowCount: 0,
      columns: [],
      sampleRows: [],
      classHistogram: [],
      featureStats: null,
      inputShape: null,
      problems: problems.all()
    }
  }
  let y = a.y
  if (a.presplit) {
    y = new Int32Array(a.presplit.train.n + a.presplit.test.n)
    y.set(a.presplit.train.y)
    y.set(a.presplit.test.y, a.presplit.train.n)
  }
  const counts = classCounts(y, a.classNames.length)
  if (!a.presplit && a.classNames.length > 0) checkClasses(counts, a.classNames, problems)
  const inputShape = checkShape(a.inputShape, opts.expectedInputShape, problems)
  let stats: FeatureStats | null = null
  if (a.standardise && a.n > 0 && a.featureNames.length > 0)
    stats = featureStats(a.x, a.featureNames.length, null, a.featureNames)
  const preview: DatasetPreview = {
    kind: source.kind,
    rowCount: a.n,
    columns: a.columns,
    sampleRows: a.sampleRows,
    classHistogram: a.classNames.map((className, i) => ({ className, count: counts[i] })),
    featureStats: stats,
    inputShape,
    problems: problems.all()
  }
  if (a.suggestedLabel) preview.suggestedLabel = a.suggestedLabel
  if (!problems.hasErrors) preview.split = previewSplit(a, opts)
  return preview
}
