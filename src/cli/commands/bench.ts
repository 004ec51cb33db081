import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { DEFAULT_TASKS, SPLIT_MNIST_TASKS } from '../../common/benchmarks'
import { BENCHMARK_KINDS, type BenchmarkKind } from '../../shared/domain/lists'
import type { BenchJob, BenchResult, BenchTaskReport } from '../../engine/benchRun'
import { resolveConfig, type PartialEngineConfig } from '../../shared/domain/engineConfig'
import { METHODS, type Method } from '../../shared/domain/methods'
import { loadConfigArg } from '../../service/namedConfigs'
import { KeizokuError, type ErrorInfo } from '../../shared/errors'
import {
  GUIDANCE_PAIRS,
  formatInterval,
  pairedComparisons,
  summariseSeeds,
  type SeedRun
} from '../../shared/seedSummary'
import { emit, table, usageError } from '../output'
import { intOption, requireString, stringOption } from '../parse'
import type { Command } from './types'

const USAGE =
  'keizoku bench --benchmark split-mnist|permuted-mnist|rotated-mnist [--tasks K] [--methods hemb,hnet,...] [--steps N] [--seeds 1,2,3] [--config NAME|cfg.json] [--parallel 2] [--out results.json] [--json]'

type WorkerMsg =
  | { type: 'task'; report: BenchTaskReport }
  | { type: 'result'; result: BenchResult }
  | { type: 'error'; error: ErrorInfo }

/** Runs one job in its own worker thread (own tfjs instance; wasm uses one thread per worker). */
function runJob(job: BenchJob, onTask: (r: BenchTaskReport) => void): Promise<BenchResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, '..', 'bench', 'worker.cjs'), { workerData: job, env: process.env })
    let done = false
    worker.on('message', (m: WorkerMsg) => {
      if (m.type === 'task') onTask(m.report)
      else {
        done = true
        void worker.terminate()
        if (m.type === 'result') resolve(m.result)
        else reject(KeizokuError.fromInfo(m.error))
      }
    })
    worker.on('error', (err) => {
      done = true
      reject(
        new KeizokuError('internal', `The bench worker for ${job.method} (seed ${job.seed}) crashed: ${err.message}`, {
          detail: err.stack
        })
      )
    })
    worker.on('exit', (code) => {
      if (!done)
        reject(
          new KeizokuError(
            'internal',
            `The bench worker for ${job.method} (seed ${job.seed}) exited with code ${code} before finishing.`
          )
        )
    })
  })
}

function parseList<T>(raw: string, what: string, check: (s: string) => T): T[] {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (items.length === 0) throw usageError(`--${what} is empty.`, `Usage: ${USAGE}`)
  return items.map(check)
}

/** Metrics summarised and compared over seeds. */
const SUMMARY_METRICS = ['average_accuracy', 'bwt', 'fwt', 'forgetting'] as const

function summaryRows(methods: ReturnType<typeof summariseSeeds>): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [['method', 'seeds', 'avg acc', 'BWT', 'FWT', 'forgetting', 'train s', 'train CPU s']]
  for (const m of methods) {
    const v = (k: string, d = 4): string => (m.values[k] ? formatInterval(m.values[k], d) : '—')
    rows.push([m.method, m.seeds.join(','), ...SUMMARY_METRICS.map((k) => v(k)), v('trainSeconds', 1), v('trainCpuSeconds', 1)])
  }
  return rows
}

function pairedRows(paired: ReturnType<typeof pairedComparisons>): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [['A − B', 'metric', 'per seed', 'mean ± 95 %', 'interval']]
  for (const p of paired) {
    const d = p.difference
    const lo = d.half === null ? null : d.mean - d.half
    const hi = d.half === null ? null : d.mean + d.half
    rows.push([
      `${p.a} − ${p.b}`,
      p.metric,
      p.differences.map((x) => x.toFixed(4)).join(' '),
      formatInterval(d),
      lo === null || hi === null ? '—' : `[${lo.toFixed(4)}, ${hi.toFixed(4)}]${lo > 0 || hi < 0 ? ' excludes 0' : ''}`
    ])
  }
  return rows
}

const f = (v: number | null, digits = 4): string => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits))

