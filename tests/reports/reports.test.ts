import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { buildReport, parseBenchResults, reportBuild } from '../../src/service/reports'
import { openWorkspace, type VersionRecord, type Workspace } from '../../src/workspace'
import { csvSections, parseCsv } from './csvParse'
import { learnAll, tempDir, workspaceWithTasks } from './fixture'

const NOW = new Date('2026-11-28T02:00:00.000Z')

/** R of a chain of versions, built here from the stored rows (independent of the report code). */
function matrixOf(chain: VersionRecord[]): number[][] {
  const taskOrder = chain.map((v) => v.taskId)
  return chain.map((v) => {
    const ids = v.metrics.taskIds as number[]
    return taskOrder.map((t, j) => (j <= chain.indexOf(v) ? v.accuracyRow[ids.indexOf(t)] : NaN))
  })
}

/** Average accuracy, BWT and forgetting by their definitions, with plain loops. */
function expectedMetrics(R: number[][]): { avg: number; bwt: number; forgetting: number } {
  const T = R.length
  let avg = 0
  for (let j = 0; j < T; j++) avg += R[T - 1][j] / T
  let bwt = 0
  let forgetting = 0
  for (let i = 0; i < T - 1; i++) {
    bwt += (R[T - 1][i] - R[i][i]) / (T - 1)
    let best = 0
    for (let k = i; k < T - 1; k++) best = Math.max(best, R[k][i])
    forgetting += (best - R[T - 1][i]) / (T - 1)
  }
  return { avg, bwt, forgetting }
}

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`
const pp = (x: number): string => {
  const s = (x * 100).toFixed(2)
  return `${x * 100 > 0 && s !== '0.00' ? '+' : ''}${s} pp`
}

function chainOf(ws: Workspace, method: string): VersionRecord[] {
  return ws
    .listVersions()
    .filter((v) => v.method === method)
    .sort((a, b) => a.id - b.id)
}

function pdfText(buf: Buffer, name: string): string {
  const dir = tempDir('pdf')
  const file = join(dir, `${name}.pdf`)
  writeFileSync(file, buf)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

describe('reports of a small trained workspace', () => {
  let ws: Workspace
  let hemb: VersionRecord[]
  let finetune: VersionRecord[]

  beforeAll(async () => {
    ws = workspaceWithTasks(3, 'Line A')
    // Bigger tasks than the default fixture rows so accuracies are not all 1.
    await learnAll(ws, 'hemb', { approve: true })
    await learnAll(ws, 'finetune', { approve: false })
    hemb = chainOf(ws, 'hemb')
    finetune = chainOf(ws, 'finetune')
  })
  afterAll(() => ws.close())

  it('forgetting HTML holds the matrix and the metrics computed from the stored rows', async () => {
    const r = await buildReport(ws, { kind: 'forgetting', format: 'html', lang: 'en', now: NOW })
    const html = r.html ?? ''
    const R = matrixOf(hemb)
    const m = expectedMetrics(R)
    expect(html).toContain('<h1>Forgetting report</h1>')
    expect(html).toContain(pct(m.avg))
    expect(html).toContain(pp(m.bwt))
    expect(html).toContain(pp(m.forgetting))
    // FWT = 1/(T−1) Σ_{i≥1} (R[i−1][i] − b[i]); R[i−1][i] and b[i] stored with version i.
    let fwt = 0
    for (let i = 1; i < 3; i++) {
      const pre = hemb[i].metrics.preTrainAccuracy as number
      fwt += (pre - (hemb[i].metrics.untrainedAccuracy as number)) / 2
      expect(html).toContain(`<i>${(pre * 100).toFixed(1)}</i>`)
    }
    expect(html).toContain(pp(fwt))
    for (let i = 0; i < 3; i++) for (let j = 0; j <= i; j++) expect(html).toContain(`>${(R[i][j] * 100).toFixed(1)}<`)
    // Formulas written out, sources named with version ids and dates.
    expect(html).toContain('BWT = 1/(T−1) · Σ_{i=0…T−2} (R[T−1][i] − R[i][i])')
    expect(html).toContain(`Version #${hemb[2].id}, ${hemb[2].createdAt.slice(0, 16).replace('T', ' ')} UTC`)
    // Drift and approvals.
    expect(html).toContain((hemb[2].drift as number[])[0].toFixed(4))
    expect(html).toContain('Approvals and rollbacks')
    expect(html.match(/<td>approve<\/td>/g)?.length).toBe(3)
    // Self-contained: no scripts, no external loads.
    expect(html).not.toMatch(/<script|<link|<img|url\((?!#)|https?:\/\/(?!www\.w3\.org)/i)
    expect(html).toContain('<svg')
    expect(r.versionId).toBe(hemb[2].id)
  })

  it('ROI HTML compares with the measured baseline and says what was not measured', async () => {
    const r = await buildReport(ws, { kind: 'roi', format: 'html', lang: 'en', now: NOW })
    const html = r.html ?? ''
    const k = expectedMetrics(matrixOf(hemb))
    const f = expectedMetrics(matrixOf(finetune))
    expect(html).toContain('<h1>ROI report</h1>')
    expect(html).toContain(pct(k.avg))
    expect(html).toContain(pct(f.avg))
    expect(html).toContain(pp(f.forgetting))
    // independent was not run in this workspace: said so explicitly.
    expect(html).toMatch(/<td>independent<\/td><td>not measured<\/td>/)
    expect(html).toMatch(/<td>finetune[^<]*<\/td><td>measured in this workspace<\/td>/)
    // Storage from the parameter counts: 4 B × (shared + perTask × T) bytes.
    const pc = hemb[2].metrics.parameterCounts as { shared: number; perTask: number; mainNet: number }
    const hnetBytes = 4 * (pc.shared + pc.perTask * 3)
    expect(html).toContain(hnetBytes >= 1000 ? `${(hnetBytes / 1000).toFixed(2)} kB` : `${hnetBytes} B`)
    // Training time = Σ trainMs of the lineage.
    const sec = hemb.reduce((s, v) => s + v.timings.trainMs, 0) / 1000
    expect(html).toContain(`${sec.toFixed(1)} s`)
    // Default cost figures are set, so the payback row is there.
    expect(html).toContain('Payback')
    expect(html).not.toContain('No cost figures set')
  })

  it('zero cost figures say so instead of computing savings', async () => {
    const dir = tempDir('zero')
    const z = openWorkspace(dir, {
      create: true,
      settings: { costs: { computePerHour: 0, storagePerGBMonth: 0, valuePerAccuracyPoint: 0 } }
    })
    try {
      const r = await buildReport(z, { kind: 'roi', format: 'html', lang: 'en', now: NOW })
      expect(r.html).toContain('No cost figures set')
      expect(r.html).toContain('no approved (active) model version yet')
      const j = await buildReport(z, { kind: 'roi', format: 'html', lang: 'ja', now: NOW })
      expect(j.html).toContain('コスト設定がありません')
    } finally {
      z.close()
    }
  })

  it('PDF by Chromium: pdftotext finds the headings and the average accuracy (en and ja)', async () => {
    const m = expectedMetrics(matrixOf(hemb))
    const en = await buildReport(ws, { kind: 'forgetting', format: 'pdf', lang: 'en', now: NOW })
    expect(en.pdf?.subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(en.pdf as Buffer, 'forgetting-en')
    for (const h of [
      'Forgetting report',
      'Summary',
      'Accuracy matrix',
      'Per-task accuracy over the sequence',
      'Approvals and rollbacks'
    ])
      expect(text).toContain(h)
    expect(text).toContain(pct(m.avg))
    expect(text).toMatch(/Page 1 \/ \d/)
    expect(text).toContain('Line A')
    const ja = await buildReport(ws, { kind: 'roi', format: 'pdf', lang: 'ja', now: NOW })
    const jaText = pdfText(ja.pdf as Buffer, 'roi-ja')
    expect(jaText).toContain('ROI レポート')
    expect(jaText).toContain('測定した手法')
    expect(jaText).toContain(pct(m.avg))
  })

  it('CSV: BOM, RFC 4180 round trip, numbers as numbers', async () => {
    const r = await buildReport(ws, { kind: 'forgetting', format: 'csv', lang: 'en', now: NOW })
    const out = join(tempDir('csv'), 'f.csv')
    await buildReport(ws, { kind: 'forgetting', format: 'csv', lang: 'en', now: NOW, outFile: out })
    const bytes = readFileSync(out)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.subarray(3).toString('utf8')).toBe(r.csv)
    const sections = csvSections(parseCsv(r.csv ?? ''))
    const matrix = sections.get('accuracy_matrix') ?? []
    const R = matrixOf(hemb)
    expect(matrix.length).toBe(4)
    for (let i = 0; i < 3; i++) {
      expect(Number(matrix[i + 1][3])).toBe(hemb[i].id)
      for (let j = 0; j <= i; j++) expect(Number(matrix[i + 1][5 + j])).toBe(R[i][j])
      // Right of the diagonal: R[i][i+1] = the next version's accuracy before training, then empty.
      if (i + 1 < 3) expect(Number(matrix[i + 1][5 + i + 1])).toBe(hemb[i + 1].metrics.preTrainAccuracy)
      for (let j = i + 2; j < 3; j++) expect(matrix[i + 1][5 + j]).toBe('')
    }
    const metrics = new Map((sections.get('metrics') ?? []).slice(1).map((row) => [row[0], row[1]]))
    const m = expectedMetrics(R)
    expect(Number(metrics.get('average_accuracy'))).toBeCloseTo(m.avg, 12)
    expect(Number(metrics.get('bwt'))).toBeCloseTo(m.bwt, 12)
    const roi = await buildReport(ws, { kind: 'roi', format: 'csv', now: NOW })
    const methods = csvSections(parseCsv(roi.csv ?? '')).get('methods') ?? []
    const ft = methods.find((row) => row[0] === 'finetune')
    expect(Number(ft?.[4])).toBeCloseTo(expectedMetrics(matrixOf(finetune)).avg, 12)
    // A negative number stays numeric (no apostrophe, no quotes).
    const bwtCell = ft?.[6] ?? ''
    expect(Number(bwtCell)).toBeCloseTo(expectedMetrics(matrixOf(finetune)).bwt, 12)
  })

  it('writes one report row and one audit entry, nothing else, and the file atomically', async () => {
    const auditBefore = ws.listAudit().length
    const reportsBefore = ws.listReports().length
    const versionsBefore = JSON.stringify(ws.listVersions())
    const dir = tempDir('out')
    const out = join(dir, 'roi.html')
    const r = await buildReport(ws, { kind: 'roi', format: 'html', lang: 'en', outFile: out, actor: 'tester' })
    expect(readFileSync(out, 'utf8')).toBe(r.html)
    expect(readdirSync(dir)).toEqual(['roi.html'])
    expect(ws.listReports().length).toBe(reportsBefore + 1)
    const rec = ws.listReports().at(-1)
    expect(rec?.path).toBe(out)
    expect(rec?.details.sha256).toBe(r.sha256)
    const audit = ws.listAudit()
    expect(audit.length).toBe(auditBefore + 1)
    expect(audit[0].action).toBe('report.exported')
    expect(audit[0].actor).toBe('tester')
    expect(JSON.stringify(ws.listVersions())).toBe(versionsBefore)
    expect(ws.verifyAudit().ok).toBe(true)
  })

  it('refuses a file inside the workspace or where no folder can be made, leaving nothing behind', async () => {
    const before = ws.listReports().length
    await expect(buildReport(ws, { kind: 'roi', format: 'html', outFile: join(ws.dir, 'r.html') })).rejects.toThrow(
      /inside the workspace folder/
    )
    // A regular file where a folder should be: the folder cannot be created (even as root).
    const blocker = join(tempDir('blocked'), 'not-a-folder')
    writeFileSync(blocker, 'x')
    await expect(buildReport(ws, { kind: 'roi', format: 'html', outFile: join(blocker, 'r.html') })).rejects.toThrow(
      /Cannot write the report/
    )
    expect(ws.listReports().length).toBe(before)
    expect(readdirSync(ws.dir).some((f) => f.endsWith('.html') || f.endsWith('.tmp'))).toBe(false)
  })

  it('creates missing folders for the report file', async () => {
    const out = join(tempDir('nested'), 'a', 'b', 'r.html')
    const r = await buildReport(ws, { kind: 'roi', format: 'html', outFile: out })
    expect(r.path).toBe(out)
    expect(readFileSync(out, 'utf8')).toContain('<!DOCTYPE html>')
  })

  it('without Chromium the PDF export fails with the fix named, and records nothing', async () => {
    const before = ws.listReports().length
    const saved = process.env.KEIZOKU_CHROMIUM
    process.env.KEIZOKU_CHROMIUM = '/nonexistent/chromium'
    try {
      const out = join(tempDir('nochrome'), 'r.pdf')
      await expect(buildReport(ws, { kind: 'roi', format: 'pdf', outFile: out })).rejects.toThrow(
        /No Chromium at \/nonexistent\/chromium/
      )
      expect(readdirSync(join(out, '..'))).toEqual([])
    } finally {
      if (saved === undefined) delete process.env.KEIZOKU_CHROMIUM
      else process.env.KEIZOKU_CHROMIUM = saved
    }
    expect(ws.listReports().length).toBe(before)
  })

  it('report.build service function: preview returns text, export returns the path, PDF needs a file', async () => {
    const preview = await reportBuild(ws, { kind: 'forgetting', format: 'html', lang: 'ja' })
    expect(preview.html).toContain('忘却レポート')
    // The reported version's status in the report's language, not the stored English word.
    expect(preview.html).toMatch(/対象バージョン.*#\d+ \(hemb, 有効, /s)
    expect(preview.path).toBeUndefined()
    const csv = await reportBuild(ws, { kind: 'roi', format: 'csv' })
    expect(csv.csv?.startsWith('methods')).toBe(true)
    const out = join(tempDir('api'), 'roi.csv')
    const exported = await reportBuild(ws, { kind: 'roi', format: 'csv', outFile: out, by: 'ui' })
    expect(exported.path).toBe(out)
    expect(exported.csv).toBeUndefined()
    expect(typeof exported.reportId).toBe('number')
    // The same file again is refused (nothing written) unless replacing it is confirmed.
    const written = readFileSync(out, 'utf8')
    const again = reportBuild(ws, { kind: 'forgetting', format: 'csv', outFile: out })
    await expect(again).rejects.toMatchObject({ code: 'conflict', say: { code: 'report_exists' } })
    expect(readFileSync(out, 'utf8')).toBe(written)
    const replaced = await reportBuild(ws, { kind: 'forgetting', format: 'csv', outFile: out, overwrite: true })
    expect(replaced.path).toBe(out)
    expect(readFileSync(out, 'utf8')).not.toBe(written)
    await expect(reportBuild(ws, { kind: 'roi', format: 'pdf' })).rejects.toThrow(/needs a file/)
  })

  it('CLI: keizoku report writes the file and prints JSON; bad options are usage errors', async () => {
    const out = join(tempDir('cli'), 'f.html')
    const lines: string[] = []
    const errs: string[] = []
    const code = await runCli(
      ['report', ws.dir, '--kind', 'forgetting', '--format', 'html', '--out', out, '--lang', 'ja', '--json'],
      {
        out: (t) => lines.push(t),
        err: (t) => errs.push(t)
      }
    )
    expect(errs).toEqual([])
    expect(code).toBe(0)
    const doc = JSON.parse(lines.join('\n')) as { path: string; lang: string; kind: string }
    expect(doc.path).toBe(out)
    expect(doc.lang).toBe('ja')
    expect(readFileSync(out, 'utf8')).toContain('忘却レポート')
    const bad = await runCli(['report', ws.dir, '--kind', 'profit', '--format', 'html', '--out', out], {
      out: () => undefined,
      err: (t) => errs.push(t)
    })
    expect(bad).toBe(2)
    expect(errs.join('\n')).toContain('--kind must be forgetting or roi')
    const missing = await runCli(['report', join(ws.dir, 'nope'), '--kind', 'roi', '--format', 'csv', '--out', out], {
      out: () => undefined,
      err: (t) => errs.push(t)
    })
    expect(missing).not.toBe(0)
  })

  it('bench results with several seeds show mean ± 95 % intervals and the paired guidance comparison', async () => {
    const entry = (method: string, seed: number, a: number): Record<string, unknown> => ({
      method,
      seed,
      R: [
        [a, 0.5],
        [a, a]
      ],
      b: [0.5, 0.5],
      trainSeconds: 10
    })
    const bench = parseBenchResults(
      {
        benchmark: 'permuted-mnist',
        results: [
          entry('hemb', 1, 0.9),
          entry('hemb', 2, 0.92),
          entry('hemb', 3, 0.94),
          entry('hnet', 1, 0.89),
          entry('hnet', 2, 0.9),
          entry('hnet', 3, 0.95)
        ]
      },
      '/x/seeds.json'
    )
    const hemb = bench.methods.find((m) => m.method === 'hemb')!
    // final averages 0.90, 0.92, 0.94: sd 0.02, half-width t(0.975, 2)·0.02/√3
    expect(hemb.intervals.average_accuracy.half).toBeCloseTo((4.303 * 0.02) / Math.sqrt(3), 10)
    const acc = bench.paired.find((p) => p.metric === 'average_accuracy')!
    expect([acc.a, acc.b]).toEqual(['hemb', 'hnet'])
    acc.differences.forEach((d, i) => expect(d).toBeCloseTo([0.01, 0.02, -0.01][i], 12))
    const r = await buildReport(ws, { kind: 'roi', format: 'html', lang: 'en', bench, now: NOW })
    const html = r.html ?? ''
    expect(html).toContain('Does the guidance help? Paired differences on the same seeds')
    expect(html).toContain('+1.00 pp +2.00 pp -1.00 pp')
    const csv = await buildReport(ws, { kind: 'roi', format: 'csv', lang: 'en', bench, now: NOW })
    expect(csv.csv).toContain('hemb,hnet,average_accuracy,1 2 3')
  })

  it('bench results are shown as measured on the benchmark, with their own comparison', async () => {
    const bench = parseBenchResults(
      {
        benchmark: 'split-mnist',
        date: '2026-11-27T10:00:00.000Z',
        methods: ['hemb', 'independent'],
        results: [
          {
            method: 'hemb',
            seed: 1,
            R: [
              [0.99, 0.5],
              [0.98, 0.97]
            ],
            b: [0.5, 0.5],
            trainSeconds: 20,
            parameterCounts: { shared: 1000, perTask: 32, mainNet: 5000 },
            bytesPerTask: 128
          },
          {
            method: 'hemb',
            seed: 2,
            R: [
              [0.97, 0.5],
              [0.96, 0.95]
            ],
            b: [0.5, 0.5],
            trainSeconds: 22,
            parameterCounts: { shared: 1000, perTask: 32, mainNet: 5000 },
            bytesPerTask: 128
          },
          {
            method: 'independent',
            seed: 1,
            R: [
              [0.99, 0.5],
              [0.99, 0.985]
            ],
            b: [0.5, 0.5],
            trainSeconds: 10,
            parameterCounts: { shared: 0, perTask: 5000, mainNet: 5000 },
            bytesPerTask: 20000
          }
        ]
      },
      '/x/results.json'
    )
    expect(bench.methods.find((m) => m.method === 'hemb')?.R[1][1]).toBeCloseTo(0.96, 12)
    const r = await buildReport(ws, { kind: 'roi', format: 'html', lang: 'en', bench, now: NOW })
    const html = r.html ?? ''
    expect(html).toContain('On the benchmark (from the bench file): split-mnist')
    expect(html).toMatch(/<td>independent<\/td><td>measured on a benchmark/)
    // hemb on the bench: mean of seeds → final row [0.97, 0.96] → 96.50%.
    expect(html).toContain('96.50%')
    expect(html).toContain('results.json, seeds 1, 2')
    // independent is no longer "not measured"; ewc still is.
    expect(html).not.toMatch(/<td>independent<\/td><td>not measured/)
    expect(html).toMatch(/<td>ewc<\/td><td>not measured/)
    expect(html).toContain('hemb versus independent')
  })
})
