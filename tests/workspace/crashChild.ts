/**
 * Child process of crash.test.ts: writes jobs, artifacts, versions, evaluations and audit
 * entries to the workspace in argv[2] in a loop, and prints a line for each write only after
 * it is committed. The parent kills it with SIGKILL at random moments and checks that every
 * printed write is there. Not a test file itself.
 */
import { writeSync } from 'node:fs'
import { openWorkspace } from '../../src/workspace'
import { crashTensors } from './crashTensors'

function say(line: string): void {
  // fd 1 is a pipe: writeSync returns when the line is in the pipe, so it is never "printed" before the commit.
  writeSync(1, `${line}\n`)
}

async function main(): Promise<void> {
  const dir = process.argv[2]
  const taskId = Number(process.argv[3])
  const round = Number(process.argv[4])
  say('started')
  const ws = openWorkspace(dir)
  for (let i = 0; ; i++) {
    const seed = round * 100000 + i
    const job = ws.createJob({ kind: 'train', args: { seed }, taskId })
    ws.updateJob(job.id, { status: 'running' })
    say(`job ${job.id}`)
    const hash = ws.putTensors(crashTensors(seed), 'snapshot', { seed })
    ws.updateJob(job.id, { checkpointHash: hash, progress: { step: i } })
    say(`artifact ${hash} ${seed}`)
    const { version, audit } = ws.transaction(() => {
      const version = ws.createVersion({
        taskId,
        jobId: job.id,
        snapshotHash: hash,
        method: 'hemb',
        config: { seed },
        seed,
        backend: 'cpu',
        accuracyRow: [0.5]
      })
      ws.recordEvaluation({ versionId: version.id, taskId, kind: 'accuracy', row: [0.5], taskIds: [taskId] })
      const audit = ws.appendAudit({
        actor: 'crash-child',
        action: 'version.created',
        subject: `version:${version.id}`,
        details: { seed }
      })
      return { version, audit }
    })
    say(`version ${version.id} ${hash}`)
    say(`audit ${audit.id} ${audit.hash}`)
    ws.updateJob(job.id, { status: 'succeeded', result: { versionId: version.id } })
    say(`done ${job.id}`)
    if (i % 4 === 3) {
      await ws.backup()
      say('backup')
    }
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`)
  process.exit(1)
})
