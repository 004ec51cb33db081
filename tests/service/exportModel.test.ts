import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openWorkspace } from '../../src/workspace/index'
import { ROOT, tempService } from './helpers'

describe('model export', () => {
  const { service, dir, home } = tempService()
  afterAll(() => service.close())

  it('writes a Layers model that plain tf.js loads in another process with the same holdout accuracy', async () => {
    await service.invoke('workspace.create', { dir })
    await service.invoke('task.add', { name: 'digits', source: { kind: 'builtin', benchmark: 'split-mnist', k: 2 } })
    await expect(service.invoke('model.export', { task: 'digits', outDir: join(home, 'early') })).rejects.toThrow(
      /no approved model/
    )
    const o = await service.invoke('train.start', { task: 'digits', steps: 150, wait: true })
    await service.invoke('version.approve', { version: o.version!.id, by: 'tester' })
    const outDir = join(home, 'model')
    const r = await service.invoke('model.export', { task: 'digits', outDir })
    expect(r.files.every((f) => existsSync(join(outDir, f)))).toBe(true)
    expect(r.holdoutAccuracy).toBe(o.version!.accuracyRow[0])
    expect(readFileSync(join(outDir, 'README.txt'), 'utf8')).toMatch(
      /class probabilities \[batch, 2\] in this order: 4, 5/
    )

    // Holdout data for the other process, written straight from the workspace.
    const ws = openWorkspace(dir)
    const test = ws.loadTaskData(ws.getTask('digits').id).test
    ws.close()
    const data = join(home, 'holdout')
    mkdirSync(data)
    writeFileSync(join(data, 'x.f32'), Buffer.from(test.x.buffer, test.x.byteOffset, test.x.byteLength))
    writeFileSync(join(data, 'y.i32'), Buffer.from(test.y.buffer, test.y.byteOffset, test.y.byteLength))
    const run = spawnSync(process.execPath, [join(ROOT, 'tests/fixtures/load-exported-model.mjs'), outDir, data], {
      encoding: 'utf8',
      cwd: ROOT
    })
    expect(run.status, run.stderr).toBe(0)
    const doc = JSON.parse(run.stdout)
    expect(doc.n).toBe(test.n)
    expect(doc.outputs).toBe(2)
    expect(Math.abs(doc.accuracy - r.holdoutAccuracy!) * 100).toBeLessThanOrEqual(0.5)
    expect(doc.accuracy).toBeGreaterThan(0.9)
  }, 300_000)
})
