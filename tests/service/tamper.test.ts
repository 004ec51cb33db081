import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { approve } from '../../src/service/approval'
import { EventHub } from '../../src/service/events'
import { Service } from '../../src/service/service'
import { Trainer } from '../../src/service/training'
import { KeizokuError } from '../../src/shared/errors'
import { checkWorkspace, importDataset, openWorkspace, repairWorkspace, type Workspace } from '../../src/workspace'
import { auditHash } from '../../src/workspace/audit'
import { makeCsv, tempDir, writeFile } from '../workspace/helpers'
import { candidateWorkspace } from './helpers'

function refusal(fn: () => unknown): KeizokuError {
  try {
    fn()
  } catch (err) {
    if (err instanceof KeizokuError) return err
    throw err
  }
  throw new Error('expected a refusal')
}

describe('tampering stops the line', () => {
  it('an edited audit entry refuses approve, task add, train and backup with a repair hint; the last sound backup survives', async () => {
    const { dir, versionId, csv } = await candidateWorkspace()
    const raw = new Database(join(dir, 'keizoku.db'))
    raw.exec("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'mallory' WHERE id = 2")
    raw.close()
    const ws: Workspace = openWorkspace(dir, { actor: 'eve' })
    const backupsBefore = ws.listBackups().map((b) => b.path)
    const auditBefore = ws.listAudit().length
    const dataset = await importDataset({ kind: 'csv', path: csv, label: 'label' })
    const refusals = [
      refusal(() => approve(ws, { version: versionId, by: 'eve' })),
      refusal(() => ws.addTask({ name: 'line 2', dataset }, 'eve')),
      refusal(() => new Trainer(new EventHub()).prepare(ws, { task: 'line 1', by: 'eve' }))
    ]
    for (const r of refusals) {
      expect(r.code).toBe('corrupt')
      expect(r.message).toContain('audit log')
      expect(r.message).toContain('broken at entry 2')
      expect(r.hint).toContain('--repair')
    }
    await expect(ws.backup()).rejects.toThrow(/A backup is refused: the audit log .* is broken at entry 2/)
    expect(ws.getVersion(versionId).status).toBe('candidate')
    expect(ws.listTasks()).toHaveLength(1)
    expect(ws.listJobs()).toHaveLength(0)
    expect(ws.listAudit()).toHaveLength(auditBefore)
    expect(ws.listBackups().map((b) => b.path)).toEqual(backupsBefore)
    ws.close()
    const repaired = await repairWorkspace(dir, 'admin')
    expect(repaired.restoredFrom).toBe(backupsBefore[0])
    expect(repaired.after.ok).toBe(true)
  })

  it('a candidate whose snapshot file no longer matches its hash cannot be approved', async () => {
    const { dir, versionId } = await candidateWorkspace()
    const ws = openWorkspace(dir)
    const v = ws.getVersion(versionId)
    writeFileSync(join(dir, 'artifacts', v.snapshotHash.slice(0, 2), v.snapshotHash), 'other weights')
    const r = refusal(() => approve(ws, { version: versionId, by: 'eve' }))
    expect(r.code).toBe('corrupt')
    expect(r.message).toMatch(/^Version \d+ cannot be approved: .*corrupt/)
    expect(r.hint).toContain('--repair')
    expect(ws.getVersion(versionId).status).toBe('candidate')
    expect(ws.listApprovals()).toHaveLength(0)
    ws.close()
  })
})

describe('backups from every host', () => {
  it('the service backs up at workspace creation and at each task add (desktop and browser mode included)', async () => {
    const home = tempDir()
    const service = new Service({ host: 'browser', home, workspaceRoot: join(home, 'root') })
    await service.invoke('workspace.create', { dir: 'line' })
    const dir = join(home, 'root', 'line')
    const count = (): number => readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.db')).length
    expect(count()).toBe(1)
    const csv = writeFile(join(home, 'root'), 'd.csv', makeCsv({ rows: 30, features: 3, classes: 2 }))
    await service.invoke('task.add', { name: 'line 1', source: { kind: 'csv', path: 'd.csv', label: 'label' } })
    expect(count()).toBe(2)
    await service.close()
    expect(csv).toContain('d.csv')
  })
})

/** Raw SQL on the closed workspace's database, as someone editing it outside Keizoku would. */
function editRaw(dir: string, sql: string): void {
  const raw = new Database(join(dir, 'keizoku.db'))
  raw.exec(sql)
  raw.close()
}

