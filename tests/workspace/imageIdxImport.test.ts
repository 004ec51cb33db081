import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import {
  addTaskFromSource,
  DatasetProblemsError,
  importDataset,
  openWorkspace,
  previewDataset,
  type DatasetSource
} from '../../src/workspace'
import { axisWeights, toGreyscale } from '../../src/workspace/import/images'
import { tempDir } from './helpers'

/** w × h RGBA image filled by f(x, y) → [r, g, b, a]. */
function rgba(w: number, h: number, f: (x: number, y: number) => [number, number, number, number]): Buffer {
  const data = Buffer.alloc(w * h * 4)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(f(x, y), (y * w + x) * 4)
  return data
}

function png(w: number, h: number, f: (x: number, y: number) => [number, number, number, number]): Buffer {
  const img = new PNG({ width: w, height: h })
  rgba(w, h, f).copy(img.data)
  return PNG.sync.write(img)
}

function jpg(w: number, h: number, grey: number): Buffer {
  return Buffer.from(jpeg.encode({ data: rgba(w, h, () => [grey, grey, grey, 255]), width: w, height: h }, 95).data)
}

/** root/<class>/<file> for each entry. */
function folder(files: Record<string, Buffer | string>): string {
  const root = join(tempDir(), 'images')
  for (const [rel, bytes] of Object.entries(files)) {
    const p = join(root, rel)
    mkdirSync(join(p, '..'), { recursive: true })
    writeFileSync(p, bytes)
  }
  return root
}

async function problemsOf(
  source: DatasetSource
): Promise<Array<{ code: string; message: string; location?: { file?: string } }>> {
  const err = await importDataset(source).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(DatasetProblemsError)
  return (err as DatasetProblemsError).problems.filter((p) => p.severity === 'error')
}

describe('image resampling', () => {
  it('area-averages when shrinking and weights sum to 1', () => {
    const w = axisWeights(4, 2)
    expect(w).toEqual([
      [
        [0, 0.5],
        [1, 0.5]
      ],
      [
        [2, 0.5],
        [3, 0.5]
      ]
    ])
    for (const ws of axisWeights(7, 3)) expect(ws.reduce((s, [, v]) => s + v, 0)).toBeCloseTo(1, 12)
    // 4×4: left half white, right half black → 2×2: [1, 0; 1, 0]; alpha 0 counts as black.
    const img = rgba(4, 4, (x) => (x < 2 ? [255, 255, 255, 255] : [255, 255, 255, 0]))
    expect(Array.from(toGreyscale(img, 4, 4, 2, 2))).toEqual([1, 0, 1, 0])
    // BT.601 luma of pure red
    expect(
      toGreyscale(
        rgba(1, 1, () => [255, 0, 0, 255]),
        1,
        1,
        1,
        1
      )[0]
    ).toBeCloseTo(0.299, 6)
  })
})

describe('image folder import', () => {
  it('reads PNG and JPEG, one class per sub-folder, greyscale and resized to the chosen shape', async () => {
    const files: Record<string, Buffer> = {}
    for (let i = 0; i < 5; i++) {
      files[`cat/c${i}.png`] = png(16, 12, (x) => (x < 8 ? [255, 255, 255, 255] : [0, 0, 0, 255]))
      files[`dog/d${i}.JPG`] = jpg(10, 10, 128)
    }
    files['notes.txt'] = Buffer.from('ignore me')
    const ds = await importDataset(
      { kind: 'images', path: folder(files), shape: [6, 8] },
      { holdout: { fraction: 0.2, seed: 1 } }
    )
    expect(ds.data.classNames).toEqual(['cat', 'dog'])
    expect(ds.data.train.inputShape).toEqual([6, 8, 1])
    expect([ds.data.train.n, ds.data.test.n]).toEqual([8, 2])
    expect(ds.stats).toBeNull()
    expect(ds.warnings.map((w) => w.code)).toEqual(['stray_file'])
    const cat = Array.from(ds.data.train.x.subarray(0, 48))
    expect(cat.slice(0, 8)).toEqual([1, 1, 1, 1, 0, 0, 0, 0])
    const dogRow = ds.data.train.y.indexOf(1)
    const dog = ds.data.train.x.subarray(dogRow * 48, dogRow * 48 + 48)
    for (const v of dog) expect(v).toBeCloseTo(128 / 255, 1)
  })

  it('names the file that fails to decode, and the file whose content is not its extension', async () => {
    const good = png(4, 4, () => [9, 9, 9, 255])
    const truncated = good.subarray(0, 40)
    const root = folder({
      'a/1.png': good,
      'a/2.png': good,
      'a/broken.png': truncated,
      'b/1.png': good,
      'b/2.png': good,
      'b/fake.jpg': good
    })
    const errs = await problemsOf({ kind: 'images', path: root })
    expect(errs.map((e) => [e.code, e.location?.file])).toEqual([
      ['decode_failed', 'a/broken.png'],
      ['wrong_file_type', 'b/fake.jpg']
    ])
    expect(errs[0].message).toMatch(/^a\/broken\.png could not be decoded as a PNG image/)
    expect(errs[1].message).toBe('b/fake.jpg is named like a JPEG image but its first bytes say it is a PNG image.')
  })

  it('a single class folder, a class with one image, no sub-folders, and a shape mismatch with the workspace', async () => {
    const img = png(4, 4, () => [1, 2, 3, 255])
    expect((await problemsOf({ kind: 'images', path: folder({ 'only/1.png': img, 'only/2.png': img }) }))[0].code).toBe(
      'single_class'
    )
    const rare = await problemsOf({ kind: 'images', path: folder({ 'a/1.png': img, 'a/2.png': img, 'b/1.png': img }) })
    expect(rare.map((e) => e.code)).toEqual(['rare_class'])
    expect((await problemsOf({ kind: 'images', path: folder({ 'x.png': img }) })).map((e) => e.code)).toEqual([
      'no_classes'
    ])

    const ws = openWorkspace(join(tempDir(), 'ws'), { create: true })
    const root = folder({ 'a/1.png': img, 'a/2.png': img, 'b/1.png': img, 'b/2.png': img })
    await addTaskFromSource(ws, { name: 'small', source: { kind: 'images', path: root, shape: [8, 8] } })
    const err = await addTaskFromSource(ws, {
      name: 'big',
      source: { kind: 'images', path: root, shape: [10, 10] }
    }).catch((e: unknown) => e)
    expect((err as DatasetProblemsError).problems[0]).toMatchObject({ code: 'shape_mismatch' })
    expect(ws.listTasks()).toHaveLength(1)
    const preview = await previewDataset(
      { kind: 'images', path: root, shape: [10, 10] },
      { expectedInputShape: [8, 8, 1] }
    )
    expect(preview.problems.map((p) => p.code)).toEqual(['shape_mismatch'])
    expect(preview.classHistogram).toEqual([
      { className: 'a', count: 2 },
      { className: 'b', count: 2 }
    ])
    ws.close()
  })
})

