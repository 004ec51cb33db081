/**
 * Readers for the plain numeric files the analysis commands take (`hscore`, `metrics`): a
 * features CSV without header, a labels file with one integer per line, and JSON arrays.
 * Every error names the file, the line and the column, and says what to change.
 */
import { readFileSync } from 'node:fs'
import { KeizokuError } from '../shared/errors'

/** The whole file as UTF-8 text; a missing or unreadable file is one clear error. */
export function readTextFile(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new KeizokuError('not_found', `${flag} file ${path} does not exist.`)
    if (code === 'EISDIR') throw new KeizokuError('invalid_argument', `${flag} ${path} is a folder; give a file.`)
    throw new KeizokuError(
      'unavailable',
      `Cannot read ${flag} file ${path}: ${err instanceof Error ? err.message : String(err)}`
    )
  }
}

/** Lines without line endings; one trailing empty line (final newline) is dropped. */
function lines(text: string): string[] {
  const out = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  while (out.length > 0 && out[out.length - 1].trim() === '') out.pop()
  return out
}

/**
 * A numeric CSV without header: one row per sample, the same number of comma-separated values
 * on every row. Returns float64 values row-major.
 */
export function parseFeatureCsv(text: string, file: string): { values: Float64Array; n: number; d: number } {
  const rows = lines(text)
  if (rows.length === 0)
    throw new KeizokuError('invalid_argument', `${file} is empty; it needs one row of numbers per sample.`)
  const d = rows[0].split(',').length
  const values = new Float64Array(rows.length * d)
  rows.forEach((row, i) => {
    if (row.trim() === '') {
      throw new KeizokuError(
        'invalid_argument',
        `${file} line ${i + 1} is empty; every line must hold one sample's ${d} features.`
      )
    }
    const cells = row.split(',')
    if (cells.length !== d) {
      throw new KeizokuError(
        'invalid_argument',
        `${file} line ${i + 1} has ${cells.length} values but line 1 has ${d}; every row needs the same number of features.`
      )
    }
    cells.forEach((cell, j) => {
      const v = cell.trim() === '' ? NaN : Number(cell)
      if (!Number.isFinite(v)) {
        throw new KeizokuError(
          'invalid_argument',
          `${file} line ${i + 1}, column ${j + 1}: "${cell.trim()}" is not a finite number.`,
          {
            hint: /[;\t]/.test(cell)
              ? 'Separate the values with commas (this looks like a semicolon- or tab-separated file).'
              : i === 0
                ? 'The features CSV has no header row: numbers only, one sample per line.'
                : undefined
          }
        )
      }
      values[i * d + j] = v
    })
  })
  return { values, n: rows.length, d }
}

/** One whole number ≥ 0 per line (the class of each sample). */
export function parseLabelLines(text: string, file: string): Int32Array {
  const rows = lines(text)
  if (rows.length === 0)
    throw new KeizokuError('invalid_argument', `${file} is empty; it needs one class label per line.`)
  return Int32Array.from(rows, (row, i) => {
    const t = row.trim()
    if (!/^\d+$/.test(t) || Number(t) > 2 ** 31 - 1) {
      throw new KeizokuError(
        'invalid_argument',
        `${file} line ${i + 1}: "${t}" is not a class label; labels are whole numbers ≥ 0, one per line.`
      )
    }
    return Number(t)
  })
}

/** JSON.parse with the file name in the error. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new KeizokuError(
      'invalid_argument',
      `${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`
    )
  }
}
