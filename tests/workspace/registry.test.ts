import { spawnSync } from 'node:child_process'
import { MIGRATIONS } from '../../src/workspace/migrations'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { KeizokuError } from '../../src/shared/errors'
import { DEFAULT_SETTINGS, importDataset, openWorkspace, type Workspace } from '../../src/workspace'
import { makeCsv, tempDir, writeFile } from './helpers'

function newWorkspace(): Workspace {
  return openWorkspace(join(tempDir(), 'ws'), { create: true })
}

async function smallDataset(seed = 7, features = 3) {
  const csv = writeFile(tempDir(), 'd.csv', makeCsv({ rows: 30, features, classes: 3, seed }))
  return importDataset({ kind: 'csv', path: csv, label: 'label' })
}

function thrown(fn: () => unknown): KeizokuError {
  try {
    fn()
  } catch (err) {
    if (err instanceof KeizokuError) return err
    throw err
  }
  throw new Error('expected a KeizokuError')
}

describe('open and create', () => {
  it('creates keizoku.db, artifacts/ and backups/ with WAL, FULL sync, foreign keys and the latest schema version', () => {
    const dir = join(tempDir(), 'new')
    const ws = openWorkspace(dir, { create: true, actor: 'tester' })
    expect(existsSync(join(dir, 'keizoku.db'))).toBe(true)
    expect(existsSync(join(dir, 'artifacts'))).toBe(true)
    expect(existsSync(join(dir, 'backups'))).toBe(true)
    expect(ws.info().schemaVersion).toBe(MIGRATIONS.length)
    expect(ws.listAudit()[0]).toMatchObject({ actor: 'tester', action: 'workspace.created' })
    ws.close()
    const raw = new Database(join(dir, 'keizoku.db'), { readonly: true })
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(raw.pragma('application_id', { simple: true })).toBe(0x4b5a4b55)
    raw.close()
    // An open that changes nothing writes nothing; it is recorded with its first change.
    const look = openWorkspace(dir, { actor: 'tester' })
    expect(look.listAudit().map((e) => e.action)).toEqual(['workspace.created'])
    look.close()
    const again = openWorkspace(dir, { actor: 'tester' })
    again.updateSettings({ name: 'renamed' }, 'tester')
    expect(
      again
        .listAudit()
        .map((e) => e.action)
        .reverse()
    ).toEqual(['workspace.created', 'workspace.opened', 'settings.updated'])
    again.close()
  })

  it('refuses a missing folder, a folder without keizoku.db, a foreign SQLite file and a non-empty folder', () => {
    const base = tempDir()
    const missing = thrown(() => openWorkspace(join(base, 'nope')))
    expect(missing.code).toBe('not_found')
    expect(missing.message).toContain('does not exist')
    expect(missing.hint).toContain('keizoku init')

    mkdirSync(join(base, 'plain'))
    const plain = thrown(() => openWorkspace(join(base, 'plain')))
    expect(plain.code).toBe('not_found')
    expect(plain.message).toContain('is not a Keizoku workspace')

    mkdirSync(join(base, 'foreign'))
    const db = new Database(join(base, 'foreign', 'keizoku.db'))
    db.exec('CREATE TABLE t (x)')
    db.close()
    const foreign = thrown(() => openWorkspace(join(base, 'foreign')))
    expect(foreign.message).toContain('not a Keizoku workspace')

    mkdirSync(join(base, 'full'))
    writeFileSync(join(base, 'full', 'notes.txt'), 'x')
    const full = thrown(() => openWorkspace(join(base, 'full'), { create: true }))
    expect(full.code).toBe('conflict')
    expect(full.message).toContain('not empty')
  })

  it('refuses a database written by a newer schema', () => {
    const dir = join(tempDir(), 'ws')
    openWorkspace(dir, { create: true }).close()
    const db = new Database(join(dir, 'keizoku.db'))
    db.pragma('user_version = 99')
    db.close()
    const err = thrown(() => openWorkspace(dir))
    expect(err.code).toBe('conflict')
    expect(err.message).toContain('newer Keizoku')
  })
})

