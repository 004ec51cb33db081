import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { benchmarkSequence, benchmarkTask, digitSplit } from '../../src/common/benchmarks'
import { loadMnist, mnistCachePath, resetMnistMemo } from '../../src/common/benchmarks/mnistData'
import { pixelPermutation, rotateImage, rotationAngle } from '../../src/common/benchmarks/transforms'

const CLASS_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]

function counts(y: Int32Array, classes: number): number[] {
  const c = new Array<number>(classes).fill(0)
  for (const v of y) c[v]++
  return c
}

describe('mnist digits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keizoku-cache-'))
  const saved = process.env.KEIZOKU_CACHE_DIR
  afterAll(() => {
    if (saved === undefined) delete process.env.KEIZOKU_CACHE_DIR
    else process.env.KEIZOKU_CACHE_DIR = saved
    resetMnistMemo()
    rmSync(dir, { recursive: true, force: true })
  })

  it('loads all 10,000 digits, writes the binary cache, and rebuilds it when corrupt', () => {
    process.env.KEIZOKU_CACHE_DIR = dir
    resetMnistMemo()
    const a = loadMnist()
    expect(a.n).toBe(10000)
    expect(a.x).toHaveLength(10000 * 784)
    expect(counts(Int32Array.from(a.y), 10)).toEqual(CLASS_COUNTS)
    const path = mnistCachePath()
    expect(path.startsWith(dir)).toBe(true)
    expect(statSync(path).size).toBe(16 + 10000 * 784 * 4 + 10000)
    // from the cache: identical
    resetMnistMemo()
    const b = loadMnist()
    expect(Buffer.from(b.x.buffer).equals(Buffer.from(a.x.buffer))).toBe(true)
    // truncated file: detected by size, rebuilt
    writeFileSync(path, readFileSync(path).subarray(0, 1000))
    resetMnistMemo()
    const c = loadMnist()
    expect(Buffer.from(c.x.buffer).equals(Buffer.from(a.x.buffer))).toBe(true)
    expect(statSync(path).size).toBe(16 + 10000 * 784 * 4 + 10000)
    // a bad pixel value of the right size: detected by the range check, rebuilt
    const bytes = readFileSync(path)
    bytes.writeFloatLE(7, 16 + 4 * 123)
    writeFileSync(path, bytes)
    resetMnistMemo()
    expect(loadMnist().x[123]).toBe(a.x[123])
    expect(existsSync(path)).toBe(true)
  })
})

