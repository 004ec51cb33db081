import { existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KeizokuError } from '../../src/shared/errors'
import { checkWorkspace, importDataset, openWorkspace, repairWorkspace } from '../../src/workspace'
import { cli, makeCsv, tempDir, writeFile } from './helpers'

/** A workspace with a task, a version, a backup, then one more task and audit entry after the backup. */
async function populated(): Promise<{ dir: string; lateTask: string; snapshot: string }> {
  const dir = join(tempDir(), 'ws')
  const ws = openWorkspace(dir, { create: true, actor: 'test' })
  const csv = writeFile(tempDir(), 'a.csv', makeCsv({ rows: 60, features: 4, classes: 3 }))
  const t = ws.addTask({ name: 'early', dataset: await importDataset({ kind: 'csv', path: csv, label: 'label' }) })
  const snapshot = ws.putTensors([{ name: 'theta', shape: [64], data: new Float32Array(64).fill(0.25) }])
  ws.createVersion({ taskId: t.id, snapshotHash: snapshot, method: 'hemb', config: {}, seed: 1, backend: 'cpu' })
  await ws.backup()
  const csv2 = writeFile(tempDir(), 'b.csv', makeCsv({ rows: 60, features: 4, classes: 3, seed: 9 }))
  ws.addTask({ name: 'late', dataset: await importDataset({ kind: 'csv', path: csv2, label: 'label' }) })
  ws.appendAudit({ actor: 'test', action: 'after.backup' })
  ws.close()
  return { dir, lateTask: 'late', snapshot }
}

function openError(dir: string): KeizokuError {
  try {
    openWorkspace(dir).close()
  } catch (err) {
    if (err instanceof KeizokuError) return err
    throw err
  }
  throw new Error('opened a damaged workspace')
}

describe('backups', () => {
  it('keeps the newest 3 backups, each a sound copy', async () => {
    const ws = openWorkspace(join(tempDir(), 'ws'), { create: true })
    for (let i = 0; i < 5; i++) {
      ws.appendAudit({ actor: 't', action: `a${i}` })
      await ws.backup()
    }
    const list = ws.listBackups()
    expect(list).toHaveLength(3)
    expect(readdirSync(join(ws.dir, 'backups')).filter((f) => f.endsWith('.db'))).toHaveLength(3)
    expect(list[0].createdAt >= list[1].createdAt).toBe(true)
    ws.close()
  })
})

