/**
 * A small RFC 4180 parser for the tests (independent of the writer): fields separated by ',',
 * records by CRLF (a lone LF is accepted too), quoted fields may hold ',', CR, LF and doubled
 * quotes. Returns the records as string arrays; a trailing line break adds no record.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  let fieldStarted = false
  while (i < text.length) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      field += c
      i++
      continue
    }
    if (c === '"' && !fieldStarted) {
      quoted = true
      fieldStarted = true
      i++
    } else if (c === ',') {
      row.push(field)
      field = ''
      fieldStarted = false
      i++
    } else if (c === '\r' || c === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      fieldStarted = false
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else {
      if (c === '"') throw new Error(`stray quote at ${i}`)
      field += c
      fieldStarted = true
      i++
    }
  }
  if (quoted) throw new Error('unterminated quoted field')
  if (fieldStarted || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** Splits the report CSV into its titled sections (a one-cell title row, the table, an empty line). */
export function csvSections(rows: string[][]): Map<string, string[][]> {
  const out = new Map<string, string[][]>()
  let cur: string[][] | null = null
  for (const r of rows) {
    if (r.length === 1 && r[0] === '') {
      cur = null
      continue
    }
    if (cur === null) {
      cur = []
      out.set(r[0], cur)
      continue
    }
    cur.push(r)
  }
  return out
}
