/**
 * CSV output for reports: RFC 4180 (CRLF line ends; a field holding a comma, a double quote, CR
 * or LF is wrapped in double quotes with inner quotes doubled), UTF-8 with a byte-order mark so
 * Excel opens Japanese text correctly.
 *
 * Formula injection: spreadsheet programs evaluate a TEXT cell that begins with `=`, `+`, `-`,
 * `@`, a tab or a CR. Such text cells get a leading apostrophe (`'=1+2`), which Excel and
 * LibreOffice show as text. Numbers are different: a cell given as a JS number is written as a
 * plain number (`-0.012`), never guarded, so negative BWT values stay numeric and sortable. The
 * guard therefore looks at the JS type, not at the text: the string '-0.012' IS guarded, the
 * number -0.012 is not. Non-finite numbers are written as empty cells; null/undefined too.
 */

export type CsvCell = string | number | boolean | null | undefined
export type CsvTable = CsvCell[][]

/** Characters that make a spreadsheet treat a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/

/** Text cell with the apostrophe guard applied when it would start a formula. */
export function guardText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** One field: numbers verbatim (shortest round-trip form), text guarded then quoted if needed. */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : ''
  if (typeof cell === 'boolean') return cell ? 'true' : 'false'
  const text = guardText(cell)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Rows joined by CRLF, with a final CRLF; no BOM (see toCsvBytes). */
export function toCsv(rows: CsvTable): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

/** Several named tables in one file: a `# name` title row, the table, an empty line between. */
export function toCsvSections(sections: Array<{ title: string; rows: CsvTable }>): string {
  return sections.map((s) => toCsv([[s.title], ...s.rows])).join('\r\n')
}

/** UTF-8 bytes with the BOM EF BB BF in front. */
export function toCsvBytes(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
}