describe('damage detection and repair', () => {
  it('a corrupted keizoku.db: open and check name the file and offer --repair; repair restores the backup and says what was lost', async () => {
    const { dir } = await populated()
    const db = join(dir, 'keizoku.db')
    const bytes = readFileSync(db)
    bytes.fill(0x5a, 4096, 12288)
    writeFileSync(db, bytes)
    const err = openError(dir)
    expect(err.code).toBe('corrupt')
    expect(err.message).toContain(`The workspace database ${db} is damaged`)
    expect(err.hint).toContain(`keizoku check ${dir} --repair`)
    const report = checkWorkspace(dir)
    expect(report.ok).toBe(false)
    expect(report.database.ok).toBe(false)
    expect(report.summary[0]).toMatch(/^database: DAMAGED/)

    const check = await cli(['check', dir])
    expect(check.code).toBe(1)
    expect(check.out).toContain('database: DAMAGED')
    expect(check.err).toContain('--repair')

    const repaired = await cli(['check', dir, '--repair', '--json'])
    expect(repaired.code).toBe(0)
    const doc = JSON.parse(repaired.out) as {
      repair: { restoredFrom: string; lost: string[]; actions: string[]; after: { ok: boolean } }
    }
    expect(doc.repair.after.ok).toBe(true)
    expect(doc.repair.restoredFrom).toContain(join(dir, 'backups'))
    expect(doc.repair.actions.some((a) => a.includes('kept the damaged database'))).toBe(true)
    // The damaged file could not be read, so the loss is stated as "everything after the backup".
    expect(doc.repair.lost.join('\n')).toMatch(/after \d{4}-\d\d-\d\dT/)
    const ws = openWorkspace(dir)
    expect(ws.listTasks().map((t) => t.name)).toEqual(['early'])
    expect(ws.listAudit({ action: 'workspace.repaired' })).toHaveLength(1)
    expect(ws.check().ok).toBe(true)
    ws.close()
    expect(readdirSync(dir).some((f) => f.startsWith('keizoku.db.damaged-'))).toBe(true)
  })

  it('a truncated keizoku.db is detected; repair lists the lost task by name when the tables are readable', async () => {
    const { dir } = await populated()
    const db = join(dir, 'keizoku.db')
    truncateSync(db, 300)
    const err = openError(dir)
    expect(err.code).toBe('corrupt')
    expect(err.message).toContain('truncated (300 bytes)')
    const rep = await repairWorkspace(dir, 'tester')
    expect(rep.after.ok).toBe(true)
    // The rows cannot be read, so the late task's data files, written after the backup, are listed from their headers.
    const lateSplits = rep.lost.filter((l) => l.startsWith('a dataset split of'))
    expect(lateSplits).toHaveLength(2)
    expect(lateSplits.map((l) => Number(/of (\d+) rows and 3 classes/.exec(l)?.[1])).reduce((a, b) => a + b)).toBe(60)

    // A damaged audit chain with readable tables: the lost rows are named.
    const { dir: dir2 } = await populated()
    const Database = (await import('better-sqlite3')).default
    const raw = new Database(join(dir2, 'keizoku.db'))
    raw.exec('DROP TRIGGER audit_no_update')
    raw.exec("UPDATE audit SET actor = 'mallory' WHERE id = 1")
    raw.close()
    expect(checkWorkspace(dir2).audit?.ok).toBe(false)
    const rep2 = await repairWorkspace(dir2, 'tester')
    expect(rep2.lost).toContain('1 task (id 2): "late"')
    expect(rep2.after.ok).toBe(true)
  })

  it('a missing keizoku.db with backups is reported as damage, not as "not a workspace"', async () => {
    const { dir } = await populated()
    rmSync(join(dir, 'keizoku.db'))
    rmSync(join(dir, 'keizoku.db-wal'), { force: true })
    const err = openError(dir)
    expect(err.code).toBe('corrupt')
    expect(err.message).toContain('is missing, but backups exist')
    const rep = await repairWorkspace(dir)
    expect(rep.after.ok).toBe(true)
  })

  it('a corrupted artifact is found by check and restored from the backup copy', async () => {
    const { dir, snapshot } = await populated()
    const path = join(dir, 'artifacts', snapshot.slice(0, 2), snapshot)
    const bytes = readFileSync(path)
    bytes[100] ^= 0x01
    writeFileSync(path, bytes)
    const report = checkWorkspace(dir)
    expect(report.ok).toBe(false)
    expect(report.summary.join('\n')).toContain(`corrupt ${snapshot.slice(0, 12)}… used by model version 1 snapshot`)
    const ws = openWorkspace(dir)
    expect(() => ws.getTensors(snapshot)).toThrow(/model|corrupt/)
    ws.close()
    const r = await cli(['check', dir, '--repair'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('Done: restored model version 1 snapshot from the backup copy (corrupt file)')
    expect(r.out).toContain('Lost: nothing')
    const ws2 = openWorkspace(dir)
    expect(ws2.getTensors(snapshot)[0].data[0]).toBe(0.25)
    ws2.close()
  })

  it('a lost artifact without a backup copy is reported as lost and the rows stop pointing at it', async () => {
    const dir = join(tempDir(), 'ws')
    const ws = openWorkspace(dir, { create: true })
    const csv = writeFile(tempDir(), 'a.csv', makeCsv({ rows: 40, features: 2, classes: 2 }))
    const t = ws.addTask({ name: 'x', dataset: await importDataset({ kind: 'csv', path: csv, label: 'label' }) })
    ws.close()
    rmSync(join(dir, 'artifacts', (t.trainHash as string).slice(0, 2), t.trainHash as string))
    expect(checkWorkspace(dir).artifacts?.problems[0]).toMatchObject({
      problem: 'missing',
      referencedBy: ['task 1 ("x") training data']
    })
    const rep = await repairWorkspace(dir)
    expect(rep.restoredFrom).toBeNull()
    expect(rep.lost).toEqual(['task 1 ("x"): training data is gone, marked as dropped'])
    expect(rep.after.ok).toBe(true)
  })

  it('check passes on a sound workspace and --repair has nothing to do', async () => {
    const { dir } = await populated()
    const r = await cli(['check', dir])
    expect(r.code).toBe(0)
    expect(r.out).toContain('audit log: ok')
    const r2 = await cli(['check', dir, '--repair'])
    expect(r2.code).toBe(0)
    expect(r2.out).toContain('Nothing to repair.')
    expect(existsSync(join(dir, 'backups', 'artifacts'))).toBe(true)
  })
})
