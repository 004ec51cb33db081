import { closeSync, openSync, readSync } from 'node:fs'

/** What a file's first bytes say it is, regardless of its name. */
export type SniffedKind =
  'png' | 'jpeg' | 'gif' | 'bmp' | 'webp' | 'zip' | 'gzip' | 'pdf' | 'idx' | 'utf16' | 'binary' | 'text' | 'empty'

export function readHead(path: string, bytes = 65536): Uint8Array {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    const n = readSync(fd, buf, 0, bytes, 0)
    return new Uint8Array(buf.buffer, buf.byteOffset, n)
  } finally {
    closeSync(fd)
  }
}

const startsWith = (b: Uint8Array, sig: number[]): boolean => sig.every((v, i) => b[i] === v)

export function sniff(head: Uint8Array): SniffedKind {
  if (head.length === 0) return 'empty'
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'gif'
  if (startsWith(head, [0x42, 0x4d])) return 'bmp'
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head.subarray(8), [0x57, 0x45, 0x42, 0x50]))
    return 'webp'
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip'
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip'
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'pdf'
  if (
    head.length >= 4 &&
    head[0] === 0 &&
    head[1] === 0 &&
    (head[2] === 0x08 ||
      head[2] === 0x09 ||
      head[2] === 0x0b ||
      head[2] === 0x0c ||
      head[2] === 0x0d ||
      head[2] === 0x0e) &&
    head[3] >= 1 &&
    head[3] <= 4
  ) {
    return 'idx'
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return 'utf16'
  const n = Math.min(head.length, 8192)
  for (let i = 0; i < n; i++) if (head[i] === 0) return 'binary'
  return 'text'
}

export const KIND_NAMES: Record<SniffedKind, string> = {
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  bmp: 'a BMP image',
  webp: 'a WebP image',
  zip: 'a ZIP archive (an Excel .xlsx workbook is one)',
  gzip: 'a gzip-compressed file',
  pdf: 'a PDF document',
  idx: 'an IDX (MNIST-format) file',
  utf16: 'UTF-16 text',
  binary: 'a binary file',
  text: 'text',
  empty: 'empty'
}