describe('benchmark tasks', () => {
  it('uses one stratified 8,000 / 2,000 split per seed, disjoint and complete', () => {
    const s = digitSplit(1)
    expect(s.train).toHaveLength(8000)
    expect(s.test).toHaveLength(2000)
    const all = new Set([...s.train, ...s.test])
    expect(all.size).toBe(10000)
    const y = loadMnist().y
    const testCounts = counts(
      Int32Array.from(s.test, (i) => y[i]),
      10
    )
    testCounts.forEach((c, d) => expect(Math.abs(c - 0.2 * CLASS_COUNTS[d])).toBeLessThan(1))
    expect(Array.from(digitSplit(2).test)).not.toEqual(Array.from(s.test))
  })

  it('permuted-mnist: sizes, K = 0 is the identity, K ≥ 1 permutes the pixels of the same samples', () => {
    const t0 = benchmarkTask('permuted-mnist', 0)
    expect(t0.train.n).toBe(8000)
    expect(t0.test.n).toBe(2000)
    expect(t0.train.x).toHaveLength(8000 * 784)
    expect(t0.train.inputShape).toEqual([784])
    expect(t0.train.numClasses).toBe(10)
    expect(t0.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    const digits = loadMnist()
    const first = digitSplit(1).train[0]
    expect(Array.from(t0.train.x.subarray(0, 784))).toEqual(
      Array.from(digits.x.subarray(first * 784, (first + 1) * 784))
    )
    expect(Array.from(pixelPermutation(1, 0, 784))).toEqual(Array.from({ length: 784 }, (_, i) => i))

    const t3 = benchmarkTask('permuted-mnist', 3)
    expect(Array.from(t3.train.y)).toEqual(Array.from(t0.train.y))
    const perm = pixelPermutation(1, 3, 784)
    expect(new Set(perm).size).toBe(784)
    for (let p = 0; p < 784; p++) expect(t3.train.x[p]).toBe(t0.train.x[perm[p]])
    expect(Array.from(perm)).not.toEqual(Array.from(pixelPermutation(1, 4, 784)))
  })

  it('is deterministic for a seed and changes with it', () => {
    const a = benchmarkTask('permuted-mnist', 2, { seed: 7 })
    const b = benchmarkTask('permuted-mnist', 2, { seed: 7 })
    expect(Buffer.from(a.test.x.buffer).equals(Buffer.from(b.test.x.buffer))).toBe(true)
    expect(Array.from(a.test.y)).toEqual(Array.from(b.test.y))
    const c = benchmarkTask('permuted-mnist', 2, { seed: 8 })
    expect(Array.from(c.test.y)).not.toEqual(Array.from(a.test.y))
  })

  it('split-mnist: task K holds digits 2K and 2K+1 as labels 0/1', () => {
    const seq = benchmarkSequence('split-mnist', 5, 1)
    expect(seq).toHaveLength(5)
    let total = 0
    seq.forEach((t, k) => {
      expect(t.classNames).toEqual([String(2 * k), String(2 * k + 1)])
      expect(t.train.numClasses).toBe(2)
      expect(new Set(t.train.y)).toEqual(new Set([0, 1]))
      expect(t.train.n + t.test.n).toBe(CLASS_COUNTS[2 * k] + CLASS_COUNTS[2 * k + 1])
      total += t.train.n
    })
    expect(total).toBe(8000)
    // labels agree with the digit the sample came from
    const t2 = seq[2]
    const digits = loadMnist()
    const rows = digitSplit(1).train.filter((i) => digits.y[i] === 4 || digits.y[i] === 5)
    expect(Array.from(t2.train.y)).toEqual(Array.from(rows, (i) => digits.y[i] - 4))
  })

  it('rotated-mnist: task K rotates by K·180/tasks degrees', () => {
    expect(rotationAngle(3, 10)).toBe(54)
    const t0 = benchmarkTask('rotated-mnist', 0, { tasks: 2 })
    const t1 = benchmarkTask('rotated-mnist', 1, { tasks: 2 })
    expect(t1.name).toMatch(/90°/)
    // a 90° turn is an exact pixel move: out[y'][x'] = in[x'][27 − y']
    const a = t0.test.x.subarray(0, 784)
    const b = t1.test.x.subarray(0, 784)
    for (let yo = 0; yo < 28; yo++)
      for (let xo = 0; xo < 28; xo++) expect(b[yo * 28 + xo]).toBeCloseTo(a[xo * 28 + (27 - yo)], 6)
  })

  it('rotates synthetic images as expected', () => {
    const img = new Float32Array(784)
    img[13 * 28 + 27] = 1 // right edge, middle row
    const r90 = rotateImage(img, 28, 90)
    // counter-clockwise on screen: the right edge goes to the top edge
    expect(r90[0 * 28 + 13]).toBeCloseTo(1, 6)
    expect(r90.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6)
    const rand = Float32Array.from({ length: 784 }, (_, i) => (i * 37) % 101)
    expect(Array.from(rotateImage(rand, 28, 0))).toEqual(Array.from(rand))
    const r180 = rotateImage(rand, 28, 180)
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++) expect(r180[y * 28 + x]).toBeCloseTo(rand[(27 - y) * 28 + (27 - x)], 4)
    // 45°: a blob centred on the rotation centre stays centred, with about the same mass
    const blob = new Float32Array(784)
    for (let y = 10; y < 18; y++) for (let x = 10; x < 18; x++) blob[y * 28 + x] = 1
    const r45 = rotateImage(blob, 28, 45)
    let mass = 0
    let cx = 0
    let cy = 0
    r45.forEach((v, i) => {
      mass += v
      cx += v * (i % 28)
      cy += v * Math.floor(i / 28)
    })
    expect(Math.abs(mass - 64) / 64).toBeLessThan(0.05)
    expect(cx / mass).toBeCloseTo(13.5, 6)
    expect(cy / mass).toBeCloseTo(13.5, 6)
    // its corners now point up: pixel (row 9, col 13) is inside the diamond |dx| + |dy| ≤ 4√2,
    // outside the original square
    expect(r45[9 * 28 + 13]).toBeGreaterThan(0.5)
    expect(blob[9 * 28 + 13]).toBe(0)
  })

  it('names the valid range on bad arguments', () => {
    expect(() => benchmarkTask('split-mnist', 5)).toThrow(
      /split-mnist task 5 does not exist; K must be a whole number in 0 … 4/
    )
    expect(() => benchmarkTask('permuted-mnist', 10)).toThrow(/K must be a whole number in 0 … 9/)
    expect(() => benchmarkTask('rotated-mnist', 1.5, { tasks: 4 })).toThrow(/in 0 … 3/)
    expect(() => benchmarkTask('bogus' as 'split-mnist', 0)).toThrow(
      /Unknown benchmark "bogus"; use one of split-mnist, permuted-mnist, rotated-mnist/
    )
    expect(() => benchmarkSequence('split-mnist', 6, 1)).toThrow(/tasks must be a whole number in 1 … 5, got 6/)
    expect(() => benchmarkTask('permuted-mnist', 0, { seed: 0.5 })).toThrow(/seed must be a whole number/)
  })
})
