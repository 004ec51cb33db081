import { spawn } from 'node:child_process'
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync, gzipSync } from 'node:zlib'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mulberry32 } from '../../src/common/random'
import type { DatasetSource } from '../../src/workspace'

/**
 * Malformed files through the importers, each in a child process of its own: the import must
 * end with a clear error (naming the file and what is wrong) instead of crashing, hanging or
 * exhausting memory. A child still running after TIME_LIMIT_MS is killed and the case fails;
 * on Linux the child's peak resident memory must stay under MEMORY_LIMIT_MB.
 */
const TIME_LIMIT_MS = 50_000
const MEMORY_LIMIT_MB = 768
const GiB = 1024 ** 3

interface ChildReport {
  errors?: Array<{ code: string; message: string; fix: string }>
  imported?: { ok: boolean; name?: string; code?: string; message?: string }
  crashed?: string
  peakKb: number | null
}

function runChild(
  source: DatasetSource
): Promise<ChildReport & { exit: number | null; killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'hostileChild.ts'), JSON.stringify(source)],
      {
        cwd: join(__dirname, '../..'),
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    let out = ''
    let err = ''
    let killed = false
    const timer = setTimeout(() => {
      killed = true
      child.kill('SIGKILL')
    }, TIME_LIMIT_MS)
    child.stdout.on('data', (c: Buffer) => (out += c))
    child.stderr.on('data', (c: Buffer) => (err += c))
    child.on('close', (exit) => {
      clearTimeout(timer)
      let report: ChildReport = { peakKb: null }
      try {
        report = JSON.parse(out) as ChildReport
      } catch {
        // no report: the child died (out of memory, killed) — the assertions below say so
      }
      resolve({ ...report, exit, killed, stderr: err.slice(-2000) })
    })
  })
}

/** The child ended on its own, without crashing, within the memory bound, and refused the data. */
function expectCleanRefusal(r: Awaited<ReturnType<typeof runChild>>, file: string, code: RegExp): void {
  expect(r.killed, `still running after ${TIME_LIMIT_MS} ms`).toBe(false)
  expect(r.crashed, r.stderr).toBeUndefined()
  expect(r.exit, r.stderr).toBe(0)
  if (r.peakKb !== null) expect(r.peakKb / 1024, 'peak memory (MB)').toBeLessThan(MEMORY_LIMIT_MB)
  expect(r.imported?.ok).toBe(false)
  expect(r.imported?.code).toBe('invalid_argument')
  const hit = (r.errors ?? []).find((e) => code.test(e.code) && e.message.includes(file))
  expect(hit, `an error ${code} naming ${file} in ${JSON.stringify(r.errors)}`).toBeDefined()
  expect(hit?.fix.length).toBeGreaterThan(10)
}

// ─── hostile file makers ───

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A PNG whose header declares width × height RGBA but whose data is only a few rows. */
function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 6, 0, 0, 0], 8)
  const rows = Buffer.alloc(4 * (1 + width * 4))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0))
  ])
}

function smallPng(): Buffer {
  const img = new PNG({ width: 16, height: 16 })
  img.data.fill(200)
  return PNG.sync.write(img)
}

function smallJpeg(): Buffer {
  const data = Buffer.alloc(16 * 16 * 4, 128)
  return Buffer.from(jpeg.encode({ data, width: 16, height: 16 }, 90).data)
}

/** A valid JPEG with its frame header (SOF0) patched to declare width × height. */
function jpegBomb(width: number, height: number): Buffer {
  const b = Buffer.from(smallJpeg())
  for (let i = 2; i + 9 < b.length;) {
    if (b[i] !== 0xff) throw new Error('not a marker')
    const marker = b[i + 1]
    const len = b.readUInt16BE(i + 2)
    if (marker === 0xc0) {
      b.writeUInt16BE(height, i + 5)
      b.writeUInt16BE(width, i + 7)
      return b
    }
    i += 2 + len
  }
  throw new Error('no SOF0 marker')
}

/** A file of `size` bytes starting with `head`, the rest a hole (sparse: takes no disk space). */
function sparse(path: string, head: Buffer, size: number): string {
  const fd = openSync(path, 'w')
  try {
    if (head.length > 0) writeSync(fd, head)
    ftruncateSync(fd, size)
  } finally {
    closeSync(fd)
  }
  return path
}

/** root/<class>/<file> for each entry; two good images per class so only the bad file fails. */
function imageFolder(dir: string, bad: Record<string, Buffer>): string {
  const good = smallPng()
  for (const cls of ['ok', 'defect']) {
    mkdirSync(join(dir, cls), { recursive: true })
    for (const k of [1, 2]) writeFileSync(join(dir, cls, `good${k}.png`), good)
  }
  for (const [rel, bytes] of Object.entries(bad)) writeFileSync(join(dir, rel), bytes)
  return dir
}

