import { join } from 'node:path'
import { KeizokuError } from '../shared/errors'
import { writeFileAtomic } from './files'
import type { ExportResult } from '../shared/types'
import type { Workspace } from '../workspace/index'
import { loadSnapshot } from './snapshots'
import { versionTaskIds } from './views'
import type { ExportedModel } from './work/exportModel'
import { runInWorker } from './workerClient'
import { say } from '../shared/messages'

/**
 * Writes an approved task's generated network as a standalone TensorFlow.js Layers model:
 * model.json + weights.bin (+ preprocessing.json and README.txt) that `tf.loadLayersModel`
 * loads without Keizoku.
 */
export async function exportModel(
  ws: Workspace,
  a: { task: number | string; outDir: string; by: string }
): Promise<ExportResult> {
  const task = ws.getTask(a.task)
  const active = ws.activeVersion()
  const ids = active ? versionTaskIds(active) : []
  const index = ids.indexOf(task.id)
  if (!active || index < 0) {
    throw new KeizokuError(
      'refused',
      `Task "${task.name}" is not learned by the active version, so there is no approved model to export.`,
      {
        hint: 'Train the task and approve its candidate first.',
        say: say('export_not_learned', { task: task.name })
      }
    )
  }
  const holdout = ws.loadTaskData(task.id).test
  const out = await runInWorker<ExportedModel>({
    kind: 'export',
    payload: { snapshot: loadSnapshot(ws, active), taskIndex: index, numClasses: task.numClasses, holdout }
  }).result
  const preprocessing = {
    inputShape: task.inputShape,
    flattenTo: task.inputShape.reduce((x, y) => x * y, 1),
    standardise: task.stats
      ? { featureNames: task.stats.featureNames, mean: task.stats.mean, std: task.stats.std }
      : null,
    classNames: task.classNames
  }
  const pct = (x: number | null): string => (x === null ? 'not measured (no holdout set)' : `${(x * 100).toFixed(2)} %`)
  const readme = [
    `Keizoku model export — task "${task.name}"`,
    '',
    `Version ${active.id} (method ${active.method}, seed ${active.seed}, backend ${active.backend}), exported ${new Date().toISOString()}.`,
    `Holdout accuracy: ${pct(out.holdoutAccuracy)} with this file; ${pct(out.engineAccuracy)} inside Keizoku.`,
    '',
    'Load it with TensorFlow.js (no Keizoku needed):',
    "  const model = await tf.loadLayersModel('file://…/model.json')   // Node with @tensorflow/tfjs-node, or an http(s) URL in a browser",
    '',
    `Input: a float32 tensor [batch, ${preprocessing.flattenTo}] (one sample of shape [${task.inputShape.join(', ')}] flattened row-major).`,
    task.stats
      ? 'Preprocessing: standardise each feature as (x − mean) / std with the constants in preprocessing.json, in the order of featureNames.'
      : 'Preprocessing: pixel values scaled to [0, 1], as when the task was imported.',
    `Output: class probabilities [batch, ${task.numClasses}] in this order: ${task.classNames.join(', ')}.`,
    '',
    `Network: ${out.spec.kind.toUpperCase()} with hidden layers [${out.spec.hidden.join(', ')}], activation ${out.spec.activation}, softmax output.`
  ].join('\n')
  const files = ['model.json', 'weights.bin', 'preprocessing.json', 'README.txt']
  writeFileAtomic(join(a.outDir, 'weights.bin'), out.weights, 'the model')
  writeFileAtomic(join(a.outDir, 'preprocessing.json'), JSON.stringify(preprocessing, null, 2), 'the model')
  writeFileAtomic(join(a.outDir, 'README.txt'), readme + '\n', 'the model')
  // model.json last: its presence means the export is complete.
  writeFileAtomic(join(a.outDir, 'model.json'), out.modelJson, 'the model')
  ws.appendAudit({
    actor: a.by,
    action: 'model.exported',
    subject: `task ${task.id}`,
    details: { version: active.id, outDir: a.outDir, holdoutAccuracy: out.holdoutAccuracy }
  })
  return { dir: a.outDir, files, taskName: task.name, versionId: active.id, holdoutAccuracy: out.holdoutAccuracy }
}