describe('settings', () => {
  it('has the documented defaults, merges patches, validates and audits', () => {
    const ws = newWorkspace()
    expect(ws.getSettings()).toEqual({ ...DEFAULT_SETTINGS, name: 'ws' })
    expect(ws.getSettings().policy).toEqual({ maxOldTaskDrop: 1.0, minNewTaskAccuracy: 0 })
    const s = ws.updateSettings(
      { language: 'ja', policy: { maxOldTaskDrop: 2.5 }, costs: { currency: 'JPY' } },
      'alice'
    )
    expect(s.language).toBe('ja')
    expect(s.policy).toEqual({ maxOldTaskDrop: 2.5, minNewTaskAccuracy: 0 })
    expect(s.costs.currency).toBe('JPY')
    expect(ws.getSettings()).toEqual(s)
    expect(ws.listAudit({ action: 'settings.updated' })[0].actor).toBe('alice')
    const bad = thrown(() => ws.updateSettings({ policy: { minNewTaskAccuracy: 1.5 } }))
    expect(bad.code).toBe('invalid_argument')
    expect(bad.message).toContain('policy.minNewTaskAccuracy')
    expect(ws.getSettings().policy.minNewTaskAccuracy).toBe(0)
    ws.close()
  })
})

describe('tasks', () => {
  it('adds tasks in order, stores both sets as artifacts and loads them back exactly', async () => {
    const ws = newWorkspace()
    const ds = await smallDataset()
    const a = ws.addTask({ name: 'first', dataset: ds }, 'bob')
    const b = ws.addTask({ name: 'second', dataset: await smallDataset(8), keepTrain: false })
    expect([a.seq, b.seq]).toEqual([1, 2])
    expect(ws.listTasks().map((t) => t.name)).toEqual(['first', 'second'])
    expect(a).toMatchObject({
      status: 'registered',
      numClasses: 3,
      inputShape: [3],
      nTrain: 24,
      nTest: 6,
      keepTrain: true
    })
    expect(b.keepTrain).toBe(false)
    expect(a.trainBytes).toBeGreaterThan(24 * 3 * 4)
    expect(ws.getTask('first').id).toBe(a.id)
    const data = ws.loadTaskData(a.id)
    expect(data.train.x).toEqual(ds.data.train.x)
    expect(data.train.y).toEqual(ds.data.train.y)
    expect(data.test.x).toEqual(ds.data.test.x)
    expect(data.classNames).toEqual(['class0', 'class1', 'class2'])
    expect(ws.listAudit({ action: 'task.added' }).map((e) => e.details.name)).toEqual(['second', 'first'])
    ws.close()
  })

  it('refuses a duplicate name and a different input shape, changing nothing', async () => {
    const ws = newWorkspace()
    const ds = await smallDataset()
    ws.addTask({ name: 'one', dataset: ds })
    const auditBefore = ws.listAudit().length
    expect(thrown(() => ws.addTask({ name: 'one', dataset: ds })).code).toBe('conflict')
    const wide = await smallDataset(9, 5)
    const err = thrown(() => ws.addTask({ name: 'two', dataset: wide }))
    expect(err.code).toBe('refused')
    expect(err.message).toContain('input shape [5]')
    expect(err.message).toContain('[3]')
    expect(ws.listTasks()).toHaveLength(1)
    expect(ws.listAudit()).toHaveLength(auditBefore)
    ws.close()
  })

  it('sets status, drops training data (retention) and keeps the holdout', async () => {
    const ws = newWorkspace()
    const t = ws.addTask({ name: 't', dataset: await smallDataset(), keepTrain: false })
    expect(ws.setTaskStatus(t.id, 'learned').status).toBe('learned')
    expect(thrown(() => ws.setTaskStatus(t.id, 'bogus' as never)).code).toBe('invalid_argument')
    const trainHash = t.trainHash as string
    expect(ws.hasArtifact(trainHash)).toBe(true)
    const dropped = ws.dropTrainingData(t.id, 'policy')
    expect(dropped.trainHash).toBeNull()
    expect(dropped.trainDroppedAt).not.toBeNull()
    expect(ws.hasArtifact(trainHash)).toBe(false)
    const data = ws.loadTaskData(t.id)
    expect(data.train.n).toBe(0)
    expect(data.train.inputShape).toEqual([3])
    expect(data.test.n).toBe(6)
    expect(ws.listAudit({ action: 'task.training-data-dropped' })).toHaveLength(1)
    expect(ws.check().ok).toBe(true)
    ws.close()
  })

  it('removes an unused task but refuses one that a job or version refers to', async () => {
    const ws = newWorkspace()
    const t1 = ws.addTask({ name: 'a', dataset: await smallDataset() })
    const t2 = ws.addTask({ name: 'b', dataset: await smallDataset(8) })
    ws.createJob({ kind: 'train', args: {}, taskId: t2.id })
    ws.removeTask(t1.id)
    expect(ws.listTasks().map((t) => t.name)).toEqual(['b'])
    expect(ws.hasArtifact(t1.trainHash as string)).toBe(false)
    const err = thrown(() => ws.removeTask(t2.id))
    expect(err.code).toBe('conflict')
    expect(err.message).toContain('1 job(s)')
    expect(thrown(() => ws.getTask(t1.id)).code).toBe('not_found')
    ws.close()
  })
})

