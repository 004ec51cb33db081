import { spawn, spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { openWorkspace } from '../../src/workspace/index'
import { CLI, tempService } from './helpers'

function cli(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 300_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

async function workspaceWithTask(): Promise<string> {
  const { service, dir } = tempService()
  await service.invoke('workspace.create', { dir, name: 'resume' })
  await service.invoke('task.add', { name: 'digits', source: { kind: 'builtin', benchmark: 'split-mnist', k: 1 } })
  await service.close()
  return dir
}

const STEPS = 260

describe('a training job killed with SIGKILL', () => {
  it('is shown as interrupted and resumes from its checkpoint to the same result as an uninterrupted run', async () => {
    const [killed, straight] = await Promise.all([workspaceWithTask(), workspaceWithTask()])

    // Uninterrupted reference run.
    const ref = cli(['train', straight, '--task', 'digits', '--steps', String(STEPS), '--seed', '7', '--json'])
    expect(ref.code, ref.err).toBe(0)
    const refDoc = JSON.parse(ref.out)

    // The same run, killed -9 once a checkpoint past step 100 is committed.
    const child = spawn(
      process.execPath,
      [CLI, 'train', killed, '--task', 'digits', '--steps', String(STEPS), '--seed', '7', '--json'],
      {
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    let err = ''
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    const deadline = Date.now() + 240_000
    let checkpointed = false
    while (!checkpointed && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 300))
      // The child owns the workspace while it trains: look without taking it.
      const ws = openWorkspace(killed, { shared: true })
      const job = ws.listJobs({ kind: 'train' })[0]
      checkpointed = !!job?.checkpointHash
      ws.close()
    }
    expect(checkpointed, `no checkpoint appeared; child stderr: ${err}`).toBe(true)
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))

    // Opening shows the job as interrupted and resumable.
    const jobs = cli(['jobs', killed, '--json'])
    expect(jobs.code, jobs.err).toBe(0)
    const job = JSON.parse(jobs.out)[0]
    expect(job.status).toBe('interrupted')
    expect(job.resumable).toBe(true)

    const resumed = cli(['resume', killed, '--job', String(job.id), '--json'])
    expect(resumed.code, resumed.err).toBe(0)
    const doc = JSON.parse(resumed.out)
    expect(doc.job.status).toBe('succeeded')
    expect(doc.candidate.accuracyRow).toEqual(refDoc.candidate.accuracyRow)
    // Same bytes: the learner snapshots are content-addressed, so equal hashes mean identical weights.
    expect(doc.candidate.snapshotHash).toBe(refDoc.candidate.snapshotHash)
    expect(doc.candidate.backend).toBe(refDoc.candidate.backend)
  }, 600_000)
})
