/**
 * `npm run bench` — the performance benchmark of issue 8. Runs every part in its own Node process
 * (fresh heap, its own peak RSS; a part that fails is reported and the others still run), prints a
 * table, writes bench/results/<YYYY-MM-DD>.json and regenerates docs/benchmarks.md.
 *
 *   npm run bench                          full run (≈ 30–60 min on a loaded 2-core machine)
 *   npm run bench -- --quick               short settings, no Permuted-MNIST-10
 *   npm run bench -- --only step,lag       only these parts (peak, step, step-cpu, hscore, lag,
 *                                          import, growth, pmnist)
 *   npm run bench -- --no-doc              do not touch docs/benchmarks.md
 *   npm run bench -- --skip pmnist         all parts but these
 *   npm run bench -- --merge FILE          take the parts this run skips from another result file
 *   npm run bench -- --out FILE            result JSON elsewhere
 *   npm run bench -- --sequential          growth settings and Permuted-MNIST methods one after
 *                                          the other instead of side by side (one per core)
 *
 * Backend: wasm unless KEIZOKU_BACKEND says otherwise (with @tensorflow/tfjs-node installed,
 * KEIZOKU_BACKEND=tensorflow measures the native backend through the same code).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { machine, peakRssMB, type Machine } from './common'

export const PARTS = ['peak', 'step', 'step-cpu', 'hscore', 'lag', 'import', 'growth', 'pmnist'] as const
export type Part = (typeof PARTS)[number]

export interface PartOutcome {
  ok: boolean
  seconds: number
  peakRssMB: number
  /** The part's processes ran at the same time (one per core). */
  parallel: boolean
  data?: unknown
  error?: string
  /** One entry per child process of the part. */
  args: string[][]
}

export interface BenchDocument {
  kind: 'keizoku-bench'
  version: 1
  date: string
  startedAt: string
  finishedAt: string
  mode: 'full' | 'quick'
  command: string
  machine: Machine
  /** Load average (1, 5, 15 min) at the start and at the end of the run. */
  loadAverage: { start: number[]; end: number[] }
  tfjs: string
  backend: string
  config: Record<string, unknown>
  parts: Partial<Record<Part, PartOutcome>>
  /** Parts taken from another result file (--merge), with when and under which load they were measured. */
  merged: Array<{
    part: Part
    file: string
    startedAt: string
    finishedAt: string
    loadAverage: { start: number[]; end: number[] }
  }>
  orchestratorPeakRssMB: number
}

const ROOT = join(__dirname, '..')
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : undefined
}
const only = flag('only')
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean)
const skip = flag('skip')
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean)
const mergeFile = flag('merge')
for (const p of [...(only ?? []), ...(skip ?? [])]) {
  if (!(PARTS as readonly string[]).includes(p)) {
    process.stderr.write(`Unknown part "${p}" in --only/--skip; use some of ${PARTS.join(', ')}.\n`)
    process.exit(2)
  }
}
const backend = process.env.KEIZOKU_BACKEND || 'wasm'
/** Run the two growth settings and the two Permuted-MNIST methods side by side (--sequential: one after the other). */
const PARALLEL = !args.includes('--sequential')

/** Settings of each part; --quick trades precision for a run of a few minutes. */
const CONFIG = {
  peak: { runs: quick ? 3 : 5, cpuRuns: quick ? 1 : 3, n: 1024, cpuN: 512 },
  step: {
    configs: ['mlp', 'hnet', 'hnet-reg-1', 'hnet-reg-4', 'hnet-reg-16'],
    runs: quick ? 2 : 3,
    stepsMlp: quick ? 300 : 500,
    stepsHnet: quick ? 100 : 200
  },
  stepCpu: { configs: ['mlp', 'hnet'], runs: quick ? 1 : 2, steps: 10 },
  hscore: { runs: quick ? 3 : 7 },
  lag: { steps: quick ? 200 : 400, method: 'hemb' },
  import: { rows: 100_000, cols: 50, runs: quick ? 1 : 3 },
  growth: { tasks: quick ? 20 : 50, steps: quick ? 20 : 50, subsamples: [0, 4] },
  pmnist: { tasks: 10, steps: 1000, methods: ['hnet', 'hemb'], pytorchSeconds: 160.5 }
}

