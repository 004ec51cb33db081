import { BENCHMARK_KINDS, DEFAULT_TASKS, SPLIT_MNIST_TASKS, type BenchmarkKind } from '../../shared/domain/lists'
import { resolveConfig, type PartialEngineConfig } from '../../shared/domain/engineConfig'
import { SUMMARY_METRICS, runBenchmarkComparison, type BenchmarkComparison } from '../../service/benchmarkComparison'
import { loadConfigArg } from '../../service/namedConfigs'
import { formatInterval } from '../../shared/seedSummary'
import { emit, table, usageError } from '../output'
import { intOption, methodsOption, requireString, seedsOption, stringOption } from '../parse'
import type { Command } from './types'

const USAGE =
  'keizoku bench --benchmark split-mnist|permuted-mnist|rotated-mnist [--tasks K] [--methods hemb,hnet,...] [--steps N] [--seeds 1,2,3] [--config NAME|cfg.json] [--parallel 2] [--out results.json] [--json]'

function summaryRows(methods: BenchmarkComparison['summary']['methods']): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [['method', 'seeds', 'avg acc', 'BWT', 'FWT', 'forgetting', 'train s']]
  for (const m of methods) {
    const v = (k: string, d = 4): string => (m.values[k] ? formatInterval(m.values[k], d) : '—')
    rows.push([m.method, m.seeds.join(','), ...SUMMARY_METRICS.map((k) => v(k)), v('trainSeconds', 1)])
  }
  return rows
}

function pairedRows(paired: BenchmarkComparison['summary']['paired']): Array<Array<string | number>> {
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
    const methods = methodsOption(args, USAGE) ?? ['hemb', 'hnet']
    const seeds = seedsOption(args, USAGE) ?? [1]
    const cfgArg = stringOption(args, 'config')
    const loaded = cfgArg ? loadConfigArg(cfgArg) : null
    const config = (loaded?.config ?? {}) as PartialEngineConfig
    const steps = intOption(args, 'steps', resolveConfig(config).steps)
    const parallel = Math.max(1, intOption(args, 'parallel', 2))
    const out = stringOption(args, 'out')
    const say = (line: string): void => {
      if (!ctx.json) ctx.err(line)
    }
    const doc = await runBenchmarkComparison(
      {
        benchmark,
        tasks,
        methods,
        seeds,
        steps,
        config,
        parallel,
        configSource: loaded ? { name: loaded.name ?? null, path: loaded.path } : null,
        outFile: out
      },
      {
        onStart: (job) => say(`[bench] start ${job.method} seed ${job.seed}`),
        onTask: (job, r) => {
          const cpu = r.cpuSeconds === null ? '' : `, thread CPU ${r.cpuSeconds.toFixed(1)} s`
          say(
            `[bench] ${job.method} seed ${job.seed}: task ${r.t + 1}/${tasks} in ${r.seconds.toFixed(1)} s${cpu}; accuracies ${r.row.map((a) => a.toFixed(4)).join(' ')}`
          )
        },
        onDone: (job, r) =>
          say(
            `[bench] done ${job.method} seed ${job.seed}: avg ${f(r.metrics.average_accuracy)} in ${r.wallSeconds.toFixed(1)} s`
          )
      }
    )
    const { results, summary } = doc
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
