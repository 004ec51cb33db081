import type { ColumnPreview } from '../../shared/domain/records'
import type { ProblemList } from './problems'

/**
 * Per-column bookkeeping of a CSV scan (csv.ts): what kind each cell is, the tallies of every
 * column, the cell problems folded per column, and the column preview the wizard shows.
 */

/** Number of a cell: 'ok' finite, or what is wrong with it. */
export function cellNumber(s: string): number {
  if (s.length === 0) return NaN
  const v = Number(s)
  if (v === 0 && s.trim().length === 0) return NaN
  return v
}

export function cellKind(s: string, v: number): 'ok' | 'empty' | 'not_finite' | 'non_numeric' {
  if (Number.isFinite(v)) return 'ok'
  if (s.trim().length === 0) return 'empty'
  if (v === Infinity || v === -Infinity) return 'not_finite'
  return /^[+-]?(nan|inf|infinity)$/i.test(s.trim()) ? 'not_finite' : 'non_numeric'
}

export interface CellIssue {
  line: number
  row: number
  value: string
}

export class ColumnTally {
  numeric = 0
  empty = 0
  nonNumeric = 0
  notFinite = 0
  min = Infinity
  max = -Infinity
  sum = 0
  readonly firstNonNumeric: CellIssue[] = []
  readonly firstNotFinite: CellIssue[] = []
  readonly firstEmpty: CellIssue[] = []
}

/** Where a problem is in the file; rows count data records from 1, lines are physical lines. */
export function loc(
  file: string,
  line: number,
  row: number,
  column?: string
): { file: string; line: number; row: number; column?: string } {
  return column === undefined ? { file, line, row } : { file, line, row, column }
}

/**
 * Cell problems of the feature columns, folded per column: each cell when few, one entry per
 * column when many. (Without a label column every column counts as a feature, so the caller
 * passes no columns until the label is chosen.)
 */
export function reportCellProblems(
  problems: ProblemList,
  file: string,
  columns: string[],
  featureCols: number[],
  tallies: ColumnTally[]
): void {
  const reportCells = (
    col: number,
    issues: CellIssue[],
    count: number,
    code: string,
    what: (v: string) => string,
    fix: string
  ): void => {
    if (count === 0) return
    const name = columns[col]
    if (count <= 3) {
      for (const c of issues) {
        problems.error(
          code,
          `${file}, line ${c.line} (row ${c.row}), column "${name}": ${what(c.value)}.`,
          fix,
          loc(file, c.line, c.row, name),
          { variant: 'one', file, line: c.line, row: c.row, column: name, value: c.value }
        )
      }
    } else {
      const c = issues[0]
      problems.error(
        code,
        `${file}, column "${name}": ${count} cells are not usable numbers, the first at line ${c.line} (row ${c.row}): ${what(c.value)}.`,
        fix,
        loc(file, c.line, c.row, name),
        { variant: 'many', file, count, line: c.line, row: c.row, column: name, value: c.value }
      )
    }
  }
  for (const col of featureCols) {
    const t = tallies[col]
    const ignoreHint = `Fix the cells, or ignore column "${columns[col]}" if it is not a measurement (e.g. a date or an id).`
    reportCells(
      col,
      t.firstNonNumeric,
      t.nonNumeric,
      'non_numeric',
      (v) => `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}" is not a number`,
      ignoreHint
    )
    reportCells(
      col,
      t.firstNotFinite,
      t.notFinite,
      'not_finite',
      (v) => `"${v}" is not a finite number (NaN or infinity)`,
      'Replace NaN/Inf by a measured value, or remove those rows.'
    )
    reportCells(
      col,
      t.firstEmpty,
      t.empty,
      'missing_value',
      () => 'the cell is empty',
      'Fill in the missing values, or remove those rows.'
    )
  }
}

/** What the preview shows of each column: its kind, its role and the range of its numbers. */
export function columnPreviews(
  columns: string[],
  tallies: ColumnTally[],
  labelCol: number,
  groupCol: number,
  ignore: Set<string>
): ColumnPreview[] {
  return columns.map((name, i) => {
    const t = tallies[i]
    const role: ColumnPreview['role'] =
      i === labelCol
        ? 'label'
        : ignore.has(name)
          ? i === groupCol
            ? 'group'
            : 'ignored'
          : i === groupCol
            ? 'group'
            : 'feature'
    const kind: ColumnPreview['kind'] =
      t.numeric === 0 && t.nonNumeric === 0 && t.notFinite === 0
        ? 'empty'
        : t.nonNumeric + t.notFinite > 0
          ? 'text'
          : 'numeric'
    const p: ColumnPreview = { name, kind, role, nonNumeric: t.nonNumeric + t.notFinite }
    if (t.numeric > 0) {
      p.min = t.min
      p.max = t.max
      p.mean = t.sum / t.numeric
    }
    return p
  })
}
