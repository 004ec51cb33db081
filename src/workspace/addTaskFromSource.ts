import type { DatasetSource, HoldoutOptions, TaskRecord, Workspace } from './types'
import { importDataset } from './import'

/** Import `source` expecting the workspace's input shape, then store it as the next task. */
export async function addTaskFromSource(
  ws: Workspace,
  opts: { name: string; source: DatasetSource; holdout?: HoldoutOptions; keepTrain?: boolean },
  actor?: string
): Promise<TaskRecord> {
  const earlier = ws.listTasks()
  const expectedInputShape = earlier.length > 0 ? earlier[0].inputShape : undefined
  const dataset = await importDataset(opts.source, { holdout: opts.holdout, expectedInputShape })
  return ws.addTask({ name: opts.name, dataset, keepTrain: opts.keepTrain }, actor)
}
