/**
 * Built-in benchmarks on the 10,000 real digits of the `mnist` package (see mnistData.ts):
 *
 * - `split-mnist`: 5 tasks; task K separates digits 2K and 2K+1 (labels 0/1).
 * - `permuted-mnist`: task K applies the K-th fixed pixel permutation (K = 0 the identity); 10 classes.
 * - `rotated-mnist`: task K rotates every digit by K · 180/tasks degrees (bilinear, about the
 *   centre); 10 classes.
 *
 * Every task of a sequence uses the same stratified 8,000 / 2,000 train/test split of the digits,
 * drawn from the seed (default 1): each digit contributes 20 % of its samples to the test set
 * (largest-remainder rounding so the totals are exactly 8,000 and 2,000), and both sets are then
 * shuffled. Everything is a deterministic function of (kind, K, seed, tasks).
 */
import type { LabelledSet, TaskData } from '../../shared/dataset'
import { BENCHMARK_KINDS, type BenchmarkKind } from '../../shared/domain/lists'
import { KeizokuError } from '../../shared/errors'
import { mulberry32, shuffleInPlace } from '../random'
import { DEFAULT_TASKS, SPLIT_MNIST_TASKS } from '../../shared/domain/lists'
import { loadMnist, MNIST_DIM, MNIST_SIDE, type MnistDigits } from './mnistData'
import { mixSeed, permuteRows, pixelPermutation, rotateRows, rotationAngle, rotationPlan } from './transforms'

/** Upper bound on a sequence length (memory: each permuted/rotated task holds 31 MB of pixels). */
export const MAX_TASKS = 1000
export const TEST_FRACTION = 0.2

export interface BenchmarkOptions {
  seed?: number
  /** Length of the sequence K belongs to; sets rotated-mnist's angle step. Default 10 (split: 5). */
  tasks?: number
}

const SPLIT_TAG = 0x73706c74 // 'splt'

/** Train/test sample indices (into the digit order of loadMnist) for a seed. */
export interface DigitSplit {
  train: Int32Array
  test: Int32Array
}

const splits = new Map<number, DigitSplit>()

/** The stratified 80/20 split of the digits for `seed` (memoised). */
export function digitSplit(seed: number, digits: MnistDigits = loadMnist()): DigitSplit {
  const hit = splits.get(seed)
  if (hit) return hit
  const rand = mulberry32(mixSeed(SPLIT_TAG, seed))
  const byClass: number[][] = Array.from({ length: 10 }, () => [])
  for (let i = 0; i < digits.n; i++) byClass[digits.y[i]].push(i)
  // Test size per class: floor(0.2 n_c), then +1 for the largest remainders (ties: lower digit).
  const exact = byClass.map((idx) => idx.length * TEST_FRACTION)
  const testCount = exact.map(Math.floor)
  const missing = Math.round(digits.n * TEST_FRACTION) - testCount.reduce((a, b) => a + b, 0)
  const order = exact.map((v, c) => [v - Math.floor(v), c]).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let i = 0; i < missing; i++) testCount[order[i][1]]++
  const train: number[] = []
  const test: number[] = []
  byClass.forEach((idx, c) => {
    shuffleInPlace(idx, rand)
    test.push(...idx.slice(0, testCount[c]))
    train.push(...idx.slice(testCount[c]))
  })
  shuffleInPlace(train, rand)
  shuffleInPlace(test, rand)
  const split = { train: Int32Array.from(train), test: Int32Array.from(test) }
  splits.set(seed, split)
  return split
}

/**
 * Task K of a benchmark. Errors (KeizokuError 'invalid_argument') name the valid range of K,
 * tasks and the known kinds.
 */
