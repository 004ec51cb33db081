import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildReport, csvField, guardText, toCsv } from '../../src/service/reports'
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
