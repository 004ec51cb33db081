import { createHash } from 'node:crypto'
import type { TaskData } from '../../shared/dataset'
import { KeizokuError } from '../../shared/errors'
import { benchmarkTask } from '../../common/benchmarks'
import type { DatasetSource } from '../../shared/domain/records'
import type { ProblemList } from './problems'

/** Task K of a built-in benchmark (real MNIST digits, from the engine), with its own train/test split. */
export async function loadBenchmark(
  source: Extract<DatasetSource, { kind: 'builtin' }>,
  problems: ProblemList
): Promise<{ data: TaskData; sha256: string } | null> {
  let data: TaskData
  try {
    data = benchmarkTask(source.benchmark, source.k, source.seed !== undefined ? { seed: source.seed } : {})
  } catch (err) {
    if (err instanceof KeizokuError) {
      problems.error(
        'bad_benchmark',
        err.message,
        err.hint ?? 'Use split-mnist:0…4, permuted-mnist:K or rotated-mnist:K.',
        undefined,
        { benchmark: source.benchmark, k: source.k }
      )
      return null
    }
    throw err
  }
  const hash = createHash('sha256')
  for (const s of [data.train, data.test]) {
    hash.update(new Uint8Array(s.x.buffer, s.x.byteOffset, s.x.byteLength))
    hash.update(new Uint8Array(s.y.buffer, s.y.byteOffset, s.y.byteLength))
  }
  return { data, sha256: hash.digest('hex') }
}
