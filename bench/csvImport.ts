/**
 * CSV import: a generated file of 100,000 rows × 50 numeric feature columns + a label column
 * (10 classes), imported with the workspace's `importDataset` (sniffing, parsing, standardising,
 * holdout split). `--generate FILE` writes the file; `--file FILE` times one import in this
 * process (run once per process so the peak RSS is that of one import).
 *
 * `node --import tsx bench/csvImport.ts --generate /tmp/x.csv`, then `… --file /tmp/x.csv`
 */
import { createWriteStream } from 'node:fs'
import { importDataset } from '../src/workspace/index'
import { mulberry32 } from '../src/common/random'
import { arg, log, numArg, peakRssMB, runChild } from './common'

export interface ImportRun {
  rows: number
  columns: number
  bytes: number
  seconds: number
  peakRssMB: number
}

async function generate(file: string, rows: number, cols: number): Promise<number> {
  const rand = mulberry32(7)
  const out = createWriteStream(file)
  let bytes = 0
  const write = (s: string): Promise<void> =>
    new Promise((resolve) => {
      bytes += Buffer.byteLength(s)
      if (out.write(s)) resolve()
      else out.once('drain', () => resolve())
    })
  await write(Array.from({ length: cols }, (_, j) => `f${j}`).join(',') + ',label\n')
  const block: string[] = []
  for (let i = 0; i < rows; i++) {
    const c = i % 10
    const vals = Array.from({ length: cols }, (_, j) => (c * 0.1 + (j % 7) + rand() * 2 - 1).toFixed(4))
    block.push(vals.join(',') + `,c${c}\n`)
    if (block.length === 1000) {
      await write(block.join(''))
      block.length = 0
    }
  }
  if (block.length) await write(block.join(''))
  await new Promise<void>((resolve) => out.end(resolve))
  return bytes
}

async function main(): Promise<ImportRun | { bytes: number }> {
  const gen = arg('generate', '')
  const rows = numArg('rows', 100_000)
  const cols = numArg('cols', 50)
  if (gen) return { bytes: await generate(gen, rows, cols) }
  const file = arg('file', '')
  const t0 = performance.now()
  const ds = await importDataset({ kind: 'csv', path: file, label: 'label' })
  const seconds = (performance.now() - t0) / 1000
  const n = ds.data.train.n + ds.data.test.n
  log(`CSV import ${n} rows: ${seconds.toFixed(2)} s, peak RSS ${peakRssMB().toFixed(0)} MB`)
  return { rows: n, columns: cols, bytes: 0, seconds, peakRssMB: peakRssMB() }
}

runChild(main)