function runChild(
  script: string,
  childArgs: string[],
  env: Record<string, string> = {}
): Promise<{ ok: boolean; data?: unknown; error?: string; peakRssMB: number }> {
  const out = join(ROOT, 'bench/results', `${script.replace(/\W/g, '_')}-${process.pid}-${Date.now()}.tmp`)
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', script), ...childArgs, '--out', out],
      {
        cwd: ROOT,
        env: { ...process.env, KEIZOKU_BACKEND: backend, ...env },
        stdio: ['ignore', 'ignore', 'pipe']
      }
    )
    let tail = ''
    child.stderr.on('data', (b: Buffer) => {
      const s = b.toString()
      tail = (tail + s).slice(-4000)
      // Pass the children's progress lines through; drop tfjs's "install tfjs-node" banner.
      for (const line of s.split('\n')) if (line.startsWith('  ')) process.stderr.write(line + '\n')
    })
    child.on('close', (code) => {
      let doc: { ok: boolean; data?: unknown; error?: string; peakRssMB: number } = {
        ok: false,
        error: `exit code ${code}: ${tail.trim().split('\n').slice(-3).join(' | ')}`,
        peakRssMB: NaN
      }
      if (existsSync(out)) {
        try {
          doc = JSON.parse(readFileSync(out, 'utf8')) as typeof doc
        } catch {
          // keep the exit-code error
        }
        rmSync(out, { force: true })
      }
      resolve(doc)
    })
  })
}

/** Runs the children of one part in sequence and collects their results. */
async function part(
  name: Part,
  jobs: Array<{ script: string; args: string[] }>,
  combine: (data: unknown[]) => unknown = (d) => (d.length === 1 ? d[0] : d),
  parallel = false
): Promise<PartOutcome> {
  process.stderr.write(`▶ ${name}\n`)
  const t0 = performance.now()
  const datas: unknown[] = []
  let rss = 0
  const errors: string[] = []
  // Independent jobs of one part may run side by side (one per core), as `keizoku bench` runs methods.
  const results = parallel
    ? await Promise.all(jobs.map((j) => runChild(j.script, j.args)))
    : await jobs.reduce<Promise<Awaited<ReturnType<typeof runChild>>[]>>(
        async (acc, j) => [...(await acc), await runChild(j.script, j.args)],
        Promise.resolve([])
      )
  results.forEach((r, i) => {
    const j = jobs[i]
    rss = Math.max(rss, r.peakRssMB || 0)
    if (r.ok) datas.push(r.data)
    else {
      errors.push(`${j.script} ${j.args.join(' ')}: ${r.error ?? 'failed'}`)
      datas.push(null)
    }
  })
  const seconds = (performance.now() - t0) / 1000
  process.stderr.write(`  (${name}: ${seconds.toFixed(0)} s${errors.length ? `, ${errors.length} failed` : ''})\n`)
  return {
    ok: errors.length === 0,
    seconds,
    peakRssMB: rss,
    parallel,
    data: combine(datas),
    error: errors.length ? errors.join('\n') : undefined,
    args: jobs.map((j) => [j.script, ...j.args])
  }
}

