import type { DatasetSource, HoldoutOptions, Problem, TaskRecord, Workspace } from '../shared/domain/records'
import { importDataset } from './import'

/**
 * Import `source` expecting the workspace's input shape, then store it as the next task.
 * Returns the task plus the import's warnings (constant features, a class missing from one
 * side of the split, skipped files, …), which are not stored.
 */
export async function addTaskFromSource(
  ws: Workspace,
  opts: { name: string; source: DatasetSource; holdout?: HoldoutOptions; keepTrain?: boolean },
  actor?: string
): Promise<TaskRecord & { warnings: Problem[] }> {
  const earlier = ws.listTasks()
  const expectedInputShape = earlier.length > 0 ? earlier[0].inputShape : undefined
  const dataset = await importDataset(opts.source, { holdout: opts.holdout, expectedInputShape })
  const task = ws.addTask({ name: opts.name, dataset, keepTrain: opts.keepTrain }, actor)
  return { ...task, warnings: dataset.warnings }
}
