import { spawn } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../../src/common/random'
import { importDataset, openWorkspace } from '../../src/workspace'
import { crashTensors } from './crashTensors'
import { makeCsv, tempDir, writeFile } from './helpers'

const KILLS = 22
const CHILD = join(__dirname, 'crashChild.ts')
const ROOT = join(__dirname, '..', '..')

/**
 * How to start the child. `node --import tsx crashChild.ts` costs ≈ 0.6 s of CPU per start
 * (the TypeScript loader), 22 starts a run; on a loaded 2-core machine that alone took minutes.
 * So the same source is bundled once with esbuild (already installed for vite/tsx) and started
 * as plain `node child.cjs` (≈ 0.1 s); without esbuild it falls back to tsx.
 */
async function childCommand(): Promise<string[]> {
  try {
    const esbuild = await import('esbuild')
    const out = join(tempDir(), 'crashChild.cjs')
    await esbuild.build({
      entryPoints: [CHILD],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: out,
      external: ['better-sqlite3', 'mnist'],
      logLevel: 'silent'
    })
    return [out]
  } catch {
    return ['--import', 'tsx', CHILD]
  }
}

interface Reported {
  jobs: Set<number>
  done: Set<number>
  artifacts: Map<string, number>
  versions: Map<number, string>
  audit: Map<number, string>
  backups: number
}

/** Start the child, let it run for `ms` after it started, SIGKILL it; collect what it reported. */
function runAndKill(
  command: string[],
  dir: string,
  taskId: number,
  round: number,
  ms: number,
  into: Reported
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, dir, String(taskId), String(round)], {
      cwd: ROOT,
      // The bundle lives in a temp folder: let it find the native better-sqlite3 of this repository.
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let buf = ''
    let stderr = ''
    let timer: NodeJS.Timeout | undefined
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buf += chunk
      let nl: number
      while ((nl = buf.indexOf('\n')) >= 0) {
        const [what, a, b] = buf.slice(0, nl).split(' ')
        buf = buf.slice(nl + 1)
        if (what === 'started') timer = setTimeout(() => child.kill('SIGKILL'), ms)
        else if (what === 'job') into.jobs.add(Number(a))
        else if (what === 'done') into.done.add(Number(a))
        else if (what === 'artifact') into.artifacts.set(a, Number(b))
        else if (what === 'version') into.versions.set(Number(a), b)
        else if (what === 'audit') into.audit.set(Number(a), b)
        else if (what === 'backup') into.backups++
      }
    })
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      // A partial last line was not fully reported: ignore it (buf).
      if (signal !== 'SIGKILL') reject(new Error(`child ended by itself (code ${code}): ${stderr}`))
      else resolve()
    })
  })
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments with every reported write present`, async () => {
    const dir = join(tempDir(), 'ws')
    const ws0 = openWorkspace(dir, { create: true })
    const csv = writeFile(tempDir(), 'small.csv', makeCsv({ rows: 40, features: 3, classes: 2 }))
    const task = ws0.addTask({
      name: 'small',
      dataset: await importDataset({ kind: 'csv', path: csv, label: 'label' })
    })
    ws0.close()

    const rep: Reported = {
      jobs: new Set(),
      done: new Set(),
      artifacts: new Map(),
      versions: new Map(),
      audit: new Map(),
      backups: 0
    }
    const rand = mulberry32(2024)
    const command = await childCommand()
    for (let round = 0; round < KILLS; round++) {
      // From 'started' (before the child opens the workspace), so some kills land inside open.
      await runAndKill(command, dir, task.id, round, 30 + Math.floor(rand() * 450), rep)

      const ws = openWorkspace(dir)
      try {
        const report = ws.check()
        expect(report.summary.join('\n')).toContain('database: ok')
        expect(report.ok, report.summary.join('\n')).toBe(true)
        for (const id of rep.jobs) {
          const job = ws.getJob(id)
          // A job is never left 'running' by a dead process: opening marks it interrupted.
          expect(job.status).not.toBe('running')
          if (rep.done.has(id)) expect(job.status).toBe('succeeded')
        }
        for (const [hash, seed] of rep.artifacts) {
          const back = ws.getTensors(hash)
          const want = crashTensors(seed)
          expect(back.map((r) => r.name)).toEqual(want.map((r) => r.name))
          // Byte comparison: vitest's deep equality on 20k-element typed arrays costs ~0.1 s each.
          const same = Buffer.from(back[0].data.buffer, back[0].data.byteOffset, back[0].data.byteLength).equals(
            Buffer.from(want[0].data.buffer, want[0].data.byteOffset, want[0].data.byteLength)
          )
          expect(same, `artifact of seed ${seed}`).toBe(true)
        }
        for (const [id, hash] of rep.versions) expect(ws.getVersion(id).snapshotHash).toBe(hash)
        const audit = new Map(ws.listAudit().map((e) => [e.id, e.hash]))
        for (const [id, hash] of rep.audit) expect(audit.get(id)).toBe(hash)
        // A kill during a backup never leaves a half-written file under a backup's name.
        for (const b of ws.listBackups()) {
          const copy = new Database(b.path, { readonly: true, fileMustExist: true })
          expect(copy.pragma('quick_check', { simple: true }), b.path).toBe('ok')
          copy.close()
        }
      } finally {
        ws.close()
      }
    }
    // The test only means something when the child got real work done between kills.
    expect(rep.versions.size).toBeGreaterThan(5)
    expect(rep.audit.size).toBeGreaterThan(5)
  }, 120_000)
})
