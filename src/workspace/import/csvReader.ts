import { createHash } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'

const QUOTE = 34
const LF = 10
const CR = 13

/** A record longer than this without an end is taken as an unterminated quote. */
const MAX_RECORD_CHARS = 16 * 1024 * 1024

export interface CsvReadResult {
  /** Physical lines seen. */
  lines: number
  bytes: number
  /** sha-256 of the file's bytes (computed while streaming). */
  sha256: string
  /** Line where a quoted field opens and never closes. */
  unterminatedQuoteLine?: number
  /** First line with characters between a closing quote and the next delimiter. */
  strayQuoteLine?: number
  /** Line where NUL bytes start (binary data inside a text file); reading stops there. */
  binaryAtLine?: number
  /** Line of a record longer than MAX_RECORD_CHARS without a line break; reading stops there. */
  tooLongLine?: number
}

/**
 * Streams an RFC 4180 file record by record: fields may be quoted ("a, b"), quotes inside are
 * doubled (""), quoted fields may span lines; records end with LF, CRLF or CR; a UTF-8 BOM is
 * dropped; blank lines are skipped. Only the current chunk (1 MiB) and one partial record are
 * held as strings, so memory does not grow with the file. `onRecord` gets the fields and the
 * physical line the record starts on.
 */
export async function readCsvRecords(
  path: string,
  delimiter: string,
  onRecord: (fields: string[], line: number) => void,
  onProgress?: (fraction: number) => void
): Promise<CsvReadResult> {
  const total = statSync(path).size
  const hash = createHash('sha256')
  const decoder = new StringDecoder('utf8')
  const D = delimiter.charCodeAt(0)
  let line = 1
  let carry = ''
  let first = true
  let read = 0
  const result: CsvReadResult = { lines: 0, bytes: total, sha256: '' }

  /** Parse complete records in text; returns the index of the first unconsumed character. */
  const parse = (text: string, final: boolean): number => {
    const n = text.length
    let i = 0
    while (i < n) {
      const recStart = i
      const recLine = line
      let extraLines = 0
      const fields: string[] = []
      for (;;) {
        let value: string
        if (i < n && text.charCodeAt(i) === QUOTE) {
          let j = i + 1
          let close = -1
          for (;;) {
            const q = text.indexOf('"', j)
            if (q < 0) break
            if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
              j = q + 2
              continue
            }
            if (q + 1 >= n && !final) break
            close = q
            break
          }
          if (close < 0) {
            if (!final) return recStart
            result.unterminatedQuoteLine ??= recLine
            close = n
          }
          const raw = text.slice(i + 1, close)
          for (let k = raw.indexOf('\n'); k >= 0; k = raw.indexOf('\n', k + 1)) extraLines++
          value = raw.indexOf('""') >= 0 ? raw.replace(/""/g, '"') : raw
          i = Math.min(close + 1, n)
          // Characters after the closing quote: not RFC 4180; keep them, note the line.
          let j2 = i
          while (j2 < n) {
            const c = text.charCodeAt(j2)
            if (c === D || c === LF || c === CR) break
            j2++
          }
          if (j2 >= n && !final) return recStart
          if (j2 > i) {
            result.strayQuoteLine ??= recLine
            value += text.slice(i, j2)
            i = j2
          }
        } else {
          let j = i
          while (j < n) {
            const c = text.charCodeAt(j)
            if (c === D || c === LF || c === CR) break
            j++
          }
          if (j >= n && !final) return recStart
          value = text.slice(i, j)
          i = j
        }
        fields.push(value)
        if (i >= n) {
          line += extraLines + 1
          if (!(fields.length === 1 && fields[0] === '')) onRecord(fields, recLine)
          return n
        }
        const c = text.charCodeAt(i)
        if (c === D) {
          i++
          continue
        }
        if (c === CR) {
          if (i + 1 >= n && !final) return recStart
          i += i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1
        } else {
          i++
        }
        line += extraLines + 1
        if (!(fields.length === 1 && fields[0] === '')) onRecord(fields, recLine)
        break
      }
    }
    return n
  }

  const stream = createReadStream(path, { highWaterMark: 1 << 20 })
  let binary = false
  for await (const whole of stream as AsyncIterable<Buffer>) {
    hash.update(whole)
    read += whole.length
    // NUL never occurs in CSV text: what follows is binary (or a hole); keep what came before.
    const z = whole.indexOf(0)
    const chunk = z >= 0 ? whole.subarray(0, z) : whole
    binary = z >= 0
    let text = decoder.write(chunk)
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
    }
    text = carry.length > 0 ? carry + text : text
    const used = parse(text, false)
    carry = used < text.length ? text.slice(used) : ''
    if (binary) {
      result.binaryAtLine = line
      carry = ''
      stream.destroy()
      break
    }
    if (carry.length > MAX_RECORD_CHARS) {
      if (carry.charCodeAt(0) === QUOTE) result.unterminatedQuoteLine ??= line
      else result.tooLongLine = line
      carry = ''
      stream.destroy()
      break
    }
    onProgress?.(total > 0 ? read / total : 1)
  }
  const rest = binary ? '' : carry + decoder.end()
  if (rest.length > 0) parse(rest, true)
  result.lines = line - 1
  result.sha256 = hash.digest('hex')
  return result
}
