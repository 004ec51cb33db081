import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Service } from '../../src/service/service'
import { importDataset, openWorkspace } from '../../src/workspace'
import { makeCsv, tempDir, writeFile } from '../workspace/helpers'

/** A CLI-hosted service with its own app home under a temp folder. */
export function tempService(): { service: Service; home: string; dir: string } {
  const home = mkdtempSync(join(tmpdir(), 'keizoku-test-'))
  return { service: new Service({ host: 'cli', home }), home, dir: join(home, 'ws') }
}

export const ROOT = join(__dirname, '../..')
export const CLI = join(ROOT, 'bin/keizoku.cjs')

/** A tiny network (`--config`) so a CLI training run takes seconds. */
export const TINY = {
  mainNet: { hidden: [8] },
  hnet: { hidden: [16], chunkSize: 64 },
  hscoreSamples: 40,
  hembSteps: 20
}

/** A workspace with one task and one candidate version (audited as training would, then backed up), made without training. */
export async function candidateWorkspace(): Promise<{ dir: string; versionId: number; csv: string }> {
  const dir = join(tempDir(), 'ws')
  const ws = openWorkspace(dir, { create: true, actor: 'setup' })
  const csv = writeFile(tempDir(), 'd.csv', makeCsv({ rows: 30, features: 3, classes: 2 }))
  const task = ws.addTask(
    { name: 'line 1', dataset: await importDataset({ kind: 'csv', path: csv, label: 'label' }) },
    'setup'
  )
  const hash = ws.putTensors([{ name: 'theta', shape: [4], data: new Float32Array([1, 2, 3, 4]) }])
  const v = ws.createVersion({
    taskId: task.id,
    snapshotHash: hash,
    method: 'hemb',
    config: {},
    seed: 1,
    backend: 'cpu',
    metrics: { taskIds: [task.id] },
    accuracyRow: [0.97]
  })
  ws.appendAudit({
    actor: 'setup',
    action: 'train.finished',
    subject: `version ${v.id}`,
    details: { accuracyRow: [0.97] }
  })
  ws.setTaskStatus(task.id, 'candidate')
  await ws.backup()
  ws.close()
  return { dir, versionId: v.id, csv }
}