/** IDX bytes: magic 0 0 0x08 ndims, big-endian dims, unsigned bytes. */
function idx(dims: number[], values: number[]): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length)
  head[2] = 0x08
  head[3] = dims.length
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i))
  return Buffer.concat([head, Buffer.from(values)])
}

describe('IDX import', () => {
  it('reads images and labels (also gzip-compressed), scales to [0, 1], shape [rows, cols, 1]', async () => {
    const dir = tempDir()
    const n = 10
    const pixels = Array.from({ length: n * 4 }, (_, i) => (i * 37) % 256)
    const labels = Array.from({ length: n }, (_, i) => [3, 7][i % 2])
    writeFileSync(join(dir, 'img'), idx([n, 2, 2], pixels))
    writeFileSync(join(dir, 'lab.gz'), gzipSync(idx([n], labels)))
    const ds = await importDataset(
      { kind: 'idx', images: join(dir, 'img'), labels: join(dir, 'lab.gz') },
      { holdout: { fraction: 0.2 } }
    )
    expect(ds.data.classNames).toEqual(['3', '7'])
    expect(ds.data.train.inputShape).toEqual([2, 2, 1])
    expect(ds.data.train.n + ds.data.test.n).toBe(10)
    const first = ds.data.train.x.subarray(0, 4)
    const row = Array.from({ length: n }, (_, i) => i).find((i) =>
      pixels.slice(i * 4, i * 4 + 4).every((p, j) => Math.abs(p / 255 - first[j]) < 1e-6)
    )
    expect(row).toBeDefined()
    expect(ds.data.train.y[0]).toBe(labels[row as number] === 3 ? 0 : 1)
  })

  it('reports wrong magic, truncation, count mismatch and swapped files', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'img'), idx([4, 2, 2], Array(16).fill(1)))
    writeFileSync(join(dir, 'lab'), idx([4], [0, 1, 0, 1]))
    writeFileSync(join(dir, 'lab3'), idx([3], [0, 1, 0]))
    writeFileSync(join(dir, 'short'), idx([4, 2, 2], Array(16).fill(1)).subarray(0, 20))
    writeFileSync(join(dir, 'text.idx'), 'hello,world\n')
    const codes = async (images: string, labels: string): Promise<string[]> =>
      (await problemsOf({ kind: 'idx', images: join(dir, images), labels: join(dir, labels) })).map((p) => p.code)
    expect(await codes('text.idx', 'lab')).toEqual(['wrong_file_type'])
    expect(await codes('short', 'lab')).toEqual(['truncated'])
    expect(await codes('img', 'lab3')).toEqual(['count_mismatch'])
    expect(await codes('lab', 'img')).toEqual(['bad_shape'])
    const [p] = await problemsOf({ kind: 'idx', images: join(dir, 'text.idx'), labels: join(dir, 'lab') })
    expect(p.message).toBe('text.idx is not an IDX file: its first bytes say it is text.')
  })
})

describe('built-in benchmark', () => {
  it('split-mnist:1 is digits 2 and 3 with the benchmark’s own split', async () => {
    const ds = await importDataset({ kind: 'builtin', benchmark: 'split-mnist', k: 1 })
    expect(ds.data.classNames).toEqual(['2', '3'])
    expect(ds.holdout.mode).toBe('benchmark')
    expect(ds.data.train.n).toBeGreaterThan(1000)
    expect(ds.data.test.n).toBeGreaterThan(300)
    const bad = await importDataset({ kind: 'builtin', benchmark: 'split-mnist', k: 7 }).catch((e: unknown) => e)
    expect((bad as DatasetProblemsError).problems[0].message).toContain('K must be a whole number in 0 … 4')
  }, 60_000)
})
