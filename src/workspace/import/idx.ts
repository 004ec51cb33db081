import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { KIND_NAMES, sniff } from './magic'
import type { ProblemList } from './problems'

/**
 * IDX files (the MNIST format, optionally gzip-compressed): a 4-byte magic 0x00 0x00 <type>
 * <ndims>, ndims big-endian uint32 sizes, then the values big-endian. Images: unsigned bytes,
 * ndims 3 (n × rows × cols; scaled to [0, 1] by /255) or 2 (n × features). Labels: unsigned
 * bytes, ndims 1.
 */
export interface IdxScan {
  x: Float32Array
  /** Raw label value per sample (0…255). */
  labels: Uint8Array
  n: number
  inputShape: number[]
  sha256: string
}

/** Largest IDX file read, before and after gunzip. */
export const MAX_IDX_BYTES = 512 * 2 ** 20

interface IdxFile {
  type: number
  dims: number[]
  data: Uint8Array
}

function readIdx(path: string, role: 'images' | 'labels', problems: ProblemList): IdxFile | null {
  const file = basename(path)
  if (!existsSync(path) || !statSync(path).isFile()) {
    problems.error(
      'file_not_found',
      `The IDX ${role} file ${path} does not exist.`,
      'Check the path.',
      { file },
      { path }
    )
    return null
  }
  // MNIST's largest file is 47 MB; a bigger one (or a gzip bomb) is refused before it fills memory.
  const size = statSync(path).size
  if (size > MAX_IDX_BYTES) {
    problems.error(
      'file_too_large',
      `${file} is ${(size / 2 ** 20).toFixed(0)} MiB; IDX files are read up to ${MAX_IDX_BYTES / 2 ** 20} MiB.`,
      'Split the data into several tasks, or check that this is the right file.',
      { file },
      { file, mib: Math.round(size / 2 ** 20), max: MAX_IDX_BYTES / 2 ** 20 }
    )
    return null
  }
  let bytes: Uint8Array = readFileSync(path)
  let kind = sniff(bytes.subarray(0, 64))
  if (kind === 'gzip') {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_IDX_BYTES })
    } catch (err) {
      problems.error(
        'decode_failed',
        `${file} is gzip-compressed but cannot be unpacked: ${err instanceof Error ? err.message : String(err)}.`,
        'Download or copy the file again.',
        { file },
        { variant: 'gzip', file }
      )
      return null
    }
    kind = sniff(bytes.subarray(0, 64))
  }
  if (kind === 'empty') {
    problems.error('empty_file', `${file} is empty.`, `Choose the IDX ${role} file.`, { file }, { file })
    return null
  }
  if (kind !== 'idx') {
    problems.error(
      'wrong_file_type',
      `${file} is not an IDX file: its first bytes say it is ${KIND_NAMES[kind]}.`,
      `Choose the IDX ${role} file (e.g. train-${role === 'images' ? 'images-idx3' : 'labels-idx1'}-ubyte).`,
      { file },
      { variant: `idx_${role}`, file, kind }
    )
    return null
  }
  const type = bytes[2]
  const nd = bytes[3]
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 4 + 4 * nd) {
    problems.error(
      'truncated',
      `${file} ends inside its header.`,
      'The file is incomplete; copy it again.',
      { file },
      { variant: 'header', file }
    )
    return null
  }
  const dims = Array.from({ length: nd }, (_, i) => view.getUint32(4 + 4 * i, false))
  if (type !== 0x08) {
    problems.error(
      'unsupported_idx',
      `${file} holds IDX type 0x${type.toString(16)}; only unsigned bytes (0x08, as in MNIST) are read.`,
      'Convert the data to unsigned bytes, or export it as CSV.',
      { file },
      { file, type: `0x${type.toString(16)}` }
    )
    return null
  }
  const expected = dims.reduce((a, b) => a * b, 1)
  const start = 4 + 4 * nd
  if (bytes.length - start !== expected) {
    problems.error(
      'truncated',
      `${file} should hold ${expected} values (${dims.join(' × ')}) but has ${bytes.length - start}.`,
      'The file is incomplete or not the one its header describes; copy it again.',
      { file },
      { variant: 'values', file, expected, got: bytes.length - start }
    )
    return null
  }
  return { type, dims, data: bytes.subarray(start) }
}

export function scanIdx(imagesPath: string, labelsPath: string, problems: ProblemList): IdxScan | null {
  const images = readIdx(imagesPath, 'images', problems)
  const labels = readIdx(labelsPath, 'labels', problems)
  if (!images || !labels) return null
  if (images.dims.length !== 3 && images.dims.length !== 2) {
    problems.error(
      'bad_shape',
      `${basename(imagesPath)} has ${images.dims.length} dimensions; images need 3 (n × rows × cols) or 2 (n × features).`,
      'Choose the images file, and the labels file second.',
      { file: basename(imagesPath) },
      { variant: 'idx_images', file: basename(imagesPath), dims: images.dims.length }
    )
    return null
  }
  if (labels.dims.length !== 1) {
    problems.error(
      'bad_shape',
      `${basename(labelsPath)} has ${labels.dims.length} dimensions; a labels file has 1.`,
      'Give the images file first and the labels file second.',
      { file: basename(labelsPath) },
      { variant: 'idx_labels', file: basename(labelsPath), dims: labels.dims.length }
    )
    return null
  }
  const n = images.dims[0]
  if (labels.dims[0] !== n) {
    problems.error(
      'count_mismatch',
      `${basename(imagesPath)} has ${n} images but ${basename(labelsPath)} has ${labels.dims[0]} labels.`,
      'Use the labels file that belongs to these images.',
      { file: basename(labelsPath) },
      { images: basename(imagesPath), labels: basename(labelsPath), n, got: labels.dims[0] }
    )
    return null
  }
  const x = new Float32Array(images.data.length)
  for (let i = 0; i < x.length; i++) x[i] = images.data[i] / 255
  const inputShape = images.dims.length === 3 ? [images.dims[1], images.dims[2], 1] : [images.dims[1]]
  const sha256 = createHash('sha256').update(images.data).update(labels.data).digest('hex')
  return { x, labels: labels.data, n, inputShape, sha256 }
}
