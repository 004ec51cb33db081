import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { declaredSize, MAX_IMAGE_PIXELS } from './imageSize'
import { KIND_NAMES, sniff, type SniffedKind } from './magic'
import type { ProblemList } from './problems'

/**
 * Image folder importer. Decoders: pngjs and jpeg-js, both pure JavaScript, so nothing is
 * compiled or downloaded at install time and the same code runs in Electron, Node and CI on
 * every platform. sharp would be faster (libvips) but ships native binaries per platform;
 * at Keizoku's sizes (thousands of small images) decoding is not the bottleneck.
 */

export interface ImageScan {
  /** n × h × w greyscale values in [0, 1]. */
  x: Float32Array
  /** Class index per image (sub-folder order). */
  y: Int32Array
  n: number
  classNames: string[]
  shape: [number, number]
  files: string[]
  sha256: string
  sampleRows: string[][]
}

const EXT_KIND: Record<string, SniffedKind> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg' }
const naturalSort = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true })

/**
 * Box-filter weights for resampling an axis of length `from` to length `to`: output i covers
 * source interval [i·from/to, (i+1)·from/to); each source pixel weighs by its overlap, and the
 * weights sum to 1 (area averaging; when enlarging it is nearest-neighbour).
 */
export function axisWeights(from: number, to: number): Array<Array<[number, number]>> {
  const scale = from / to
  const out: Array<Array<[number, number]>> = []
  for (let i = 0; i < to; i++) {
    const a = i * scale
    const b = (i + 1) * scale
    const w: Array<[number, number]> = []
    let total = 0
    for (let s = Math.floor(a); s < Math.min(from, Math.ceil(b)); s++) {
      const overlap = Math.min(b, s + 1) - Math.max(a, s)
      if (overlap > 1e-12) {
        w.push([s, overlap])
        total += overlap
      }
    }
    if (w.length === 0) w.push([Math.min(from - 1, Math.floor(a)), (total = 1)])
    out.push(w.map(([s, v]) => [s, v / total]))
  }
  return out
}

/**
 * RGBA bytes → greyscale [0, 1] resized to h × w. Luma Y = (0.299 R + 0.587 G + 0.114 B)/255
 * (ITU-R BT.601), multiplied by alpha/255 (transparent pixels become black, as in MNIST).
 */
export function toGreyscale(rgba: Uint8Array, width: number, height: number, h: number, w: number): Float32Array {
  const grey = new Float32Array(width * height)
  for (let p = 0, q = 0; p < grey.length; p++, q += 4) {
    grey[p] = ((0.299 * rgba[q] + 0.587 * rgba[q + 1] + 0.114 * rgba[q + 2]) / 255) * (rgba[q + 3] / 255)
  }
  if (width === w && height === h) return grey
  const wx = axisWeights(width, w)
  const wy = axisWeights(height, h)
  const rows = new Float32Array(height * w)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0
      for (const [sx, v] of wx[x]) s += grey[y * width + sx] * v
      rows[y * w + x] = s
    }
  }
  const out = new Float32Array(h * w)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0
      for (const [sy, v] of wy[y]) s += rows[sy * w + x] * v
      out[y * w + x] = s
    }
  }
  return out
}

function decode(bytes: Buffer, kind: SniffedKind): { data: Uint8Array; width: number; height: number } {
  if (kind === 'png') {
    const png = PNG.sync.read(bytes)
    return { data: png.data, width: png.width, height: png.height }
  }
  const img = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: Math.ceil(MAX_IMAGE_PIXELS / 1e6),
    maxMemoryUsageInMB: 256
  })
  return { data: img.data, width: img.width, height: img.height }
}