export const benchCommand: Command = {
  name: 'bench',
  summary:
    'Run continual-learning methods side by side on a built-in MNIST benchmark (accuracy matrix, BWT/FWT, time).',
  usage: USAGE,
  options: {
    benchmark: { type: 'string' },
    tasks: { type: 'string' },
    methods: { type: 'string' },
    steps: { type: 'string' },
    seeds: { type: 'string' },
    config: { type: 'string' },
    out: { type: 'string' },
    parallel: { type: 'string' }
  },
  async run(args, ctx) {
    const benchmark = requireString(args, 'benchmark', USAGE) as BenchmarkKind
    if (!BENCHMARK_KINDS.includes(benchmark)) {
      throw usageError(`--benchmark must be one of ${BENCHMARK_KINDS.join(', ')}, got "${benchmark}".`)
    }
    const tasks = intOption(args, 'tasks', benchmark === 'split-mnist' ? SPLIT_MNIST_TASKS : DEFAULT_TASKS)
    if (tasks < 1 || (benchmark === 'split-mnist' && tasks > SPLIT_MNIST_TASKS)) {
      throw usageError(
        `--tasks must be 1 … ${benchmark === 'split-mnist' ? SPLIT_MNIST_TASKS : 'many'} for ${benchmark}, got ${tasks}.`
      )
    }
    const methods = parseList(stringOption(args, 'methods') ?? 'hemb,hnet', 'methods', (s) => {
      if (!(METHODS as readonly string[]).includes(s))
        throw usageError(`Unknown method "${s}" in --methods.`, `Use any of ${METHODS.join(', ')}.`)
      return s as Method
    })
    const seeds = parseList(stringOption(args, 'seeds') ?? '1', 'seeds', (s) => {
      if (!/^\d+$/.test(s)) throw usageError(`--seeds must be whole numbers ≥ 0 separated by commas, got "${s}".`)
      return Number(s)
    })
    const cfgArg = stringOption(args, 'config')
    const loaded = cfgArg ? loadConfigArg(cfgArg) : null
    const config = (loaded?.config ?? {}) as PartialEngineConfig
    const steps = intOption(args, 'steps', resolveConfig(config).steps)
    const resolved = resolveConfig({ ...config, steps }) // validates before any worker starts
    const parallel = Math.max(1, intOption(args, 'parallel', 2))

    const jobs: BenchJob[] = []
    for (const seed of seeds)
      for (const method of methods) jobs.push({ benchmark, tasks, method, seed, steps, config: { ...config, steps } })
    const results: BenchResult[] = new Array(jobs.length)
    const out = stringOption(args, 'out')
    const started = Date.now()
    let next = 0
    const runNext = async (): Promise<void> => {
      while (next < jobs.length) {
        const i = next++
        const job = jobs[i]
        if (!ctx.json) ctx.err(`[bench] start ${job.method} seed ${job.seed}`)
        results[i] = await runJob(job, (r) => {
          if (!ctx.json) {
            const cpu = r.cpuSeconds === null ? '' : `, thread CPU ${r.cpuSeconds.toFixed(1)} s`
            ctx.err(
              `[bench] ${job.method} seed ${job.seed}: task ${r.t + 1}/${tasks} in ${r.seconds.toFixed(1)} s${cpu}; accuracies ${r.row.map((a) => a.toFixed(4)).join(' ')}`
            )
          }
        })
        if (out)
          writeFileSync(
            out,
            JSON.stringify({ partial: true, results: results.filter((x) => x !== undefined) }, null, 2)
          )
        if (!ctx.json) {
          const r = results[i]
          ctx.err(
            `[bench] done ${job.method} seed ${job.seed}: avg ${f(r.metrics.average_accuracy)} in ${r.wallSeconds.toFixed(1)} s`
          )
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, () => runNext()))
    const runs: SeedRun[] = results.map((r) => ({
      method: r.method,
      seed: r.seed,
      // Training-thread CPU time: on a shared machine the comparable cost (wall time is not).
      values: { ...r.metrics, trainSeconds: r.trainSeconds, wallSeconds: r.wallSeconds, trainCpuSeconds: r.trainCpuSeconds }
    }))
    const summary = {
      methods: summariseSeeds(runs),
      paired: pairedComparisons(runs, GUIDANCE_PAIRS, [...SUMMARY_METRICS])
    }
    const doc = {
      benchmark,
      tasks,
      steps,
      methods,
      seeds,
      parallel,
      /** The named config (resources/configs) or the file given with --config, as given. */
      configName: loaded?.name ?? null,
      configFile: loaded && !loaded.name ? loaded.path : null,
      config: resolved,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        platform: process.platform,
        arch: process.arch
      },
      date: new Date().toISOString(),
      totalSeconds: (Date.now() - started) / 1000,
      summary,
      results
    }
    if (out) writeFileSync(out, JSON.stringify(doc, null, 2))
    emit(ctx, doc, () => {
      const rows: Array<Array<string | number>> = [
        [
          'method',
          'seed',
          'avg acc',
          'BWT',
          'FWT',
          'forgetting',
          'wall s',
          'train s',
          'train cpu s',
          'steps/s',
          'backend',
          'shared params',
          'bytes/task'
        ]
      ]
      for (const r of results) {
        rows.push([
          r.method,
          r.seed,
          f(r.metrics.average_accuracy),
          f(r.metrics.bwt),
          f(r.metrics.fwt),
          f(r.metrics.forgetting),
          r.wallSeconds.toFixed(1),
          r.trainSeconds.toFixed(1),
          r.trainCpuSeconds === null ? '—' : r.trainCpuSeconds.toFixed(1),
          r.stepsPerSecond.toFixed(1),
          r.backend,
          r.parameterCounts.shared,
          r.bytesPerTask
        ])
      }
      const multi = seeds.length > 1
      return [
        `${benchmark}, ${tasks} tasks, ${steps} steps per task, ${parallel} parallel worker(s), ${doc.totalSeconds.toFixed(1)} s total` +
          (loaded ? `, config ${loaded.name ?? loaded.path}` : ''),
        table(rows),
        multi
          ? `\nMean ± 95 % interval (Student t) over seeds ${seeds.join(', ')}:\n${table(summaryRows(summary.methods))}`
          : '',
        multi && summary.paired.length > 0
          ? `\nPaired differences A − B on the same seeds (mean ± 95 % interval; an interval containing 0 shows no difference):\n${table(pairedRows(summary.paired))}`
          : '',
        out ? `written to ${out}` : ''
      ]
        .filter((s) => s !== '')
        .join('\n')
    })
  }
}
