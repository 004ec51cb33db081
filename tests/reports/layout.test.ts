import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildReport, csvField, guardText, toCsv } from '../../src/service/reports'
import { compare, type MethodSummary } from '../../src/service/reports/roiReport'
import type { VersionRecord } from '../../src/workspace'
import { csvSections, parseCsv } from './csvParse'
import { learnAll, syntheticLineage, syntheticTask, tempDir, workspaceWithTasks } from './fixture'

const NOW = new Date('2026-11-28T02:00:00.000Z')

describe('CSV formula-injection guard', () => {
  it('guards text cells that start a formula, never numbers', () => {
    expect(guardText('=1+2')).toBe("'=1+2")
    expect(guardText('+cmd')).toBe("'+cmd")
    expect(guardText('-2+3')).toBe("'-2+3")
    expect(guardText('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(guardText('\tx')).toBe("'\tx")
    expect(guardText('\rx')).toBe("'\rx")
    expect(guardText('plain -1')).toBe('plain -1')
    expect(csvField(-0.012)).toBe('-0.012')
    expect(csvField('-0.012')).toBe("'-0.012")
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csvField(null)).toBe('')
    expect(csvField(Number.NaN)).toBe('')
    const text = toCsv([['a,b', 'line\nbreak', 'q"uote', 1.5, -2]])
    expect(parseCsv(text)).toEqual([['a,b', 'line\nbreak', 'q"uote', '1.5', '-2']])
  })

  it('hostile task names and comments come out guarded in the report CSV and escaped in the HTML', async () => {
    const ws = syntheticLineage(3, 'Hostile')
    try {
      const tasks = ws.listTasks()
      // The reviewer and the comment are free text a user types.
      const v = ws.activeVersion() as VersionRecord
      ws.recordApproval({ versionId: v.id, decision: 'override', by: '@evil', comment: '=cmd|"/c calc"!A1' })
      const r = await buildReport(ws, { kind: 'forgetting', format: 'csv', now: NOW })
      const rows = csvSections(parseCsv(r.csv ?? '')).get('decisions') ?? []
      const last = rows.at(-1) ?? []
      expect(last[4]).toBe("'@evil")
      expect(last[5]).toBe(`'=cmd|"/c calc"!A1`)
      expect(tasks.length).toBe(3)
      const h = await buildReport(ws, { kind: 'forgetting', format: 'html', now: NOW })
      expect(h.html).toContain('=cmd|&quot;/c calc&quot;!A1')
    } finally {
      ws.close()
    }
  })

  it('task names with markup are escaped everywhere (HTML and SVG)', async () => {
    const ws = workspaceWithTasks(0, 'Markup')
    try {
      ws.addTask({ name: '<script>alert(1)</script>', dataset: syntheticTask(0, 8, 4) })
      ws.addTask({ name: '=1+1', dataset: syntheticTask(1, 8, 4) })
      await learnAll(ws, 'finetune', { approve: true })
      const h = await buildReport(ws, { kind: 'forgetting', format: 'html', now: NOW })
      expect(h.html).not.toContain('<script')
      expect(h.html).toContain('&lt;script&gt;')
      const c = await buildReport(ws, { kind: 'forgetting', format: 'csv', now: NOW })
      const matrix = csvSections(parseCsv(c.csv ?? '')).get('accuracy_matrix') ?? []
      expect(matrix[2][2]).toBe("'=1+1")
    } finally {
      ws.close()
    }
  })
})

describe('large and rolled-back workspaces', () => {
  it('50 tasks: the matrix table is split into 5 blocks of 10 and the PDF stays readable', async () => {
    const ws = syntheticLineage(50)
    try {
      const r = await buildReport(ws, { kind: 'forgetting', format: 'html', now: NOW })
      const html = r.html ?? ''
      expect(html.match(/<table class="matrix wide">/g)?.length).toBe(5)
      expect(html).toContain('Evaluated task T41–T50')
      // Block T41–T50 lists only the rows that learned task 41 or later (10 rows).
      const lastBlock = html.slice(html.indexOf('Evaluated task T41–T50'))
      const table = lastBlock.slice(0, lastBlock.indexOf('</table>'))
      expect(table.match(/<tr>/g)?.length).toBe(1 + 10)
      // A drift heatmap instead of 49 drift lines.
      expect(html).toContain('Relative drift D[i][j]')
      // The PDF of it: every block heading is on a page, the table text is extractable, and it
      // stays around a dozen A4 pages (looked at with pdftoppm -png -r 50 when this was written).
      const pdf = await buildReport(ws, { kind: 'forgetting', format: 'pdf', now: NOW })
      const file = join(tempDir('pdf50'), 'f.pdf')
      writeFileSync(file, pdf.pdf as Buffer)
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      for (const b of ['T1–T10', 'T11–T20', 'T21–T30', 'T31–T40', 'T41–T50'])
        expect(text).toContain(`Evaluated task ${b}`)
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
      expect(pages).toBeGreaterThanOrEqual(6)
      expect(pages).toBeLessThanOrEqual(16)
      expect(text).toContain(`Page ${pages} / ${pages}`)
    } finally {
      ws.close()
    }
  })

  it('a rollback shows in the decisions and the report follows the active lineage', async () => {
    const ws = syntheticLineage(4, 'Rollback')
    try {
      const versions = ws.listVersions().sort((a, b) => a.id - b.id)
      ws.transaction(() => {
        ws.setVersionStatus(versions[2].id, 'active')
        ws.recordApproval({ versionId: versions[2].id, decision: 'rollback', by: 'lead', comment: 'task 4 regressed' })
        ws.appendAudit({
          actor: 'lead',
          action: 'version.rolled-back',
          subject: `version ${versions[2].id}`,
          details: { from: versions[3].id, comment: 'task 4 regressed' }
        })
      })
      const r = await buildReport(ws, { kind: 'forgetting', format: 'html', now: NOW })
      expect(r.versionId).toBe(versions[2].id)
      expect(r.html).toContain(`rollback (#${versions[3].id} → #${versions[2].id})`)
      expect(r.html).toContain('task 4 regressed')
      expect(r.html).toContain('T = 3 tasks')
      expect(existsSync(ws.dir)).toBe(true)
    } finally {
      ws.close()
    }
  })
})

describe('ROI cost arithmetic', () => {
  const summary = (over: Partial<MethodSummary>): MethodSummary => ({
    method: 'hemb',
    source: 'workspace',
    main: true,
    provenance: '#1 … #3',
    at: null,
    versionIds: [],
    seeds: [],
    intervals: {},
    tasks: 3,
    metrics: {
      metrics: { average_accuracy: 0.9, bwt: 0, fwt: null, forgetting: 0 },
      problem: null,
      fwtNote: 'not_stored'
    },
    trainSeconds: 7200,
    modelBytes: 1e9,
    modelBytesHow: '',
    perTaskModelsBytes: null,
    dataKeptBytes: 0,
    ...over
  })
  const costs = { computePerHour: 2, storagePerGBMonth: 0.5, valuePerAccuracyPoint: 10, currency: 'EUR' }

  it('savings and payback follow the stated formulas', () => {
    const base = summary({
      method: 'independent',
      main: false,
      trainSeconds: 3600,
      modelBytes: 3e9,
      metrics: { metrics: { average_accuracy: 0.8, bwt: 0, fwt: null, forgetting: 0 }, problem: null, fwtNote: null }
    })
    const c = compare(summary({}), base, costs, 0)
    // compute: 2 h × 2 = 4 vs 1 h × 2 = 2 → extra 2; storage: 0.5 vs 1.5 per month → saves 1;
    // accuracy: (0.9 − 0.8) × 100 points × 3 tasks × 10 = 300 per month; payback 2 / 301 months.
    expect(c.computeMain).toBeCloseTo(4, 12)
    expect(c.computeBase).toBeCloseTo(2, 12)
    expect(c.extraCost).toBeCloseTo(2, 12)
    expect(c.storageMain).toBeCloseTo(0.5, 12)
    expect(c.storageBase).toBeCloseTo(1.5, 12)
    expect(c.accuracyValue).toBeCloseTo(300, 9)
    expect(c.monthlySavings).toBeCloseTo(301, 9)
    expect(c.verdict).toBe('months')
    expect(c.paybackMonths).toBeCloseTo(2 / 301, 12)
    // Retained training data counts on both sides, so the saving does not change.
    expect(compare(summary({}), base, costs, 5e8).monthlySavings).toBeCloseTo(301, 9)
  })

  it('no extra cost pays back immediately; no monthly saving never pays back; unknown time is unknown', () => {
    const cheaper = summary({ method: 'finetune', main: false, trainSeconds: 9000 })
    expect(compare(summary({}), cheaper, costs, 0).verdict).toBe('immediate')
    const better = summary({
      method: 'finetune',
      main: false,
      trainSeconds: 10,
      metrics: { metrics: { average_accuracy: 0.95, bwt: 0, fwt: null, forgetting: 0 }, problem: null, fwtNote: null }
    })
    const never = compare(summary({}), better, costs, 0)
    expect(never.verdict).toBe('never')
    expect(never.paybackMonths).toBeNull()
    const unknown = compare(summary({}), summary({ method: 'ewc', main: false, trainSeconds: null }), costs, 0)
    expect(unknown.extraCost).toBeNull()
  })
})

describe('incomplete data', () => {
  it('a task without holdout (null accuracies) gives a warning, not a crash or a made-up number', async () => {
    const ws = workspaceWithTasks(2, 'No holdout', true)
    try {
      const [t1, t2] = ws.listTasks()
      const snapshotHash = ws.putTensors([{ name: 'theta', shape: [1], data: new Float32Array(1) }])
      const base = { snapshotHash, method: 'hemb', config: {}, seed: 1, backend: 'cpu' }
      const v1 = ws.createVersion({ ...base, taskId: t1.id, metrics: { taskIds: [t1.id] }, accuracyRow: [0.9] })
      ws.setVersionStatus(v1.id, 'active')
      // The service stores null for a task without a holdout set.
      const row = [0.88, null] as unknown as number[]
      const v2 = ws.createVersion({
        ...base,
        taskId: t2.id,
        parentId: v1.id,
        metrics: { taskIds: [t1.id, t2.id] },
        accuracyRow: row
      })
      ws.setVersionStatus(v2.id, 'active')
      const r = await buildReport(ws, { kind: 'forgetting', format: 'html', now: NOW })
      expect(r.html).toContain('The accuracy matrix is incomplete: R[1][1] is missing')
      expect(r.html).toContain('>88.0<')
      const roi = await buildReport(ws, { kind: 'roi', format: 'csv', now: NOW })
      const methods = csvSections(parseCsv(roi.csv ?? '')).get('methods') ?? []
      expect(methods[1][4]).toBe('')
    } finally {
      ws.close()
    }
  })
})
