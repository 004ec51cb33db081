/**
 * H-score and H-embedding timings.
 *
 * - H-score: bench/hscore.ts (the engine-math agent's script: engine `hScore`, n = 1,000 and
 *   10,000, d = 100 and 512, 10 classes, warm-up + `runs` runs) is run as a child process and its
 *   `--json` line parsed, so both measure the same thing.
 * - H-embedding fit: engine `fitHEmbedding`, 2,000 Adam steps, dim 32, for 10 (and 49) previous
 *   tasks with N(0, 1) embeddings and targets in [0.1, 1.1].
 *
 * `node --import tsx bench/hscoreParts.ts [--runs 7]`
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { fitHEmbedding } from '../src/engine/hembedding'
import { gaussian, mulberry32 } from '../src/common/random'
import { log, numArg, runChild, stat, type Stat } from './common'
import type { Row as HScoreScriptRow } from './hscore'

export interface HScoreRow {
  n: number
  d: number
  classes: number
  ms: Stat
  score: number
}

export interface HEmbRow {
  previousTasks: number
  dim: number
  steps: number
  ms: Stat
  loss: number
}

export interface HScoreParts {
  hscore: HScoreRow[]
  hembFit: HEmbRow[]
}

function hscoreRows(runs: number): HScoreRow[] {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'hscore.ts'), '--runs', String(runs), '--json'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 2 ** 20
    }
  )
  const line = out.trim().split('\n').at(-1) ?? '[]'
  const rows = JSON.parse(line) as HScoreScriptRow[]
  for (const r of rows) log(`H-score n=${r.n} d=${r.d}: ${r.medianMs.toFixed(1)} ms`)
  return rows.map((r) => ({
    n: r.n,
    d: r.d,
    classes: r.classes,
    ms: { median: r.medianMs, min: r.minMs, max: r.maxMs, runs: r.runs },
    score: r.score
  }))
}

function hembRow(t: number, dim: number, steps: number, runs: number): HEmbRow {
  const rand = mulberry32(1000 + t)
  const prev = Array.from({ length: t }, () => Float32Array.from({ length: dim }, () => gaussian(rand)))
  const distances = Array.from({ length: t }, () => 0.1 + rand())
  let loss = NaN
  const once = (seed: number): number => {
    const t0 = performance.now()
    loss = fitHEmbedding(prev, distances, { steps, lr: 1e-3, seed }).loss
    return performance.now() - t0
  }
  once(0)
  const times: number[] = []
  for (let r = 1; r <= runs; r++) times.push(once(r))
  const ms = stat(times)
  log(`H-embedding fit, ${t} previous tasks, dim ${dim}, ${steps} steps: ${ms.median.toFixed(1)} ms`)
  return { previousTasks: t, dim, steps, ms, loss }
}

async function main(): Promise<HScoreParts> {
  const runs = numArg('runs', 7)
  return {
    hscore: hscoreRows(runs),
    hembFit: [hembRow(10, 32, 2000, runs), hembRow(49, 32, 2000, runs)]
  }
}

runChild(main)