describe('jobs, versions, evaluations, approvals, reports', () => {
  it('runs the job lifecycle and marks jobs of a dead process interrupted', async () => {
    const ws = newWorkspace()
    const job = ws.createJob({ kind: 'train', args: { steps: 10 } })
    expect(job.status).toBe('queued')
    const running = ws.updateJob(job.id, { status: 'running', progress: { step: 3 } })
    expect(running).toMatchObject({ status: 'running', pid: process.pid, progress: { step: 3 } })
    expect(running.startedAt).not.toBeNull()
    expect(ws.markInterruptedJobs()).toHaveLength(0)
    const done = ws.updateJob(job.id, { status: 'succeeded', result: { ok: 1 } })
    expect(done.finishedAt).not.toBeNull()
    expect(ws.listJobs({ status: 'succeeded' }).map((j) => j.id)).toEqual([job.id])

    // A job left running by a process that has exited becomes 'interrupted' at the next open.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
    const orphan = ws.createJob({ kind: 'train', args: {} })
    ws.updateJob(orphan.id, { status: 'running' })
    const dir = ws.dir
    ws.close()
    const raw = new Database(join(dir, 'keizoku.db'))
    raw.prepare('UPDATE jobs SET pid = ? WHERE id = ?').run(Number(dead), orphan.id)
    raw.close()
    const ws2 = openWorkspace(dir)
    const j = ws2.getJob(orphan.id)
    expect(j.status).toBe('interrupted')
    expect(j.error?.message).toContain(`pid ${dead}`)
    ws2.close()
  })

  it('keeps at most one active version and supersedes the previous one', async () => {
    const ws = newWorkspace()
    const t = ws.addTask({ name: 't', dataset: await smallDataset() })
    const snap = ws.putTensors([{ name: 'w', shape: [2], data: new Float32Array([1, 2]) }])
    const base = { taskId: t.id, snapshotHash: snap, method: 'hemb', config: { lr: 0.001 }, seed: 1, backend: 'wasm' }
    const v1 = ws.createVersion({ ...base, accuracyRow: [0.9], transferRow: [], drift: null, timings: { trainMs: 5 } })
    const v2 = ws.createVersion({ ...base, parentId: v1.id, accuracyRow: [0.88, 0.9], drift: [0.01] })
    expect(v1.status).toBe('candidate')
    expect(v2).toMatchObject({ parentId: v1.id, accuracyRow: [0.88, 0.9], drift: [0.01], config: { lr: 0.001 } })
    ws.setVersionStatus(v1.id, 'active')
    expect(ws.activeVersion()?.id).toBe(v1.id)
    ws.setVersionStatus(v2.id, 'active')
    expect(ws.activeVersion()?.id).toBe(v2.id)
    expect(ws.getVersion(v1.id).status).toBe('superseded')
    expect(ws.listVersions({ status: 'active' })).toHaveLength(1)
    expect(thrown(() => ws.createVersion({ ...base, taskId: 999 })).code).toBe('not_found')
    expect(thrown(() => ws.createVersion({ ...base, snapshotHash: 'f'.repeat(64) })).code).toBe('not_found')

    const e = ws.recordEvaluation({ versionId: v2.id, kind: 'transfer', row: [1.5, 0.2], taskIds: [t.id, t.id] })
    expect(ws.listEvaluations({ versionId: v2.id })).toEqual([e])
    const a = ws.recordApproval({
      versionId: v2.id,
      decision: 'approve',
      by: 'carol',
      comment: 'fine',
      policyResults: [{ ok: true }]
    })
    expect(ws.listApprovals({ versionId: v2.id })).toEqual([a])
    expect(thrown(() => ws.recordApproval({ versionId: v2.id, decision: 'maybe' as never, by: 'x' })).code).toBe(
      'invalid_argument'
    )
    const r = ws.recordReport({ kind: 'roi', format: 'pdf', path: '/tmp/r.pdf', versionId: v2.id })
    expect(ws.listReports()).toEqual([r])
    const use = ws.storageUse()
    expect(use.byKind['dataset-train']).toBe(t.trainBytes)
    expect(use.byKind.snapshot).toBeGreaterThan(0)
    ws.close()
  })
})
