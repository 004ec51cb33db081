/**
 * CSV import benchmark: a generated 100,000-row × 50-feature CSV (plus a label column, ≈ 40 MB)
 * imported end to end — streaming parse, validation, stratified holdout, standardisation,
 * and storing both sets in a fresh workspace. Runs the import in a child process so its peak
 * RSS is the import's alone.
 *
 *   node --import tsx bench/import.ts [--rows 100000] [--cols 50] [--json]
 */
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { mulberry32 } from '../src/common/random'
import { importDataset, openWorkspace } from '../src/workspace'

interface ChildResult {
  importMs: number
  /** CPU time (user + system) of the import alone: steadier than wall time on a busy machine. */
  importCpuMs: number
  storeMs: number
  totalMs: number
  maxRssMB: number
  nTrain: number
  nTest: number
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

/** Rows of 50 features with 4 decimals and one of 5 labels, written in 1 MB pieces (never one big string). */
function generate(path: string, rows: number, cols: number): void {
  const rand = mulberry32(42)
  const fd = openSync(path, 'w')
  let buf = `${Array.from({ length: cols }, (_, j) => `x${j}`).join(',')},label\n`
  for (let i = 0; i < rows; i++) {
    const c = i % 5
    let line = ''
    for (let j = 0; j < cols; j++) line += `${(c * 0.3 + j * 0.01 + rand() * 2 - 1).toFixed(4)},`
    buf += `${line}c${c}\n`
    if (buf.length > 1 << 20) {
      writeSync(fd, buf)
      buf = ''
    }
  }
  writeSync(fd, buf)
  closeSync(fd)
}

async function child(csv: string, dir: string): Promise<void> {
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const ds = await importDataset({ kind: 'csv', path: csv, label: 'label' }, { holdout: { fraction: 0.2, seed: 1 } })
  const t1 = performance.now()
  const c1 = process.cpuUsage(c0)
  const ws = openWorkspace(dir, { create: true })
  ws.addTask({ name: 'bench', dataset: ds })
  ws.close()
  const t2 = performance.now()
  const result: ChildResult = {
    importMs: Math.round(t1 - t0),
    importCpuMs: Math.round((c1.user + c1.system) / 1000),
    storeMs: Math.round(t2 - t1),
    totalMs: Math.round(t2 - t0),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    nTrain: ds.data.train.n,
    nTest: ds.data.test.n
  }
  process.stdout.write(JSON.stringify(result))
}

async function main(): Promise<void> {
  const ci = process.argv.indexOf('--child')
  if (ci >= 0) return child(process.argv[ci + 1], process.argv[ci + 2])
  const rows = arg('rows', 100_000)
  const cols = arg('cols', 50)
  const tmp = mkdtempSync(join(tmpdir(), 'kz-bench-import-'))
  try {
    const csv = join(tmp, 'data.csv')
    generate(csv, rows, cols)
    const bytes = statSync(csv).size
    const run = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', csv, join(tmp, 'ws')], {
      encoding: 'utf8'
    })
    if (run.status !== 0) throw new Error(`import child failed: ${run.stderr}`)
    const r = JSON.parse(run.stdout) as ChildResult
    const baseline = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "require('./src/workspace'); process.stdout.write(String(process.resourceUsage().maxRSS))"
      ],
      {
        encoding: 'utf8',
        cwd: join(__dirname, '..')
      }
    )
    const baseMB = Math.round(Number(baseline.stdout) / 1024)
    const out = {
      bench: 'csv-import',
      rows,
      cols,
      fileMB: Number((bytes / 1e6).toFixed(1)),
      ...r,
      baselineRssMB: baseMB,
      loadAverage: Number(loadavg()[0].toFixed(2)),
      rowsPerSecond: Math.round(rows / (r.importMs / 1000)),
      mbPerSecond: Number((bytes / 1e6 / (r.importMs / 1000)).toFixed(1))
    }
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(out)}\n`)
    else {
      console.log(`CSV import: ${rows.toLocaleString('en')} rows × ${cols} features (${out.fileMB} MB)`)
      console.log(
        `  parse + validate + split + standardise: ${r.importMs} ms wall, ${r.importCpuMs} ms CPU (${out.rowsPerSecond.toLocaleString('en')} rows/s, ${out.mbPerSecond} MB/s)`
      )
      console.log(`  store in a new workspace (artifacts + registry): ${r.storeMs} ms`)
      console.log(
        `  total ${r.totalMs} ms; peak RSS ${r.maxRssMB} MB (a process that only loads the workspace module: ${baseMB} MB)`
      )
      console.log(
        `  train ${r.nTrain} / holdout ${r.nTest}; 1-min load average ${out.loadAverage} on ${cpus().length} cores`
      )
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
