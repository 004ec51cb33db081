/**
 * Reads a results file of `keizoku bench --out FILE` as extra, clearly labelled baselines for the
 * ROI report. The bench writer belongs to the engine; this reader is deliberately tolerant of the
 * exact layout so the two can evolve apart. Accepted shapes:
 *
 *   { benchmark?, createdAt?, results: [ENTRY, …] }   or   { methods: { NAME: ENTRY | ENTRY[] } }
 *   or a bare [ENTRY, …]
 *   ENTRY = { method, seed?, R: number[][], b?: number[] (untrained-model accuracy, for FWT),
 *             trainSeconds? (preferred: training only) | wallMs? | wallSeconds? | millis? | seconds?,
 *             parameterCounts?: { shared, perTask, mainNet },
 *             bytesPerTask? | bytesStoredPerTask? | storedBytesPerTask?, backend? }
 *
 * Entries of one method with several seeds are averaged: R element-wise, wall time arithmetically;
 * each metric also gets its mean ± 95 % interval over the seeds (from each entry's own R and b),
 * and hemb is compared with hnet and hnet-random seed by seed — the same summary `keizoku bench`
 * prints (shared/seedSummary).
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { KeizokuError } from '../../shared/errors'
import { GUIDANCE_PAIRS, pairedComparisons, summariseSeeds, type SeedRun } from '../../shared/seedSummary'
import { matrixMetrics } from './collect'
import type { BenchMethod, BenchResults } from './types'

type Obj = Record<string, unknown>

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

function numOf(o: Obj, keys: string[]): number | null {
  for (const k of keys) {
    const v = o[k]
    if (typeof v === 'number' && Number.isFinite(v)) return v
  }
  return null
}

function entriesOf(doc: unknown): Obj[] {
  if (Array.isArray(doc)) return doc.filter(isObj)
  if (!isObj(doc)) return []
  if (Array.isArray(doc.results)) return doc.results.filter(isObj)
  if (Array.isArray(doc.runs)) return doc.runs.filter(isObj)
  if (isObj(doc.methods)) {
    const out: Obj[] = []
    for (const [name, v] of Object.entries(doc.methods)) {
      for (const e of Array.isArray(v) ? v : [v]) if (isObj(e)) out.push({ method: name, ...e })
    }
    return out
  }
  return []
}

function matrixOf(x: unknown): number[][] | null {
  if (!Array.isArray(x) || x.length === 0) return null
  const T = x.length
  const R: number[][] = []
  for (const row of x) {
    if (!Array.isArray(row) || row.length !== T) return null
    R.push(row.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN)))
  }
  return R
}

export function parseBenchResults(doc: unknown, file: string): BenchResults {
  const entries = entriesOf(doc)
  const groups = new Map<string, Obj[]>()
  const problems: string[] = []
  entries.forEach((e, i) => {
    const method = typeof e.method === 'string' ? e.method : null
    const R = matrixOf(e.R ?? e.matrix ?? e.accuracyMatrix)
    if (!method || !R) {
      problems.push(
        `entry ${i}${method ? ` (${method})` : ''} has no ${method ? 'square accuracy matrix R' : 'method name'}`
      )
      return
    }
    groups.set(method, [...(groups.get(method) ?? []), { ...e, R }])
  })
  if (groups.size === 0) {
    throw new KeizokuError(
      'invalid_argument',
      `${file} holds no bench results${problems.length ? `: ${problems[0]}` : ''}.`,
      {
        hint: 'Pass the file written by `keizoku bench --out FILE` (per method: R, wall time, parameter counts).'
      }
    )
  }
  const methods: BenchMethod[] = []
  const runs: SeedRun[] = []
  for (const [method, list] of groups) {
    list.forEach((e, i) => {
      const R = (e.R as number[][]).map((row) => row.map((v) => (Number.isFinite(v) ? v : null)))
      const b = Array.isArray(e.b) && e.b.length === R.length ? (e.b as Array<number | null>) : null
      const m = matrixMetrics(R, b).metrics
      if (m) runs.push({ method, seed: numOf(e, ['seed']) ?? -1 - i, values: { ...m } })
    })
    const T = (list[0].R as number[][]).length
    const same = list.filter((e) => (e.R as number[][]).length === T)
    const R = Array.from({ length: T }, (_, i) =>
      Array.from({ length: T }, (_, j) => same.reduce((p, e) => p + (e.R as number[][])[i][j], 0) / same.length)
    )
    // Training time only when the file has it (the workspace side counts training only too).
    const walls = same.map((e) => {
      const train = numOf(e, ['trainSeconds'])
      if (train !== null) return train
      const ms = numOf(e, ['wallMs', 'millis', 'wallMillis'])
      return ms !== null ? ms / 1000 : numOf(e, ['wallSeconds', 'seconds', 'wallTime'])
    })
    const bs = same.map((e) => e.b)
    const b = bs.every(
      (x) => Array.isArray(x) && x.length === T && x.every((v) => typeof v === 'number' && Number.isFinite(v))
    )
      ? Array.from({ length: T }, (_, j) => (bs as number[][]).reduce((p, x) => p + x[j], 0) / bs.length)
      : null
    const wallSeconds = walls.every((w) => w !== null)
      ? (walls as number[]).reduce((a, b) => a + b, 0) / walls.length
      : null
    const pc = isObj(same[0].parameterCounts) ? same[0].parameterCounts : null
    const shared = pc ? numOf(pc, ['shared']) : null
    const perTask = pc ? numOf(pc, ['perTask']) : null
    const mainNet = pc ? numOf(pc, ['mainNet']) : null
    methods.push({
      method,
      seeds: same.map((e) => numOf(e, ['seed'])).filter((x): x is number => x !== null),
      R,
      b,
      wallSeconds,
      parameterCounts: shared !== null && perTask !== null && mainNet !== null ? { shared, perTask, mainNet } : null,
      bytesPerTask: numOf(same[0], ['bytesPerTask', 'bytesStoredPerTask', 'storedBytesPerTask']),
      backend: typeof same[0].backend === 'string' ? same[0].backend : null,
      intervals: {}
    })
  }
  for (const s of summariseSeeds(runs)) {
    const m = methods.find((x) => x.method === s.method)
    if (m) m.intervals = s.values
  }
  const paired = pairedComparisons(runs, GUIDANCE_PAIRS, ['average_accuracy', 'bwt', 'forgetting'])
  const top = isObj(doc) ? doc : {}
  const cfg = isObj(top.config) ? top.config : {}
  const benchmark =
    typeof top.benchmark === 'string' ? top.benchmark : typeof cfg.benchmark === 'string' ? cfg.benchmark : null
  const createdAt = typeof top.createdAt === 'string' ? top.createdAt : typeof top.date === 'string' ? top.date : null
  return { file: basename(file), benchmark, createdAt, methods, paired }
}

export function readBenchResults(path: string): BenchResults {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new KeizokuError('not_found', `Cannot read the bench results ${path}: ${(err as Error).message}.`, {
      hint: 'Write one with `keizoku bench … --out FILE`.'
    })
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (err) {
    throw new KeizokuError('invalid_argument', `${path} is not JSON: ${(err as Error).message}.`)
  }
  return parseBenchResults(doc, path)
}
