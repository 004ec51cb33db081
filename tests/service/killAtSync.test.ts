import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Service } from '../../src/service/service'
import { importDataset, openWorkspace } from '../../src/workspace'
import { makeCsv, tempDir, writeFile } from '../workspace/helpers'
import { CLI, TINY } from './helpers'

/**
 * Kills `keizoku train` at each of its fsyncs and renames in turn (strace injects SIGKILL at the
 * k-th call of that syscall), then asks the service to go on: resume the interrupted job, decide
 * on the candidate, or train anew. strace counts per thread; every fsync/rename of `train` is on
 * the main thread (the worker writes nothing), which the recording run checks.
 */
const HAS_STRACE = spawnSync('strace', ['-V']).status === 0
const SYSCALLS = ['fsync', 'fdatasync', 'rename', 'renameat', 'renameat2'] as const

function train(dir: string, config: string, strace: string[]): ReturnType<typeof spawnSync> {
  return spawnSync(
    'strace',
    [
      ...strace,
      process.execPath,
      CLI,
      'train',
      dir,
      '--task',
      'line 1',
      '--steps',
      '150',
      '--config',
      config,
      '--json'
    ],
    { encoding: 'utf8', timeout: 300_000 }
  )
}

describe.skipIf(!HAS_STRACE)('keizoku train killed at every fsync and rename', () => {
  it('leaves a workspace that checks sound and lets the next step proceed, after every kill', async () => {
    const template = join(tempDir(), 'ws')
    const ws0 = openWorkspace(template, { create: true })
    const csv = writeFile(tempDir(), 'd.csv', makeCsv({ rows: 40, features: 3, classes: 2 }))
    ws0.addTask({ name: 'line 1', dataset: await importDataset({ kind: 'csv', path: csv, label: 'label' }) })
    await ws0.backup()
    ws0.close()
    const config = writeFile(tempDir(), 'tiny.json', JSON.stringify(TINY))

    // Recording run: which syscalls, how many, and on which thread.
    const traceFile = join(tempDir(), 'trace')
    const rec = join(tempDir(), 'ws')
    cpSync(template, rec, { recursive: true })
    const recorded = train(rec, config, ['-f', '-qq', '-o', traceFile, '-e', `trace=${SYSCALLS.join(',')}`])
    expect(recorded.status, String(recorded.stderr)).toBe(0)
    const calls = readFileSync(traceFile, 'utf8')
      .split('\n')
      .map((l) => /^(\d+)\s+(\w+)\(/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
    expect(new Set(calls.map((m) => m[1])).size, 'all fsync/rename calls on one thread').toBe(1)
    const counts = new Map<string, number>()
    for (const m of calls) counts.set(m[2], (counts.get(m[2]) ?? 0) + 1)
    expect(counts.get('fsync') ?? 0).toBeGreaterThan(10)

    const outcomes = new Map<string, number>()
    const tally = (k: string): void => void outcomes.set(k, (outcomes.get(k) ?? 0) + 1)
    let kills = 0
    for (const [name, n] of counts) {
      for (let k = 1; k <= n; k++) {
        const dir = join(tempDir(), 'ws')
        cpSync(template, dir, { recursive: true })
        const r = train(dir, config, [
          '-f',
          '-qq',
          '-o',
          '/dev/null',
          '-e',
          `trace=${name}`,
          '-e',
          `inject=${name}:signal=KILL:when=${k}`
        ])
        // strace re-raises the tracee's fatal signal; a run with fewer calls this time just finishes.
        const killed = r.signal === 'SIGKILL' || r.status === 137
        if (!killed) {
          expect(r.status, String(r.stderr)).toBe(0)
          tally('finished before the kill point')
        } else kills++
        const where = `${name} #${k}`
        const service = new Service({ host: 'cli', home: tempDir() })
        try {
          const summary = await service.invoke('workspace.open', { dir })
          expect(summary.integrity.ok, `${where}: ${summary.integrity.summary.join('; ')}`).toBe(true)
          const jobs = await service.invoke('jobs.list', {})
          const versions = await service.invoke('versions.list', {})
          const interrupted = jobs.find((j) => j.status === 'interrupted')
          const candidate = versions.find((v) => v.status === 'candidate')
          expect(
            jobs.some((j) => j.status === 'running' || j.status === 'queued'),
            where
          ).toBe(false)
          if (candidate) {
            const v = await service.invoke('version.approve', {
              version: candidate.id,
              by: 't',
              override: true,
              comment: 'after a kill'
            })
            expect(v.status, where).toBe('active')
            tally('candidate approved')
          } else if (interrupted) {
            const o = await service.invoke('train.resume', { job: interrupted.id })
            expect(o.job.status, where).toBe('running')
            tally(interrupted.progress ? 'resumed after some steps' : 'resumed from the start')
          } else {
            const o = await service.invoke('train.start', { task: 'line 1', steps: 5 })
            expect(o.job.status, where).toBe('running')
            tally('trained anew')
          }
        } finally {
          await service.close()
        }
      }
    }
    console.log(
      `kill at every fsync/rename: ${JSON.stringify(Object.fromEntries(counts))} points, ${kills} kills →`,
      Object.fromEntries(outcomes)
    )
    expect(kills).toBeGreaterThan(20)
  }, 3_600_000)
})