export async function scanImages(
  opts: { path: string; shape?: [number, number]; onProgress?: (f: number) => void },
  problems: ProblemList
): Promise<ImageScan | null> {
  const root = opts.path
  const [h, w] = opts.shape ?? [28, 28]
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    problems.error(
      'folder_not_found',
      `The folder ${root} does not exist.`,
      'Choose the folder that has one sub-folder per class.',
      { file: root },
      { folder: root }
    )
    return null
  }
  if (!(h >= 1 && w >= 1 && h <= 1024 && w <= 1024 && Number.isInteger(h) && Number.isInteger(w))) {
    problems.error(
      'bad_shape',
      `The image size ${h}×${w} is not usable.`,
      'Choose a height and width between 1 and 1024, e.g. 28x28.',
      undefined,
      { variant: 'image', height: h, width: w }
    )
    return null
  }
  const entries = readdirSync(root, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'))
  const classDirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort(naturalSort)
  for (const e of entries) {
    if (!e.isDirectory()) {
      problems.warning(
        'stray_file',
        `${e.name} is not in a class sub-folder and is ignored.`,
        'Move it into the sub-folder of its class.',
        { file: e.name },
        { file: e.name }
      )
    }
  }
  if (classDirs.length === 0) {
    problems.error(
      'no_classes',
      `${root} has no sub-folders, so there are no classes.`,
      'Put the images of each class into its own sub-folder (e.g. ok/ and defect/).',
      { file: root },
      { folder: root }
    )
    return null
  }
  const jobs: Array<{ cls: number; rel: string; path: string }> = []
  classDirs.forEach((c, ci) => {
    for (const f of readdirSync(join(root, c)).sort(naturalSort)) {
      if (f.startsWith('.')) continue
      const p = join(root, c, f)
      if (!statSync(p).isFile()) continue
      if (!(extname(f).toLowerCase() in EXT_KIND)) {
        problems.warning(
          'unsupported_file',
          `${c}/${f} is not a PNG or JPEG file and is ignored.`,
          'Convert it to PNG or JPEG, or remove it.',
          { file: `${c}/${f}` },
          { file: `${c}/${f}` }
        )
        continue
      }
      jobs.push({ cls: ci, rel: `${c}/${f}`, path: p })
    }
  })
  const d = h * w
  const x = new Float32Array(jobs.length * d)
  const y = new Int32Array(jobs.length)
  const files: string[] = []
  const hash = createHash('sha256')
  let n = 0
  for (let k = 0; k < jobs.length; k++) {
    const job = jobs[k]
    const bytes = readFileSync(job.path)
    const actual = sniff(new Uint8Array(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64)))
    const expected = EXT_KIND[extname(job.rel).toLowerCase()]
    if (actual !== expected) {
      problems.error(
        'wrong_file_type',
        `${job.rel} is named like ${KIND_NAMES[expected]} but its first bytes say it is ${KIND_NAMES[actual]}.`,
        actual === 'png' || actual === 'jpeg'
          ? `Rename it to .${actual === 'png' ? 'png' : 'jpg'}.`
          : 'Replace it with a real PNG or JPEG file, or remove it.',
        { file: job.rel },
        actual === 'png' || actual === 'jpeg'
          ? { variant: 'image_rename', file: job.rel, expected, kind: actual, ext: actual === 'png' ? 'png' : 'jpg' }
          : { variant: 'image', file: job.rel, expected, kind: actual }
      )
      continue
    }
    const size = declaredSize(bytes, actual === 'png' ? 'png' : 'jpeg')
    if (size && size.width * size.height > MAX_IMAGE_PIXELS) {
      problems.error(
        'image_too_large',
        `${job.rel} declares a ${size.width}×${size.height} image (${((size.width * size.height) / 1e6).toFixed(0)} megapixels); images are read up to 4096×4096.`,
        'Scale the image down (it is resized to the task’s input size anyway), or remove it.',
        { file: job.rel },
        { file: job.rel, width: size.width, height: size.height }
      )
      continue
    }
    let img: { data: Uint8Array; width: number; height: number }
    try {
      img = decode(bytes, actual)
    } catch (err) {
      problems.error(
        'decode_failed',
        `${job.rel} could not be decoded as ${KIND_NAMES[actual]}: ${err instanceof Error ? err.message : String(err)}.`,
        'The file is damaged or incomplete; export it again or remove it.',
        { file: job.rel },
        { variant: 'image', file: job.rel, kind: actual }
      )
      continue
    }
    x.set(toGreyscale(img.data, img.width, img.height, h, w), n * d)
    y[n] = job.cls
    files.push(job.rel)
    hash.update(`${job.rel}\u0000`).update(bytes)
    n++
    if (k % 64 === 63) {
      opts.onProgress?.((k + 1) / jobs.length)
      await new Promise((r) => setImmediate(r))
    }
  }
  opts.onProgress?.(1)
  return {
    x: x.subarray(0, n * d),
    y: y.subarray(0, n),
    n,
    classNames: classDirs,
    shape: [h, w],
    files,
    sha256: hash.digest('hex'),
    sampleRows: files.slice(0, 10).map((f, i) => [classDirs[y[i]], f])
  }
}
