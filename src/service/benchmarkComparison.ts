import { cpus } from 'node:os'
import type { BenchmarkJob, BenchmarkResult, BenchmarkTaskReport } from '../engine/benchmarkRun'
import { resolveConfig, type EngineConfig, type PartialEngineConfig } from '../shared/domain/engineConfig'
import type { BenchmarkKind } from '../shared/domain/lists'
import type { Method } from '../shared/domain/methods'
import {
  GUIDANCE_PAIRS,
  pairedComparisons,
  summariseSeeds,
  type PairedComparison,
  type SeedRun
} from '../shared/seedSummary'
import { writeFileAtomic } from './files'
import { runInWorker } from './workerClient'

/**
 * `keizoku bench`: methods compared side by side on a built-in MNIST benchmark, one
 * (method, seed) job per worker thread, `parallel` at a time. It needs no workspace and has no
 * screen: it is the researcher's comparison whose results file the ROI report can show
 * (`report.build` with `baselinesFile`). It is not an API call because it runs for minutes to
 * hours on every core: the hosts that serve a page must not let a page start it.
 */

/** Metrics summarised and compared over seeds. */
export const SUMMARY_METRICS = ['average_accuracy', 'bwt', 'fwt', 'forgetting'] as const

export interface BenchmarkComparisonPlan {
  benchmark: BenchmarkKind
  tasks: number
  methods: Method[]
  seeds: number[]
  steps: number
  /** The engine settings, as given (`steps` is set from the plan). */
  config: PartialEngineConfig
  parallel: number
  /** Named config or config file the settings came from, recorded in the results. */
  configSource: { name: string | null; path: string } | null
  /** Results file: rewritten (atomically) after every job with what has finished, then in full. */
  outFile?: string
}

export interface BenchmarkComparisonHooks {
  onStart?: (job: BenchmarkJob) => void
  onTask?: (job: BenchmarkJob, report: BenchmarkTaskReport) => void
  onDone?: (job: BenchmarkJob, result: BenchmarkResult) => void
}

/** The results document (`--out`), read back by the ROI report (service/reports/baselines.ts). */
export interface BenchmarkComparison {
  benchmark: BenchmarkKind
  tasks: number
  steps: number
  methods: Method[]
  seeds: number[]
  parallel: number
  /** The named config (resources/configs) or the file given with --config, as given. */
  configName: string | null
  configFile: string | null
  config: EngineConfig
  machine: { cpus: number; cpuModel: string; node: string; platform: string; arch: string }
  date: string
  totalSeconds: number
  summary: { methods: ReturnType<typeof summariseSeeds>; paired: PairedComparison[] }
  results: BenchmarkResult[]
}

export async function runBenchmarkComparison(
  plan: BenchmarkComparisonPlan,
  hooks: BenchmarkComparisonHooks = {}
): Promise<BenchmarkComparison> {
  const { benchmark, tasks, methods, seeds, steps, config, parallel, outFile } = plan
  const resolved = resolveConfig({ ...config, steps }) // validates before any worker starts
  const jobs: BenchmarkJob[] = []
  for (const seed of seeds)
    for (const method of methods) jobs.push({ benchmark, tasks, method, seed, steps, config: { ...config, steps } })
  const results: BenchmarkResult[] = new Array(jobs.length)
  const started = Date.now()
  let next = 0
  const runNext = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++
      const job = jobs[i]
      hooks.onStart?.(job)
      const running = runInWorker<BenchmarkResult>({ kind: 'benchmark', payload: job }, (r) =>
        hooks.onTask?.(job, r as BenchmarkTaskReport)
      )
      results[i] = await running.result
      if (outFile)
        writeFileAtomic(
          outFile,
          JSON.stringify({ partial: true, results: results.filter((x) => x !== undefined) }, null, 2),
          'the bench results'
        )
      hooks.onDone?.(job, results[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, () => runNext()))
  const runs: SeedRun[] = results.map((r) => ({
    method: r.method,
    seed: r.seed,
    values: { ...r.metrics, trainSeconds: r.trainSeconds, wallSeconds: r.wallSeconds }
  }))
  const doc: BenchmarkComparison = {
    benchmark,
    tasks,
    steps,
    methods,
    seeds,
    parallel,
    configName: plan.configSource?.name ?? null,
    configFile: plan.configSource && !plan.configSource.name ? plan.configSource.path : null,
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
    summary: {
      methods: summariseSeeds(runs),
      paired: pairedComparisons(runs, GUIDANCE_PAIRS, [...SUMMARY_METRICS])
    },
    results
  }
  if (outFile) writeFileAtomic(outFile, JSON.stringify(doc, null, 2), 'the bench results')
  return doc
}