describe('registry rows are cross-checked against the audit chain', () => {
  it('an edited accuracy row fails check naming the version, stops approve, and repair restores the recorded row', async () => {
    const { dir, versionId } = await candidateWorkspace()
    expect(checkWorkspace(dir).ok).toBe(true)
    editRaw(dir, `UPDATE versions SET accuracy_row_json = '[0.99]' WHERE id = ${versionId}`)
    const report = checkWorkspace(dir)
    expect(report.ok).toBe(false)
    expect(report.audit?.ok).toBe(true)
    expect(report.registry?.problems).toEqual([
      expect.stringMatching(new RegExp(`^version ${versionId} was changed after audit entry \\d+ recorded it$`))
    ])
    expect(report.summary.join('\n')).toContain('registry: EDITED OUTSIDE KEIZOKU — 1 row(s) differ from the audit log')
    expect(report.hint).toContain('--repair')
    const ws = openWorkspace(dir, { actor: 'eve' })
    const r = refusal(() => approve(ws, { version: versionId, by: 'eve' }))
    expect(r.code).toBe('corrupt')
    expect(r.message).toContain('was edited outside Keizoku')
    expect(r.hint).toContain('--repair')
    expect(ws.getVersion(versionId).status).toBe('candidate')
    expect(ws.listApprovals()).toHaveLength(0)
    ws.close()
    const repaired = await repairWorkspace(dir, 'admin')
    expect(repaired.after.ok).toBe(true)
    const back = openWorkspace(dir)
    expect(back.getVersion(versionId).accuracyRow).toEqual([0.97])
    back.close()
  })

  it('a version made active without an approval, an approval row added by hand and a deleted evaluation all fail check', async () => {
    const { dir, versionId } = await candidateWorkspace()
    const ws = openWorkspace(dir, { actor: 'setup' })
    const ev = ws.recordEvaluation({ versionId, taskId: 1, kind: 'accuracy', row: [0.97], taskIds: [1] })
    ws.close()
    expect(checkWorkspace(dir).ok).toBe(true)
    editRaw(
      dir,
      `UPDATE versions SET status = 'active' WHERE id = ${versionId};
       INSERT INTO approvals (version_id, decision, by, comment, policy_results_json, created_at) VALUES (${versionId}, 'approve', 'mallory', '', NULL, '2026-01-01T00:00:00.000Z');
       DELETE FROM evaluations WHERE id = ${ev.id};`
    )
    const problems = checkWorkspace(dir).registry?.problems ?? []
    expect(problems).toHaveLength(3)
    expect(problems[0]).toMatch(new RegExp(`^version ${versionId} was changed after audit entry \\d+ recorded it$`))
    expect(problems[1]).toBe('approval 1 was not written through Keizoku (no audit entry records it)')
    expect(problems[2]).toMatch(new RegExp(`^evaluation ${ev.id} is missing \\(recorded by audit entry \\d+\\)$`))
  })

  it('approve, reject and rollback through Keizoku keep check passing, with every row counted', async () => {
    const { dir, versionId } = await candidateWorkspace()
    const ws = openWorkspace(dir, { actor: 'ann' })
    approve(ws, { version: versionId, by: 'ann' })
    ws.close()
    const report = checkWorkspace(dir)
    expect(report.ok).toBe(true)
    expect(report.registry).toMatchObject({ ok: true, sealed: true, checked: { versions: 1, approvals: 1 } })
    expect(report.summary).toContain('registry: ok (1 versions, 1 decisions, 0 evaluations match the audit log)')
  })

  it('a workspace written before sealing (schema 2) is sealed by its first change, and edits after that are caught', async () => {
    const { dir, versionId } = await candidateWorkspace()
    // Turn it back into what schema 2 wrote: no seal column, a chain hashed without seals.
    const raw = new Database(join(dir, 'keizoku.db'))
    raw.exec('DROP TRIGGER audit_no_update')
    const rows = raw.prepare('SELECT * FROM audit ORDER BY id').all() as Array<Record<string, string | number>>
    let prev = ''
    for (const r of rows) {
      const hash = auditHash(prev, {
        id: Number(r.id),
        at: String(r.at),
        actor: String(r.actor),
        action: String(r.action),
        subject: String(r.subject),
        details: JSON.parse(String(r.details_json)) as Record<string, unknown>
      })
      raw.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id)
      prev = hash
    }
    raw.exec(`ALTER TABLE audit DROP COLUMN seal_json;
      ALTER TABLE jobs DROP COLUMN curve_json;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      PRAGMA user_version = 2;`)
    raw.close()
    const legacy = openWorkspace(dir, { actor: 'ann' })
    legacy.close()
    const before = checkWorkspace(dir)
    expect(before.ok).toBe(true)
    expect(before.registry?.sealed).toBe(false)
    expect(before.summary.join('\n')).toContain('registry: not cross-checked')
    const ws = openWorkspace(dir, { actor: 'ann' })
    approve(ws, { version: versionId, by: 'ann' })
    ws.close()
    expect(checkWorkspace(dir).registry).toMatchObject({
      ok: true,
      sealed: true,
      checked: { versions: 1, approvals: 1 }
    })
    editRaw(dir, `UPDATE versions SET seed = 7 WHERE id = ${versionId}`)
    expect(checkWorkspace(dir).registry?.problems).toEqual([
      expect.stringContaining(`version ${versionId} was changed`)
    ])
  })
})
