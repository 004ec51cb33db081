/**
 * H-score timing (issue 8): median, min and max of several runs for n = 1,000 and 10,000 samples,
 * d = 100 and 512 features, 10 classes, on synthetic class-structured features.
 * Run by hand: `node --import tsx bench/hscore.ts` (optionally `--runs 7`).
 */
import { cpus, loadavg } from 'node:os'
import { hScore } from '../src/engine/hscore'
import { gaussian, mulberry32 } from '../src/common/random'

/** One measured size; also the `--json` output that bench/hscoreParts.ts reads. */
export interface Row {
  n: number
  d: number
  classes: number
  runs: number
  medianMs: number
  minMs: number
  maxMs: number
  /** Median process CPU time (user + system) per run: less sensitive than wall time to other load on the machine. */
  cpuMedianMs: number
  score: number
}

/** Features = class centre + unit noise, so the score is a non-trivial number below C − 1. */
function makeData(n: number, d: number, classes: number, seed: number): { f: Float32Array; y: Int32Array } {
  const rand = mulberry32(seed)
  const centres = Float64Array.from({ length: classes * d }, () => gaussian(rand) * 0.5)
  const f = new Float32Array(n * d)
  const y = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = i % classes
    y[i] = c
    for (let j = 0; j < d; j++) f[i * d + j] = centres[c * d + j] + gaussian(rand)
  }
  return { f, y }
}

function measure(n: number, d: number, classes: number, runs: number): Row {
  const { f, y } = makeData(n, d, classes, n + d)
  hScore(f, n, d, y, classes) // warm-up: JIT compilation is not part of the figure
  const times: number[] = []
  const cpu: number[] = []
  let score = 0
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    score = hScore(f, n, d, y, classes)
    times.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  times.sort((a, b) => a - b)
  cpu.sort((a, b) => a - b)
  const medianMs = times[runs >> 1]
  return { n, d, classes, runs, medianMs, minMs: times[0], maxMs: times[runs - 1], cpuMedianMs: cpu[runs >> 1], score }
}

function main(): void {
  const i = process.argv.indexOf('--runs')
  const runs = i > 0 ? Math.max(1, Number(process.argv[i + 1]) | 0) : 7
  const rows: Row[] = []
  for (const n of [1000, 10000]) for (const d of [100, 512]) rows.push(measure(n, d, 10, runs))
  const fmt = (v: number): string => v.toFixed(1).padStart(8)
  console.log(`H-score, float64 JS, 10 classes, ${runs} runs each (ms)`)
  console.log(
    `load average ${loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')} on ${cpus().length} cores`
  )
  console.log('      n     d    median       min       max  CPU med   score')
  for (const r of rows) {
    console.log(
      `${String(r.n).padStart(7)} ${String(r.d).padStart(5)}  ${fmt(r.medianMs)}  ${fmt(r.minMs)}  ${fmt(r.maxMs)} ${fmt(r.cpuMedianMs)}   ${r.score.toFixed(4)}`
    )
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows))
}

main()