async function main(): Promise<void> {
  const wanted = (p: Part): boolean => !skip?.includes(p) && (only ? only.includes(p) : !(quick && p === 'pmnist'))
  const startedAt = new Date()
  const startLoad = machine().loadAverage
  const parts: BenchDocument['parts'] = {}
  const C = CONFIG
  const merged: BenchDocument['merged'] = []
  if (mergeFile) {
    // Parts measured by an earlier (or concurrent) run of this bench, e.g. a long part run alone.
    const other = JSON.parse(readFileSync(mergeFile, 'utf8')) as BenchDocument
    for (const [k, v] of Object.entries(other.parts) as Array<[Part, PartOutcome]>) {
      if (v && !wanted(k)) {
        parts[k] = v
        merged.push({
          part: k,
          file: mergeFile.replace(ROOT + '/', ''),
          startedAt: other.startedAt,
          finishedAt: other.finishedAt,
          loadAverage: other.loadAverage
        })
      }
    }
  }
  const date = startedAt.toISOString().slice(0, 10)
  const outFile =
    flag('out') ?? join(ROOT, 'bench/results', `${date}${quick ? '-quick' : ''}${only ? '-partial' : ''}.json`)
  /** Writes the result document as it stands (after every part, so a stopped run keeps what it measured). */
  const save = (): { doc: BenchDocument; outFile: string } => {
    const finishedAt = new Date()
    const doc: BenchDocument = {
      kind: 'keizoku-bench',
      version: 1,
      date,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      mode: quick ? 'quick' : 'full',
      command: `npm run bench${args.length ? ' -- ' + args.join(' ') : ''}`,
      machine: { ...machine(), loadAverage: startLoad },
      loadAverage: { start: startLoad, end: machine().loadAverage },
      tfjs: tf.version.tfjs,
      backend,
      config: CONFIG,
      parts,
      merged,
      orchestratorPeakRssMB: peakRssMB()
    }
    mkdirSync(join(outFile, '..'), { recursive: true })
    writeFileSync(outFile, JSON.stringify(doc, null, 2) + '\n')
    return { doc, outFile }
  }
  process.stderr.write(
    `Keizoku bench (${quick ? 'quick' : 'full'}), backend ${backend}, load average ${startLoad.join(' ')}\n`
  )

  if (wanted('peak'))
    parts.peak = await part('peak', [
      {
        script: 'matmulPeak.ts',
        args: [
          '--backends',
          backend === 'cpu' ? 'cpu' : `${backend},cpu`,
          '--runs',
          String(C.peak.runs),
          '--cpu-runs',
          String(C.peak.cpuRuns),
          '--n',
          String(C.peak.n),
          '--cpu-n',
          String(C.peak.cpuN)
        ]
      }
    ])
  save()
  if (wanted('step'))
    parts.step = await part('step', [
      {
        script: 'trainStep.ts',
        args: [
          '--configs',
          C.step.configs.join(','),
          '--runs',
          String(C.step.runs),
          '--steps-mlp',
          String(C.step.stepsMlp),
          '--steps-hnet',
          String(C.step.stepsHnet)
        ]
      }
    ])
  save()
  if (wanted('step-cpu') && backend !== 'cpu') {
    const r = await (async () => {
      process.stderr.write('▶ step-cpu\n')
      const t0 = performance.now()
      const c = await runChild(
        'trainStep.ts',
        [
          '--configs',
          C.stepCpu.configs.join(','),
          '--runs',
          String(C.stepCpu.runs),
          '--steps-mlp',
          String(C.stepCpu.steps),
          '--steps-hnet',
          String(C.stepCpu.steps),
          '--peak-n',
          '512',
          '--peak-runs',
          '1'
        ],
        { KEIZOKU_BACKEND: 'cpu' }
      )
      return {
        ok: c.ok,
        seconds: (performance.now() - t0) / 1000,
        peakRssMB: c.peakRssMB,
        parallel: false,
        data: c.data,
        error: c.error,
        args: [['trainStep.ts', '(cpu)']]
      }
    })()
    parts['step-cpu'] = r
  }
  save()
  if (wanted('hscore'))
    parts.hscore = await part('hscore', [{ script: 'hscoreParts.ts', args: ['--runs', String(C.hscore.runs)] }])
  save()
  if (wanted('lag'))
    parts.lag = await part('lag', [
      { script: 'lag.ts', args: ['--steps', String(C.lag.steps), '--method', C.lag.method] }
    ])
  save()
  if (wanted('import')) {
    const file = join(tmpdir(), `keizoku-bench-${process.pid}.csv`)
    const gen = await runChild('csvImport.ts', [
      '--generate',
      file,
      '--rows',
      String(C.import.rows),
      '--cols',
      String(C.import.cols)
    ])
    const bytes = (gen.data as { bytes?: number } | undefined)?.bytes ?? 0
    parts.import = await part(
      'import',
      Array.from({ length: C.import.runs }, () => ({
        script: 'csvImport.ts',
        args: ['--file', file, '--cols', String(C.import.cols)]
      })),
      (d) => ({ bytes, runs: d })
    )
    rmSync(file, { force: true })
  }
  save()
  if (wanted('growth'))
    parts.growth = await part(
      'growth',
      C.growth.subsamples.map((s) => ({
        script: 'growth.ts',
        args: ['--tasks', String(C.growth.tasks), '--steps', String(C.growth.steps), '--subsample', String(s)]
      })),
      (d) => d,
      PARALLEL
    )
  save()
  if (wanted('pmnist'))
    parts.pmnist = await part(
      'pmnist',
      C.pmnist.methods.map((m) => ({
        script: 'pmnist.ts',
        args: ['--method', m, '--tasks', String(C.pmnist.tasks), '--steps', String(C.pmnist.steps)]
      })),
      (d) => d,
      PARALLEL
    )

  const { doc } = save()
  const { renderTable, renderMarkdown, writeDoc } = await import('./report')
  process.stdout.write(renderTable(doc) + '\n')
  process.stderr.write(`Results: ${outFile}\n`)
  if (
    args.includes('--doc') ||
    (!args.includes('--no-doc') && !only && !skip && !quick) ||
    (skip && mergeFile && !only && !quick)
  ) {
    await writeDoc(join(ROOT, 'docs/benchmarks.md'), renderMarkdown(doc, outFile.replace(ROOT + '/', '')))
    process.stderr.write('Updated docs/benchmarks.md\n')
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