describe('importers refuse hostile files cleanly', () => {
  const base = mkdtempSync(join(tmpdir(), 'keizoku-hostile-'))
  const at = (name: string): string => join(base, name)
  const csvRows = (n: number): Buffer => {
    let t = 'a,b,label\n'
    for (let i = 0; i < n; i++) t += `${i % 7},${i % 5},${i % 2 === 0 ? 'x' : 'y'}\n`
    return Buffer.from(t)
  }

  // The 1 GiB files are sparse here, but not on every file system: remove them at once.
  afterAll(() => rmSync(base, { recursive: true, force: true }))

  beforeAll(() => {
    const rnd = mulberry32(7)
    writeFileSync(at('garbage.csv'), Buffer.from(Array.from({ length: 65536 }, () => Math.floor(rnd() * 256))))
    writeFileSync(at('empty.csv'), '')
    sparse(at('sparse.csv'), Buffer.alloc(0), GiB)
    sparse(at('sparse-after-text.csv'), csvRows(8000), GiB)
  })

  it('binary garbage named .csv: wrong file type', async () => {
    expectCleanRefusal(await runChild({ kind: 'csv', path: at('garbage.csv') }), 'garbage.csv', /wrong_file_type/)
  })

  it('a 0-byte CSV: empty file', async () => {
    expectCleanRefusal(await runChild({ kind: 'csv', path: at('empty.csv') }), 'empty.csv', /empty_file/)
  })

  it('a 1 GiB sparse file (all zero bytes): refused from its first bytes', async () => {
    expectCleanRefusal(await runChild({ kind: 'csv', path: at('sparse.csv') }), 'sparse.csv', /wrong_file_type/)
  })

  it('100 kB of valid CSV followed by a 1 GiB hole: refused without holding the file in memory', async () => {
    const r = await runChild({ kind: 'csv', path: at('sparse-after-text.csv'), label: 'label' })
    expectCleanRefusal(r, 'sparse-after-text.csv', /.+/)
  })

  it('truncated PNG and JPEG, 0-byte and garbage images: each named', async () => {
    const png = smallPng()
    const jpg = smallJpeg()
    const rnd = mulberry32(11)
    const dir = imageFolder(at('images-bad'), {
      'ok/cut.png': png.subarray(0, Math.floor(png.length / 2)),
      'ok/cut.jpg': jpg.subarray(0, Math.floor(jpg.length / 2)),
      'defect/zero.png': Buffer.alloc(0),
      'defect/noise.png': Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rnd() * 256)))
    })
    const r = await runChild({ kind: 'images', path: dir })
    expectCleanRefusal(r, 'cut.png', /decode_failed/)
    const text = JSON.stringify(r.errors)
    for (const f of ['cut.jpg', 'zero.png', 'noise.png']) expect(text, f).toContain(f)
  })

  it.each([
    ['PNG', 'bomb.png', () => pngBomb(30_000, 30_000)],
    ['JPEG', 'bomb.jpg', () => jpegBomb(9_000, 9_000)]
  ])('a %s whose header declares a huge image (decompression-bomb style)', async (_kind, file, make) => {
    const dir = imageFolder(at(`images-${file}`), { [`ok/${file}`]: make() })
    const r = await runChild({ kind: 'images', path: dir })
    expectCleanRefusal(r, file, /image_too_large/)
    expect(JSON.stringify(r.errors)).toMatch(/megapixels/)
  })

  it('a 1 GiB sparse IDX file and a gzip bomb that unpacks to 640 MiB', async () => {
    const labels = at('labels.idx')
    writeFileSync(labels, Buffer.from([0, 0, 8, 1, 0, 0, 0, 2, 0, 1]))
    sparse(at('huge.idx'), Buffer.from([0, 0, 8, 3, 0, 0, 0x40, 0, 0, 0, 0, 28, 0, 0, 0, 28]), GiB)
    expectCleanRefusal(await runChild({ kind: 'idx', images: at('huge.idx'), labels }), 'huge.idx', /file_too_large/)
    // Concatenated gzip members: 16 MiB of zeros compressed once (~16 kB), repeated 40 times.
    const member = gzipSync(Buffer.alloc(16 * 2 ** 20))
    writeFileSync(at('bomb.idx.gz'), Buffer.concat(Array.from({ length: 40 }, () => member)))
    expectCleanRefusal(
      await runChild({ kind: 'idx', images: at('bomb.idx.gz'), labels }),
      'bomb.idx.gz',
      /decode_failed|file_too_large/
    )
  })
})
