import { KeizokuError } from '../shared/errors'

/**
 * The binary tensor file (docs/workspace-format.md), used for learner snapshots, checkpoints,
 * task embeddings and dataset tables. Layout, all integers little-endian:
 *
 *   0   4 bytes  magic "KZTN"
 *   4   uint32   format version (1)
 *   8   uint32   H = byte length of the header JSON
 *   12  H bytes  header JSON (UTF-8), padded with spaces so the data starts at a multiple of 4
 *   D   data     each tensor's elements, raw little-endian float32 / int32, in header order;
 *                tensor i starts at D + tensors[i].offset (a multiple of 4)
 *
 * Header: { "meta": {…}, "tensors": [{ "name", "shape", "dtype": "float32"|"int32", "offset", "length" }] }
 * with length = ∏ shape (elements). The file's sha-256 is its artifact name, so no checksum
 * is stored inside.
 */

export const TENSOR_MAGIC = 'KZTN'
export const TENSOR_FORMAT_VERSION = 1

export type TensorDType = 'float32' | 'int32'

export interface AnyTensorRecord {
  name: string
  shape: number[]
  data: Float32Array | Int32Array
}

interface HeaderEntry {
  name: string
  shape: number[]
  dtype: TensorDType
  offset: number
  length: number
}

interface Header {
  meta: Record<string, unknown>
  tensors: HeaderEntry[]
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

function product(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1)
}

export function encodeTensorFile(records: AnyTensorRecord[], meta: Record<string, unknown> = {}): Uint8Array {
  const tensors: HeaderEntry[] = []
  let offset = 0
  for (const r of records) {
    const length = product(r.shape)
    if (length !== r.data.length) {
      throw new KeizokuError(
        'invalid_argument',
        `Tensor "${r.name}" has shape [${r.shape.join(', ')}] (${length} elements) but ${r.data.length} values.`
      )
    }
    const dtype: TensorDType = r.data instanceof Int32Array ? 'int32' : 'float32'
    tensors.push({ name: r.name, shape: [...r.shape], dtype, offset, length })
    offset += length * 4
  }
  let headerBytes = new TextEncoder().encode(JSON.stringify({ meta, tensors } satisfies Header))
  const pad = (4 - ((12 + headerBytes.length) % 4)) % 4
  if (pad > 0) {
    const padded = new Uint8Array(headerBytes.length + pad).fill(0x20)
    padded.set(headerBytes)
    headerBytes = padded
  }
  const dataStart = 12 + headerBytes.length
  const out = new Uint8Array(dataStart + offset)
  out.set([0x4b, 0x5a, 0x54, 0x4e], 0)
  const view = new DataView(out.buffer)
  view.setUint32(4, TENSOR_FORMAT_VERSION, true)
  view.setUint32(8, headerBytes.length, true)
  out.set(headerBytes, 12)
  records.forEach((r, i) => {
    const at = dataStart + tensors[i].offset
    if (LITTLE_ENDIAN) {
      out.set(new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength), at)
    } else {
      const isInt = r.data instanceof Int32Array
      for (let j = 0; j < r.data.length; j++) {
        if (isInt) view.setInt32(at + 4 * j, r.data[j], true)
        else view.setFloat32(at + 4 * j, r.data[j], true)
      }
    }
  })
  return out
}

function bad(what: string): KeizokuError {
  return new KeizokuError('corrupt', `Not a valid Keizoku tensor file: ${what}.`, {
    hint: 'The artifact is damaged; run `keizoku check DIR` to see which record uses it.'
  })
}

export function decodeTensorFile(bytes: Uint8Array): { records: AnyTensorRecord[]; meta: Record<string, unknown> } {
  if (bytes.length < 12) throw bad(`only ${bytes.length} bytes`)
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3])
  if (magic !== TENSOR_MAGIC) throw bad(`magic is "${magic}", expected "${TENSOR_MAGIC}"`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const version = view.getUint32(4, true)
  if (version !== TENSOR_FORMAT_VERSION) {
    throw new KeizokuError(
      'conflict',
      `Tensor file format version ${version} is newer than this Keizoku (reads ${TENSOR_FORMAT_VERSION}).`,
      {
        hint: 'Update Keizoku to read this workspace.'
      }
    )
  }
  const h = view.getUint32(8, true)
  if (12 + h > bytes.length) throw bad(`header length ${h} exceeds the file`)
  let header: Header
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + h))) as Header
  } catch {
    throw bad('header is not JSON')
  }
  if (!header || !Array.isArray(header.tensors)) throw bad('header has no tensor list')
  const dataStart = 12 + h
  if (dataStart % 4 !== 0) throw bad('data is not 4-byte aligned')
  const records: AnyTensorRecord[] = header.tensors.map((t) => {
    if (t.length !== product(t.shape)) throw bad(`tensor "${t.name}" length ${t.length} ≠ ∏shape`)
    const start = dataStart + t.offset
    const end = start + t.length * 4
    if (t.offset % 4 !== 0 || end > bytes.length) throw bad(`tensor "${t.name}" runs past the end`)
    const copy = bytes.slice(start, end)
    let data: Float32Array | Int32Array
    if (t.dtype === 'int32') data = new Int32Array(copy.buffer, 0, t.length)
    else if (t.dtype === 'float32') data = new Float32Array(copy.buffer, 0, t.length)
    else throw bad(`tensor "${t.name}" has unknown dtype "${String(t.dtype)}"`)
    if (!LITTLE_ENDIAN) {
      const dv = new DataView(bytes.buffer, bytes.byteOffset + start, t.length * 4)
      for (let j = 0; j < t.length; j++)
        data[j] = t.dtype === 'int32' ? dv.getInt32(4 * j, true) : dv.getFloat32(4 * j, true)
    }
    return { name: t.name, shape: t.shape, data }
  })
  return { records, meta: header.meta ?? {} }
}
