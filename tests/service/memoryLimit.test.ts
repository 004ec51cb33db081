import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { estimateTrainingMemory, trainingMemoryLimit } from '../../src/engine/memoryEstimate'
import { EventHub } from '../../src/service/events'
import { Trainer } from '../../src/service/training'
import { resolveConfig } from '../../src/shared/domain/engineConfig'
import { KeizokuError } from '../../src/shared/errors'
import { importDataset, openWorkspace } from '../../src/workspace'
import { makeCsv, tempDir, writeFile } from '../workspace/helpers'

const saved = process.env.KEIZOKU_BACKEND
afterEach(() => {
  if (saved === undefined) delete process.env.KEIZOKU_BACKEND
  else process.env.KEIZOKU_BACKEND = saved
})

describe('training memory is estimated before a job exists', () => {
  it('the estimate follows the main net: N weights, 17 float32 copies at the peak, 2 more per learned hypernet task', () => {
    const cfg = resolveConfig({ mainNet: { hidden: [2000, 2000] } })
    // 784·2000 + 2000 + 2000·2000 + 2000 + 2000·10 + 10 weights, as paramShapes counts them
    const n = 784 * 2000 + 2000 + 2000 * 2000 + 2000 + 2000 * 10 + 10
    const first = estimateTrainingMemory(cfg, 'hemb', [784], 0, 10_000)
    const third = estimateTrainingMemory(cfg, 'hemb', [784], 2, 10_000)
    expect(first.mainNetWeights).toBe(n)
    expect(first.parts.update).toBe(17 * n * 4)
    expect(first.parts.data).toBe(10_000 * 784 * 4)
    expect(third.parts.learnedTasks - first.parts.learnedTasks).toBe(2 * 2 * n * 4)
    expect(estimateTrainingMemory(cfg, 'finetune', [784], 2, 10_000).parts.sharedBody).toBe(2 * n * 4)
  })

  it('refuses a net that cannot fit on wasm with the need, the limit and the fix; the defaults pass', async () => {
    process.env.KEIZOKU_BACKEND = 'wasm'
    expect(trainingMemoryLimit()).toEqual({ bytes: 3 * 2 ** 30, backend: 'wasm' })
    const dir = join(tempDir(), 'ws')
    const ws = openWorkspace(dir, { create: true })
    const csv = writeFile(tempDir(), 'd.csv', makeCsv({ rows: 40, features: 3, classes: 2 }))
    ws.addTask({ name: 'line 1', dataset: await importDataset({ kind: 'csv', path: csv, label: 'label' }) })
    const trainer = new Trainer(new EventHub())
    let err: unknown
    try {
      trainer.prepare(ws, { task: 'line 1', config: { mainNet: { hidden: [4096, 4096, 4096, 4096, 4096, 4096] } } })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(KeizokuError)
    const k = err as KeizokuError
    expect(k.code).toBe('invalid_argument')
    expect(k.message).toMatch(
      /^Training "line 1" would need about 5\.\d GiB of memory \(a main net of 84\.0 M weights\); the wasm backend can use 3\.0 GiB here\.$/
    )
    expect(k.hint).toContain('mainNet.hidden')
    expect(ws.listJobs()).toHaveLength(0)
    expect(trainer.prepare(ws, { task: 'line 1' }).job.status).toBe('queued')
    ws.close()
  })
})