export function benchmarkTask(kind: BenchmarkKind, k: number, opts: BenchmarkOptions = {}): TaskData {
  const seed = opts.seed ?? 1
  if (!Number.isInteger(seed)) {
    throw new KeizokuError('invalid_argument', `Benchmark seed must be a whole number, got ${seed}.`)
  }
  const tasks = checkTasks(kind, opts.tasks)
  if (!Number.isInteger(k) || k < 0 || k >= tasks) {
    throw new KeizokuError(
      'invalid_argument',
      `${kind} task ${k} does not exist; K must be a whole number in 0 … ${tasks - 1}.`,
      {
        hint:
          kind === 'split-mnist'
            ? 'Split-MNIST has 5 tasks (digit pairs 0/1 … 8/9).'
            : 'Raise `tasks` for a longer sequence.'
      }
    )
  }
  const digits = loadMnist()
  const split = digitSplit(seed, digits)
  if (kind === 'split-mnist') {
    const a = 2 * k
    const keep = (idx: Int32Array): Int32Array => idx.filter((i) => digits.y[i] === a || digits.y[i] === a + 1)
    const make = (idx: Int32Array): LabelledSet => {
      const rows = keep(idx)
      return labelled(
        gather(digits.x, rows),
        Int32Array.from(rows, (i) => digits.y[i] - a),
        2
      )
    }
    return {
      name: `split-mnist task ${k} (digits ${a}/${a + 1})`,
      train: make(split.train),
      test: make(split.test),
      classNames: [String(a), String(a + 1)]
    }
  }
  let transform: (x: Float32Array) => Float32Array
  let name: string
  if (kind === 'permuted-mnist') {
    const perm = pixelPermutation(seed, k, MNIST_DIM)
    transform = (x) => (k === 0 ? x : permuteRows(x, MNIST_DIM, perm))
    name = `permuted-mnist task ${k}${k === 0 ? ' (identity)' : ''}`
  } else {
    const degrees = rotationAngle(k, tasks)
    const plan = rotationPlan(MNIST_SIDE, degrees)
    transform = (x) => (k === 0 ? x : rotateRows(x, plan))
    name = `rotated-mnist task ${k} (${Number(degrees.toFixed(4))}°)`
  }
  const make = (idx: Int32Array): LabelledSet =>
    labelled(
      transform(gather(digits.x, idx)),
      Int32Array.from(idx, (i) => digits.y[i]),
      10
    )
  return {
    name,
    train: make(split.train),
    test: make(split.test),
    classNames: Array.from({ length: 10 }, (_, c) => String(c))
  }
}

/** Tasks 0 … tasks−1 of a benchmark, all on the same split. */
export function benchmarkSequence(kind: BenchmarkKind, tasks: number, seed: number): TaskData[] {
  const T = checkTasks(kind, tasks)
  return Array.from({ length: T }, (_, k) => benchmarkTask(kind, k, { seed, tasks: T }))
}

function checkTasks(kind: BenchmarkKind, tasks: number | undefined): number {
  if (!BENCHMARK_KINDS.includes(kind)) {
    throw new KeizokuError(
      'invalid_argument',
      `Unknown benchmark "${String(kind)}"; use one of ${BENCHMARK_KINDS.join(', ')}.`
    )
  }
  const max = kind === 'split-mnist' ? SPLIT_MNIST_TASKS : MAX_TASKS
  const T = tasks ?? (kind === 'split-mnist' ? SPLIT_MNIST_TASKS : DEFAULT_TASKS)
  if (!Number.isInteger(T) || T < 1 || T > max) {
    throw new KeizokuError('invalid_argument', `${kind}: tasks must be a whole number in 1 … ${max}, got ${T}.`)
  }
  return T
}

function gather(x: Float32Array, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * MNIST_DIM)
  rows.forEach((r, i) => out.set(x.subarray(r * MNIST_DIM, (r + 1) * MNIST_DIM), i * MNIST_DIM))
  return out
}

function labelled(x: Float32Array, y: Int32Array, numClasses: number): LabelledSet {
  return { x, y, n: y.length, inputShape: [MNIST_DIM], numClasses }
}
