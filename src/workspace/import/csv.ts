import { existsSync, statSync } from 'node:fs'
import { basename, extname } from 'node:path'
import type { ColumnPreview } from '../../shared/domain/records'
import { readCsvRecords } from './csvReader'
import {
  ColumnTally,
  cellKind,
  cellNumber,
  columnPreviews,
  loc,
  reportCellProblems,
  type CellIssue
} from './csvColumns'
import { KIND_NAMES, readHead, sniff } from './magic'
import type { ProblemList } from './problems'

export interface CsvOptions {
  path: string
  label?: string
  ignore?: string[]
  delimiter?: string
  header?: boolean
  groupBy?: { column: string; size?: number }
  onProgress?: (fraction: number) => void
}

/** The file as numbers: one row per accepted record, features row-major. */
export interface CsvTable {
  path: string
  delimiter: string
  hasHeader: boolean
  columns: string[]
  featureNames: string[]
  labelName: string | null
  ignored: string[]
  /** Accepted rows (records with the right field count). */
  n: number
  /** n × featureNames.length; a bad cell is NaN (and an error was reported). */
  features: Float32Array
  /** Label per row as an index into labelValues (first-appearance order); −1 when empty. */
  labels: Int32Array
  labelValues: string[]
  /** Group key per row (block index or value index), null without groupBy. */
  groups: Float64Array | null
  /** Distinct group values in order of first appearance (group by value, without a block size). */
  groupValues?: string[]
  columnsPreview: ColumnPreview[]
  sampleRows: string[][]
  sha256: string
  suggestedLabel?: string
}

const CANDIDATES = [',', '\t', ';', '|']
const LABEL_NAMES = ['label', 'class', 'target', 'y', 'category', 'klass']

/** Delimiter whose count per line (outside quotes) is the same and largest over the first lines. */
export function sniffDelimiter(head: string, preferTab: boolean): string {
  const lines: string[] = []
  let cur = ''
  let inQ = false
  for (let i = 0; i < head.length && lines.length < 30; i++) {
    const ch = head[i]
    if (ch === '"') inQ = !inQ
    if (!inQ && (ch === '\n' || ch === '\r')) {
      if (cur.length > 0) lines.push(cur)
      cur = ''
      continue
    }
    cur += ch
  }
  if (cur.length > 0 && lines.length === 0) lines.push(cur)
  let best = preferTab ? '\t' : ','
  let bestScore = -1
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => {
      let c = 0
      let q = false
      for (const ch of l) {
        if (ch === '"') q = !q
        else if (!q && ch === d) c++
      }
      return c
    })
    if (counts.length === 0) continue
    const min = Math.min(...counts)
    const consistent = counts.every((c) => c === counts[0])
    const score = min === 0 ? -1 : (consistent ? 1000 : 0) + min + (preferTab && d === '\t' ? 0.5 : 0)
    if (score > bestScore) {
      bestScore = score
      best = d
    }
  }
  return best
}

/**
 * Stream a CSV/TSV file once: sniff delimiter and header, check every cell, keep the feature
 * values as float32, the labels and the group keys. Every problem goes to `problems`; the table
 * is returned even when there are errors (the preview shows it).
 */
