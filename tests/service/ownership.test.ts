import { spawn } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { EventHub } from '../../src/service/events'
import { Service } from '../../src/service/service'
import { Trainer } from '../../src/service/training'
import { importDataset, openWorkspace } from '../../src/workspace'
import { makeCsv, tempDir, writeFile } from '../workspace/helpers'
import { CLI, TINY } from './helpers'

interface Run {
  code: number | null
  out: string
  err: string
}

/** The real CLI in a process of its own (the point is a second process). */
function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('exit', (code) => resolve({ code, out, err }))
  })
}

async function workspaceWithTask(): Promise<{ dir: string; config: string }> {
  const dir = join(tempDir(), 'ws')
  const ws = openWorkspace(dir, { create: true })
  const csv = writeFile(tempDir(), 'd.csv', makeCsv({ rows: 40, features: 3, classes: 2 }))
  ws.addTask({ name: 'line 1', dataset: await importDataset({ kind: 'csv', path: csv, label: 'label' }) })
  await ws.backup()
  ws.close()
  return { dir, config: writeFile(tempDir(), 'tiny.json', JSON.stringify(TINY)) }
}

describe('unfinished jobs of a process that is gone', () => {
  it('a job left queued (killed between insert and start) is interrupted at the next open: train proceeds, jobs cancel works', async () => {
    const { dir, config } = await workspaceWithTask()
    const ws = openWorkspace(dir)
    const { job } = new Trainer(new EventHub()).prepare(ws, { task: 'line 1', steps: 5 })
    ws.setTaskStatus(job.taskId!, 'learning')
    ws.close() // as if SIGKILLed here: queued job, task 'learning'

    const jobs = await cli(['jobs', dir, '--json'])
    expect(jobs.code, jobs.err).toBe(0)
    expect(JSON.parse(jobs.out)[0]).toMatchObject({ id: job.id, status: 'interrupted' })
    const cancel = await cli(['jobs', 'cancel', dir, '--job', String(job.id), '--json'])
    expect(cancel.code, cancel.err).toBe(0)
    expect(JSON.parse(cancel.out)).toMatchObject({ id: job.id, status: 'cancelled' })

    const train = await cli(['train', dir, '--task', 'line 1', '--steps', '5', '--config', config, '--json'])
    expect(train.code, train.err).toBe(0)
    expect(JSON.parse(train.out).job.status).toBe('succeeded')
  }, 300_000)

  it('an interrupted baselines job is offered for resume at open, next to interrupted training jobs', async () => {
    const { dir } = await workspaceWithTask()
    const ws = openWorkspace(dir)
    const train = new Trainer(new EventHub()).prepare(ws, { task: 'line 1', steps: 5 }).job
    const baselines = ws.createJob({ kind: 'baselines', args: { methods: ['independent'], seeds: [0] } })
    ws.createJob({ kind: 'report', args: {} }) // not a resumable kind: not offered
    ws.close() // as if SIGKILLed here: all three left queued

    const service = new Service({ host: 'cli' })
    try {
      const summary = await service.invoke('workspace.open', { dir, by: 'tester' })
      expect(summary.interruptedJobs).toEqual([train.id, baselines.id])
    } finally {
      await service.close()
    }
  }, 60_000)

  it('a job "running" under the PID of a live process that does not own the workspace is interrupted', async () => {
    const { dir } = await workspaceWithTask()
    const ws = openWorkspace(dir)
    const { job } = new Trainer(new EventHub()).prepare(ws, { task: 'line 1', steps: 5 })
    ws.updateJob(job.id, { status: 'running' }) // pid = this test process, which stays alive
    ws.close()
    const jobs = await cli(['jobs', dir, '--json'])
    expect(jobs.code, jobs.err).toBe(0)
    expect(JSON.parse(jobs.out)[0]).toMatchObject({ id: job.id, status: 'interrupted', resumable: true })
  }, 120_000)
})

describe('one owner per workspace', () => {
  it('while a service holds the workspace, another process cannot repair or approve in it, and is told who holds it', async () => {
    const { dir } = await workspaceWithTask()
    const service = new Service({ host: 'browser', home: tempDir() })
    await service.invoke('workspace.open', { dir })
    // Something for a repair to do: an edited audit entry (the chain then breaks there).
    const raw = new Database(join(dir, 'keizoku.db'))
    raw.exec("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'mallory' WHERE id = 1")
    raw.close()
    try {
      const [repair, approve, check] = await Promise.all([
        cli(['check', dir, '--repair']),
        cli(['approve', dir, '--version', '1', '--by', 'x']),
        cli(['check', dir, '--json'])
      ])
      for (const r of [repair, approve]) {
        expect(r.code, r.err).not.toBe(0)
        expect(r.err).toContain(`is in use by process ${process.pid}`)
      }
      // A plain check is a read: it still works, and finds the edit.
      expect(check.code).not.toBe(0)
      expect(JSON.parse(check.out).audit).toMatchObject({ ok: false, brokenAt: 1 })
    } finally {
      await service.close()
    }
    // Released with the service: now the repair runs.
    const repair = await cli(['check', dir, '--repair'])
    expect(repair.code, repair.err).toBe(0)
    expect(repair.out).toContain('restored the database from the backup')
  }, 300_000)

  it('two CLIs racing approve / reject / repair on one candidate: exactly one decision wins, the rest are refused, check passes', async () => {
    const { dir, config } = await workspaceWithTask()
    const train = await cli(['train', dir, '--task', 'line 1', '--steps', '5', '--config', config, '--json'])
    expect(train.code, train.err).toBe(0)
    const version = String(JSON.parse(train.out).version)
    const runs = await Promise.all([
      cli(['approve', dir, '--version', version, '--by', 'ann', '--override', '--comment', 'race']),
      cli(['reject', dir, '--version', version, '--by', 'bob', '--comment', 'race']),
      cli(['approve', dir, '--version', version, '--by', 'cy', '--override', '--comment', 'race']),
      cli(['check', dir, '--repair'])
    ])
    const decisions = runs.slice(0, 3)
    const winners = decisions.filter((r) => r.code === 0)
    expect(winners, decisions.map((r) => r.err).join('\n')).toHaveLength(1)
    for (const r of decisions.filter((x) => x.code !== 0)) {
      expect(r.err).toMatch(/is in use by process \d+|another decision was made first|not a candidate/)
    }
    // The repair either ran alone (nothing to repair) or was refused: never beside a writer.
    expect(runs[3].code === 0 ? runs[3].out : runs[3].err).toMatch(/Nothing to repair|is in use by process \d+/)
    const ws = openWorkspace(dir)
    expect(ws.listApprovals()).toHaveLength(1)
    expect(ws.check().ok).toBe(true)
    ws.close()
  }, 400_000)
})
