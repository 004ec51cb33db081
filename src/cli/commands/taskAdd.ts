import type { DatasetSource, HoldoutOptions } from '../../shared/domain/records'
import { emit, usageError } from '../output'
import { intOption, numberOption, requirePositional, requireString, stringOption } from '../parse'
import type { Command } from './types'
import { describeTask, withWorkspace } from './workspaceCli'

const USAGE =
  'keizoku task add DIR --name NAME (--csv FILE --label COLUMN [--ignore COL,COL] [--group-by COLUMN[/SIZE]] [--delimiter C] [--header yes|no] | ' +
  '--images DIR [--shape 28x28] | --idx IMAGES LABELS | --builtin split-mnist:K|permuted-mnist:K|rotated-mnist:K) ' +
  '[--holdout 0.2] [--keep-train yes|no] [--seed S] [--json]'

const BENCHMARKS = ['split-mnist', 'permuted-mnist', 'rotated-mnist'] as const

/** `Minute/60` → { column: 'Minute', size: 60 }; a name without a numeric /SIZE is the whole column. */
export function parseGroupBy(text: string): { column: string; size?: number } {
  const slash = text.lastIndexOf('/')
  if (slash > 0) {
    const size = Number(text.slice(slash + 1))
    if (text.slice(slash + 1).trim() !== '' && Number.isFinite(size)) {
      if (!(size > 0))
        throw usageError(
          `--group-by block size must be positive, got "${text.slice(slash + 1)}".`,
          'E.g. --group-by Minute/60.'
        )
      return { column: text.slice(0, slash), size }
    }
  }
  return { column: text }
}

function parseSource(args: Parameters<Command['run']>[0]): DatasetSource {
  const csv = stringOption(args, 'csv')
  const images = stringOption(args, 'images')
  const idx = stringOption(args, 'idx')
  const builtin = stringOption(args, 'builtin')
  const given = [csv, images, idx, builtin].filter((v) => v !== undefined).length
  if (given !== 1)
    throw usageError('Give exactly one data source: --csv, --images, --idx or --builtin.', `Usage: ${USAGE}`)
  if (csv !== undefined) {
    const ignore = stringOption(args, 'ignore')
    const delimiter = stringOption(args, 'delimiter')
    const header = stringOption(args, 'header')
    if (header !== undefined && header !== 'yes' && header !== 'no')
      throw usageError(`--header must be yes or no, got "${header}".`)
    return {
      kind: 'csv',
      path: csv,
      label: requireString(args, 'label', USAGE),
      ignore: ignore
        ? ignore
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
      ...(delimiter !== undefined ? { delimiter: delimiter === '\\t' || delimiter === 'tab' ? '\t' : delimiter } : {}),
      ...(header !== undefined ? { header: header === 'yes' } : {})
    }
  }
  if (images !== undefined) {
    const shapeText = stringOption(args, 'shape') ?? '28x28'
    const m = /^(\d+)x(\d+)$/.exec(shapeText)
    if (!m) throw usageError(`--shape must look like 28x28 (height x width), got "${shapeText}".`)
    return { kind: 'images', path: images, shape: [Number(m[1]), Number(m[2])] }
  }
  if (idx !== undefined) {
    const labels = stringOption(args, 'labels') ?? args.positionals[1]
    if (!labels)
      throw usageError(
        '--idx needs two files: the images file and the labels file.',
        'E.g. --idx train-images-idx3-ubyte train-labels-idx1-ubyte'
      )
    return { kind: 'idx', images: idx, labels }
  }
  const m = /^([a-z-]+):(\d+)$/.exec(builtin ?? '')
  if (!m || !(BENCHMARKS as readonly string[]).includes(m[1])) {
    throw usageError(`--builtin must be one of ${BENCHMARKS.map((b) => `${b}:K`).join(', ')}; got "${builtin}".`)
  }
  const seed = stringOption(args, 'seed')
  return {
    kind: 'builtin',
    benchmark: m[1] as (typeof BENCHMARKS)[number],
    k: Number(m[2]),
    ...(seed !== undefined ? { seed: intOption(args, 'seed', 1) } : {})
  }
}

export const taskAddCommand: Command = {
  name: 'task add',
  summary: 'Import a dataset (CSV/TSV, image folder, IDX, built-in benchmark) as the next task.',
  usage: USAGE,
  options: {
    name: { type: 'string' },
    csv: { type: 'string' },
    label: { type: 'string' },
    ignore: { type: 'string' },
    'group-by': { type: 'string' },
    delimiter: { type: 'string' },
    header: { type: 'string' },
    images: { type: 'string' },
    shape: { type: 'string' },
    idx: { type: 'string' },
    labels: { type: 'string' },
    builtin: { type: 'string' },
    holdout: { type: 'string' },
    'keep-train': { type: 'string' },
    seed: { type: 'string' }
  },
  async run(args, ctx) {
    requirePositional(args, 0, 'the workspace folder DIR', USAGE)
    const name = requireString(args, 'name', USAGE)
    const source = parseSource(args)
    const keep = stringOption(args, 'keep-train') ?? 'yes'
    if (keep !== 'yes' && keep !== 'no') throw usageError(`--keep-train must be yes or no, got "${keep}".`)
    const groupText = stringOption(args, 'group-by')
    if (groupText !== undefined && source.kind !== 'csv')
      throw usageError('--group-by works with --csv only (it names a column).')
    const holdout: HoldoutOptions = {
      fraction: numberOption(args, 'holdout', 0.2),
      seed: intOption(args, 'seed', 1),
      ...(groupText !== undefined ? { groupBy: parseGroupBy(groupText) } : {})
    }
    // The service backs the workspace up after every task add, as for every host.
    const task = await withWorkspace(args, USAGE, (s, by) =>
      s.invoke('task.add', { name, source, holdout, keepTrain: keep === 'yes', by })
    )
    emit(ctx, task, () =>
      [describeTask(task), ...task.warnings.map((w) => `warning: ${w.message} ${w.fix}`)].join('\n')
    )
  }
}