export async function scanCsv(opts: CsvOptions, problems: ProblemList): Promise<CsvTable | null> {
  const file = basename(opts.path)
  if (existsSync(opts.path) && statSync(opts.path).isDirectory()) {
    problems.error(
      'file_not_found',
      `${opts.path} is a folder, not a CSV file.`,
      'Give the path of the CSV file inside it; to import a folder of images, use --images (CLI) or "Image folder" (app).',
      { file },
      { path: opts.path, variant: 'folder' }
    )
    return null
  }
  if (!existsSync(opts.path) || !statSync(opts.path).isFile()) {
    problems.error(
      'file_not_found',
      `The file ${opts.path} does not exist.`,
      'Check the path, or choose the file again.',
      { file },
      { path: opts.path }
    )
    return null
  }
  const headBytes = readHead(opts.path)
  const kind = sniff(headBytes)
  if (kind === 'empty' || (kind === 'text' && new TextDecoder().decode(headBytes).trim().length === 0)) {
    problems.error(
      'empty_file',
      `${file} is empty.`,
      'Choose the file that holds the data, or export it again.',
      { file },
      { file }
    )
    return null
  }
  if (kind !== 'text') {
    problems.error(
      'wrong_file_type',
      `${file} is not a CSV/TSV text file: its first bytes say it is ${KIND_NAMES[kind]}.`,
      kind === 'zip'
        ? 'Open it in your spreadsheet program and save it as "CSV UTF-8".'
        : kind === 'utf16'
          ? 'Save it as UTF-8 text (e.g. "CSV UTF-8" in Excel).'
          : 'Choose the CSV export of the data, not this file.',
      { file }
    )
    return null
  }
  const headText = new TextDecoder().decode(headBytes)
  const ext = extname(opts.path).toLowerCase()
  const delimiter = opts.delimiter ?? sniffDelimiter(headText, ext === '.tsv' || ext === '.tab')

  const ignore = new Set(opts.ignore ?? [])
  let columns: string[] = []
  let hasHeader = opts.header ?? false
  let decided = false
  let pendingFirst: { fields: string[]; line: number } | null = null
  let tallies: ColumnTally[] = []
  let featureCols: number[] = []
  /** Column → position among the features, −1 for label/ignored columns. */
  let featureAt = new Int32Array(0)
  let labelCol = -1
  let groupCol = -1
  let ncol = 0
  let d = 0
  let n = 0
  let cap = 1024
  let features = new Float32Array(0)
  let labels = new Int32Array(0)
  let groupRaw: Float64Array | null = null
  const groupKeys = new Map<string, number>()
  const labelIndex = new Map<string, number>()
  const labelValues: string[] = []
  const sampleRows: string[][] = []
  let ragged = 0
  const firstRagged: Array<{ line: number; count: number }> = []
  const labelEmpty: CellIssue[] = []
  let labelEmptyCount = 0
  const groupBad: CellIssue[] = []
  let groupBadCount = 0
  let suggestedLabel: string | undefined

  const setup = (names: string[]): void => {
    const seen = new Map<string, number>()
    columns = names.map((raw, i) => {
      let name = raw.trim() === '' ? `col${i + 1}` : raw.trim()
      if (seen.has(name)) {
        const renamed = `${name}_${i + 1}`
        problems.warning(
          'duplicate_column',
          `Column name "${name}" appears twice (columns ${(seen.get(name) ?? 0) + 1} and ${i + 1}); the second is called "${renamed}".`,
          'Rename one of the columns in the file if the name matters.',
          { file, column: name }
        )
        name = renamed
      }
      seen.set(name, i)
      return name
    })
    ncol = columns.length
    tallies = columns.map(() => new ColumnTally())
    suggestedLabel = columns.find((c) => LABEL_NAMES.includes(c.toLowerCase()))
    const list = columns.slice(0, 20).join(', ') + (columns.length > 20 ? ', …' : '')
    if (opts.label === undefined) {
      problems.error(
        'no_label_column',
        `No label column is chosen for ${file}.`,
        suggestedLabel
          ? `Choose the column that holds the class, probably "${suggestedLabel}" (columns: ${list}).`
          : `Choose the column that holds the class (columns: ${list}).`,
        { file },
        suggestedLabel
          ? { variant: 'noneSuggested', file, columns: list, suggested: suggestedLabel }
          : { variant: 'none', file, columns: list }
      )
    } else {
      labelCol = columns.indexOf(opts.label)
      if (labelCol < 0) {
        problems.error(
          'no_label_column',
          `${file} has no column "${opts.label}" to use as the label.`,
          `Use one of: ${list}.`,
          {
            file,
            column: opts.label
          },
          { variant: 'missing', file, column: opts.label, columns: list }
        )
      }
    }
    for (const c of ignore) {
      if (!columns.includes(c)) {
        problems.error(
          'unknown_column',
          `${file} has no column "${c}" to ignore.`,
          `Use names from: ${list}.`,
          { file, column: c },
          { variant: 'ignore', file, column: c, columns: list }
        )
      }
    }
    if (opts.groupBy) {
      groupCol = columns.indexOf(opts.groupBy.column)
      if (groupCol < 0) {
        problems.error(
          'unknown_column',
          `${file} has no column "${opts.groupBy.column}" to group the holdout by.`,
          `Use one of: ${list}.`,
          {
            file,
            column: opts.groupBy.column
          },
          { variant: 'group', file, column: opts.groupBy.column, columns: list }
        )
      } else {
        groupRaw = new Float64Array(cap)
      }
    }
    featureCols = columns.map((_, i) => i).filter((i) => i !== labelCol && !ignore.has(columns[i]))
    if (labelCol >= 0 && featureCols.length === 0) {
      problems.error(
        'no_features',
        `${file} has no feature columns left after the label and the ignored columns.`,
        'Ignore fewer columns.',
        { file },
        { file }
      )
    }
    d = featureCols.length
    featureAt = new Int32Array(ncol).fill(-1)
    featureCols.forEach((c, f) => (featureAt[c] = f))
    features = new Float32Array(cap * d)
    labels = new Int32Array(cap)
  }

  const grow = (): void => {
    cap *= 2
    const f = new Float32Array(cap * d)
    f.set(features)
    features = f
    const l = new Int32Array(cap)
    l.set(labels)
    labels = l
    if (groupRaw) {
      const g = new Float64Array(cap)
      g.set(groupRaw)
      groupRaw = g
    }
  }

  const addRow = (fields: string[], line: number): void => {
    if (fields.length !== ncol) {
      ragged++
      if (firstRagged.length < 3) firstRagged.push({ line, count: fields.length })
      return
    }
    if (sampleRows.length < 10) sampleRows.push(fields)
    if (n === cap) grow()
    const row = n + 1
    const base = n * d
    // One Number() per cell: the value goes to the column tally and, for a feature, the table.
    for (let c = 0; c < ncol; c++) {
      const s = fields[c]
      const v = cellNumber(s)
      const f = featureAt[c]
      if (f >= 0) features[base + f] = v
      const t = tallies[c]
      if (v === v && v !== Infinity && v !== -Infinity) {
        t.numeric++
        if (v < t.min) t.min = v
        if (v > t.max) t.max = v
        t.sum += v
        continue
      }
      const k = cellKind(s, v)
      if (k === 'empty') {
        t.empty++
        if (t.firstEmpty.length < 3) t.firstEmpty.push({ line, row, value: s })
      } else if (k === 'not_finite') {
        t.notFinite++
        if (t.firstNotFinite.length < 3) t.firstNotFinite.push({ line, row, value: s })
      } else {
        t.nonNumeric++
        if (t.firstNonNumeric.length < 3) t.firstNonNumeric.push({ line, row, value: s })
      }
    }
    if (labelCol >= 0) {
      const lv = fields[labelCol].trim()
      if (lv === '') {
        labelEmptyCount++
        if (labelEmpty.length < 3) labelEmpty.push({ line, row, value: '' })
        labels[n] = -1
      } else {
        let li = labelIndex.get(lv)
        if (li === undefined) {
          li = labelValues.length
          labelIndex.set(lv, li)
          labelValues.push(lv)
        }
        labels[n] = li
      }
    }
    if (groupRaw && groupCol >= 0) {
      const gs = fields[groupCol]
      if (opts.groupBy?.size !== undefined) {
        const gv = cellNumber(gs)
        if (!Number.isFinite(gv)) {
          groupBadCount++
          if (groupBad.length < 3) groupBad.push({ line, row, value: gs })
        }
        groupRaw[n] = gv
      } else {
        const key = gs.trim()
        let gi = groupKeys.get(key)
        if (gi === undefined) {
          gi = groupKeys.size
          groupKeys.set(key, gi)
        }
        groupRaw[n] = gi
      }
    }
    n++
  }

  const isNumericCell = (s: string): boolean => Number.isFinite(cellNumber(s))

  const read = await readCsvRecords(
    opts.path,
    delimiter,
    (fields, line) => {
      if (!decided) {
        if (opts.header !== undefined) {
          decided = true
          if (hasHeader) {
            setup(fields)
            return
          }
          setup(fields.map((_, i) => `col${i + 1}`))
          addRow(fields, line)
          return
        }
        if (!pendingFirst) {
          pendingFirst = { fields, line }
          return
        }
        // Header when the label name is in the first record, or a column is text in the
        // first record and a number in the second.
        const first: { fields: string[]; line: number } = pendingFirst
        hasHeader =
          (opts.label !== undefined && first.fields.map((f) => f.trim()).includes(opts.label)) ||
          first.fields.some((f, i) => !isNumericCell(f) && i < fields.length && isNumericCell(fields[i])) ||
          first.fields.every((f) => !isNumericCell(f))
        decided = true
        if (hasHeader) setup(first.fields)
        else {
          setup(first.fields.map((_, i) => `col${i + 1}`))
          addRow(first.fields, first.line)
        }
        addRow(fields, line)
        return
      }
      addRow(fields, line)
    },
    opts.onProgress
  )
  if (!decided && pendingFirst) {
    const only: { fields: string[]; line: number } = pendingFirst
    hasHeader = only.fields.some((f) => !isNumericCell(f))
    if (hasHeader) setup(only.fields)
    else {
      setup(only.fields.map((_, i) => `col${i + 1}`))
      addRow(only.fields, only.line)
    }
  }

  if (read.unterminatedQuoteLine !== undefined) {
    problems.error(
      'unterminated_quote',
      `${file}, line ${read.unterminatedQuoteLine}: a quoted field opens with " and never closes.`,
      'Close the quote, or double a quote that belongs to the text ("").',
      { file, line: read.unterminatedQuoteLine }
    )
  }
  if (read.binaryAtLine !== undefined) {
    problems.error(
      'binary_content',
      `${file}, line ${read.binaryAtLine}: the file turns into binary data (NUL bytes) here; a CSV file is text throughout.`,
      'The file is damaged or was cut while copying; export it again.',
      { file, line: read.binaryAtLine }
    )
  }
  if (read.tooLongLine !== undefined) {
    problems.error(
      'record_too_long',
      `${file}, line ${read.tooLongLine}: more than 16 million characters without a line break.`,
      'Check that this is a CSV file with one record per line.',
      { file, line: read.tooLongLine }
    )
  }
  if (read.strayQuoteLine !== undefined) {
    problems.warning(
      'stray_quote',
      `${file}, line ${read.strayQuoteLine}: text follows a closing quote; it was kept as part of the field.`,
      'Quote the whole field, and double quotes inside it ("").',
      { file, line: read.strayQuoteLine }
    )
  }
  if (ragged > 0) {
    const ex = firstRagged.map((r) => `line ${r.line} has ${r.count}`).join(', ')
    problems.error(
      'ragged_row',
      `${file}: ${ragged} row(s) do not have ${ncol} fields like the ${hasHeader ? 'header' : 'first row'} (${ex}).`,
      'Fix those rows (a missing or extra delimiter, or an unquoted delimiter inside a value), or remove them.',
      { file, line: firstRagged[0].line },
      { file, count: ragged, fields: ncol, line: firstRagged[0].line, got: firstRagged[0].count }
    )
  }
  if (columns.length > 0 && n === 0 && ragged === 0) {
    problems.error(
      'no_rows',
      `${file} has a header but no data rows.`,
      'Choose the file with the data.',
      { file },
      { file }
    )
  }

  reportCellProblems(problems, file, columns, labelCol >= 0 ? featureCols : [], tallies)
  if (labelEmptyCount > 0) {
    const c = labelEmpty[0]
    problems.error(
      'missing_label',
      `${file}: ${labelEmptyCount} row(s) have no label in column "${columns[labelCol]}", the first at line ${c.line} (row ${c.row}).`,
      'Fill in the class of those rows, or remove them.',
      loc(file, c.line, c.row, columns[labelCol]),
      { file, count: labelEmptyCount, column: columns[labelCol], line: c.line, row: c.row }
    )
  }
  if (groupBadCount > 0) {
    const c = groupBad[0]
    problems.error(
      'non_numeric',
      `${file}: ${groupBadCount} row(s) have no number in the grouping column "${columns[groupCol]}", the first at line ${c.line}: "${c.value}".`,
      `Blocks of ${opts.groupBy?.size} need a numeric column; group by the plain column (without /SIZE) to use its values as groups.`,
      loc(file, c.line, c.row, columns[groupCol]),
      {
        variant: 'group',
        file,
        count: groupBadCount,
        column: columns[groupCol],
        line: c.line,
        value: c.value,
        size: opts.groupBy?.size ?? ''
      }
    )
  }

  const columnsPreview = columnPreviews(columns, tallies, labelCol, groupCol, ignore)

  let groups: Float64Array | null = null
  const gr = groupRaw as Float64Array | null
  if (gr && groupCol >= 0) {
    groups = gr.slice(0, n)
    const size = opts.groupBy?.size
    if (size !== undefined) {
      // Block index ⌊(v − v_min) / size⌋: with Minute 1…2220 and size 60, hours 0…36.
      let min = Infinity
      for (let i = 0; i < n; i++) if (groups[i] < min) min = groups[i]
      for (let i = 0; i < n; i++) groups[i] = Number.isFinite(groups[i]) ? Math.floor((groups[i] - min) / size) : -1
    }
  }

  return {
    path: opts.path,
    delimiter,
    hasHeader,
    columns,
    featureNames: featureCols.map((c) => columns[c]),
    labelName: labelCol >= 0 ? columns[labelCol] : null,
    ignored: columns.filter((c) => ignore.has(c)),
    n,
    features: features.subarray(0, n * d),
    labels: labels.subarray(0, n),
    labelValues,
    groups,
    columnsPreview,
    sampleRows,
    sha256: read.sha256,
    suggestedLabel,
    ...(groups && opts.groupBy?.size === undefined ? { groupValues: [...groupKeys.keys()] } : {})
  }
}
