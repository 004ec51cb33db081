/**
 * Summarises a bench/transferTrust.sh run: for every estimator, Spearman ρ against measured
 * transfer with its n (as `keizoku transfer --json` reports them), the range of the pairs ρ was
 * computed on (each task's row when it was trained), the range of the final matrix, and how many
 * trained rows were flat; then which estimator each training followed and what its guidance did.
 *   npx tsx bench/transferTrustSummary.ts OUT_DIR
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TransferMatrix, VersionView } from '../src/shared/types'
import {
  TRANSFER_ESTIMATORS,
  estimatorUsedIn,
  transferRecordIn,
  type TransferEstimator
} from '../src/shared/transferability'

const dir = process.argv[2]
if (!dir) throw new Error('usage: npx tsx bench/transferTrustSummary.ts OUT_DIR')
const matrix = JSON.parse(readFileSync(join(dir, 'transfer.json'), 'utf8')) as TransferMatrix
const versions = readdirSync(dir)
  .filter((f) => /^train-.*\.json$/.test(f))
  .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { candidate: VersionView }).candidate)
  .sort((a, b) => a.id - b.id)

const range = (xs: number[]): [number, number] | null => (xs.length ? [Math.min(...xs), Math.max(...xs)] : null)
const fmt = (r: [number, number] | null): string => (r ? `${r[0].toFixed(3)}–${r[1].toFixed(3)}` : '—')
const finite = (xs: Array<number | null | undefined>): number[] =>
  xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x))

const records = versions.map((v) => ({ v, rec: transferRecordIn(v.metrics), used: estimatorUsedIn(v.metrics) }))
const rows = TRANSFER_ESTIMATORS.map((e: TransferEstimator) => {
  const fit = matrix.trust.fits.find((f) => f.estimator === e)!
  const pairs = finite(
    records.flatMap(({ rec }) => (rec ? rec.estimates[e].filter((_, j) => rec.measured[j] !== null) : []))
  )
  const final = finite((matrix.estimates[e] ?? []).flat())
  // A task under its own weights (the diagonal) is not transfer; the off-diagonal entries are.
  const off = finite(
    (matrix.estimates[e] ?? []).flatMap((row, i) =>
      row.filter((_, j) => matrix.sourceTaskIds[j] !== matrix.targetTaskIds[i])
    )
  )
  // Per-row spread of the final matrix without the diagonal: what the flat-row rule and the colours see.
  const finalSpreads = (matrix.estimates[e] ?? []).flatMap((row, i) => {
    const v = finite(row.filter((_, j) => matrix.sourceTaskIds[j] !== matrix.targetTaskIds[i]))
    return v.length >= 2 ? [Math.max(...v) - Math.min(...v)] : []
  })
  const rowSpreads = records.flatMap(({ rec }) =>
    rec && rec.estimates[e].length >= 2 ? [Math.max(...rec.estimates[e]) - Math.min(...rec.estimates[e])] : []
  )
  return {
    estimator: e,
    rho: fit.rho,
    n: fit.n,
    pairRange: range(pairs),
    finalRange: range(final),
    offDiagonalRange: range(off),
    finalRowSpread: range(finalSpreads),
    meanRowSpread: rowSpreads.length ? rowSpreads.reduce((a, x) => a + x, 0) / rowSpreads.length : null
  }
})
const measured = range(finite(matrix.measured.flat()))
const guidance = records.map(({ v, rec, used }) => ({
  version: v.id,
  task: v.taskName,
  estimator: used?.estimator ?? rec?.estimator ?? null,
  rho: used?.rho ?? null,
  pairs: used?.pairs ?? 0,
  guidance: rec?.guidance ?? null,
  spread: rec?.spread ?? null,
  flatLimit: rec?.flatLimit ?? null
}))

console.log(
  `estimator in use at the end: ${matrix.trust.estimator} (${matrix.trust.choice}); ρ ${matrix.trust.rho?.toFixed(3) ?? '—'}, n = ${matrix.trust.n}; measured transfer (linear-probe holdout accuracy) ${fmt(measured)}`
)
console.log(
  'estimator    ρ       n   pairs range (at training)   final matrix range   off-diagonal range   its row spreads   mean row spread (trained rows)'
)
for (const r of rows)
  console.log(
    `${r.estimator.padEnd(11)}  ${(r.rho === null ? '—' : r.rho.toFixed(3)).padStart(6)}  ${String(r.n).padStart(3)}   ${fmt(r.pairRange).padEnd(26)}  ${fmt(r.finalRange).padEnd(19)}  ${fmt(r.offDiagonalRange).padEnd(19)}  ${fmt(r.finalRowSpread).padEnd(16)}  ${r.meanRowSpread?.toFixed(3) ?? '—'}`
  )
console.log('training   task                 estimator  ρ then   n then  guidance        spread / flat limit')
for (const g of guidance)
  console.log(
    `v${String(g.version).padEnd(9)} ${g.task.padEnd(20)} ${String(g.estimator).padEnd(10)} ${(g.rho === null ? '—' : g.rho.toFixed(3)).padStart(6)}  ${String(g.pairs).padStart(6)}  ${String(g.guidance).padEnd(14)}  ${g.spread === null ? '—' : `${g.spread.toFixed(3)} / ${g.flatLimit?.toFixed(3)}`}`
  )
writeFileSync(
  join(dir, 'summary.json'),
  JSON.stringify({ trust: matrix.trust, measured, estimators: rows, guidance }, null, 2)
)
