/**
 * Shared pieces of the benchmark (issue 8): summary statistics, the machine record, and the
 * child-process protocol. Every sub-benchmark runs in its own Node process (fresh heap, its own
 * peak RSS); it writes one JSON document to the file named by `--out` and logs progress to stderr.
 */
import * as tf from '@tensorflow/tfjs'
import { writeFileSync } from 'node:fs'
import os from 'node:os'

/** Median, min and max of several runs (the median of an even count is the mean of the middle two). */
export interface Stat {
  median: number
  min: number
  max: number
  runs: number
}

export function stat(values: number[]): Stat {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 }
  const v = [...values].sort((a, b) => a - b)
  const n = v.length
  const median = n % 2 === 1 ? v[n >> 1] : (v[n / 2 - 1] + v[n / 2]) / 2
  return { median, min: v[0], max: v[n - 1], runs: n }
}

/** Scales every field of a Stat (e.g. ms → s). */
export function scaleStat(s: Stat, k: number): Stat {
  return { median: s.median * k, min: s.min * k, max: s.max * k, runs: s.runs }
}

/** Peak resident set size of this process in MB (worker threads included). */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024
}

export interface Machine {
  cpu: string
  cores: number
  ramGB: number
  node: string
  platform: string
  loadAverage: number[]
}

export function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100)
  }
}

/** `--name value` from argv (or the default). */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback
}

export function numArg(name: string, fallback: number): number {
  const v = Number(arg(name, String(fallback)))
  return Number.isFinite(v) ? v : fallback
}

export function log(msg: string): void {
  process.stderr.write(`  ${msg}\n`)
}

/**
 * Child entry: runs `main`, writes `{ ok, data, peakRssMB }` to the `--out` file (or stdout when
 * absent) and exits — explicitly, because tfjs and worker handles may keep the loop alive.
 */
export function runChild<T>(main: () => Promise<T>): void {
  const out = arg('out', '')
  main()
    .then((data) => {
      const doc = JSON.stringify({ ok: true, data, peakRssMB: peakRssMB() })
      if (out) writeFileSync(out, doc)
      else process.stdout.write(doc + '\n')
      process.exit(0)
    })
    .catch((err: unknown) => {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err)
      const doc = JSON.stringify({ ok: false, error: message, peakRssMB: peakRssMB() })
      if (out) writeFileSync(out, doc)
      process.stderr.write(message + '\n')
      process.exit(1)
    })
}

/**
 * GFLOP/s of C = A·B with A, B n×n float32 on the active backend: 2·n³ / seconds / 1e9. One
 * warm-up product (kernel set-up, weight packing), then `runs` timed products, each read back
 * with dataSync (wasm and cpu compute synchronously, so the read-back is a copy, not a wait).
 */
export function matmulPeak(n: number, runs: number): { gflops: Stat; ms: Stat } {
  const a = tf.randomUniform([n, n], -1, 1, 'float32', 1) as tf.Tensor2D
  const b = tf.randomUniform([n, n], -1, 1, 'float32', 2) as tf.Tensor2D
  const once = (): number => {
    const t0 = performance.now()
    const c = tf.matMul(a, b)
    c.dataSync()
    const ms = performance.now() - t0
    c.dispose()
    return ms
  }
  once()
  const times: number[] = []
  for (let r = 0; r < runs; r++) times.push(once())
  tf.dispose([a, b])
  const flops = 2 * n ** 3
  return { ms: stat(times), gflops: stat(times.map((ms) => flops / (ms / 1000) / 1e9)) }
}
