import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { approve } from '../../src/service/approval'
import { EventHub } from '../../src/service/events'
import { Service } from '../../src/service/service'
import { Trainer } from '../../src/service/training'
import { KeizokuError } from '../../src/shared/errors'
import { importDataset, openWorkspace, repairWorkspace, type Workspace } from '../../src/workspace'
import { makeCsv, tempDir, writeFile } from '../workspace/helpers'

async function candidateWorkspace(): Promise<{ dir: string; versionId: number; csv: string }> {
  const dir = join(tempDir(), 'ws')
  const ws = openWorkspace(dir, { create: true, actor: 'setup' })
  const csv = writeFile(tempDir(), 'd.csv', makeCsv({ rows: 30, features: 3, classes: 2 }))
  const task = ws.addTask({ name: 'line 1', dataset: await importDataset({ kind: 'csv', path: csv, label: 'label' }) }, 'setup')
  const hash = ws.putTensors([{ name: 'theta', shape: [4], data: new Float32Array([1, 2, 3, 4]) }])
  const v = ws.createVersion({ taskId: task.id, snapshotHash: hash, method: 'hemb', config: {}, seed: 1, backend: 'cpu', metrics: { taskIds: [task.id] }, accuracyRow: [0.97] })
  ws.appendAudit({ actor: 'setup', action: 'train.finished', subject: `version ${v.id}`, details: { accuracyRow: [0.97] } })
  ws.setTaskStatus(task.id, 'candidate')
  await ws.backup()
  ws.close()
  return { dir, versionId: v.id, csv }
}

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
