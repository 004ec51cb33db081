import { emit, table } from '../output'
import type { Command } from './types'
import { withWorkspace } from './workspaceCli'

const USAGE = 'keizoku task list DIR [--json]'

export const taskListCommand: Command = {
  name: 'task list',
  summary: 'List the tasks of a workspace in order.',
  usage: USAGE,
  options: {},
  async run(args, ctx) {
    const tasks = await withWorkspace(args, USAGE, (s) => s.invoke('task.list', {}))
    emit(ctx, tasks, () =>
      tasks.length === 0
        ? 'No tasks yet. Add one with `keizoku task add DIR --name NAME --csv FILE --label COLUMN`.'
        : table([
            ['#', 'id', 'name', 'status', 'classes', 'train', 'holdout', 'input', 'train data', 'source'],
            ...tasks.map((t) => [
              t.seq,
              t.id,
              t.name,
              t.status,
              t.numClasses,
              t.nTrain,
              t.nTest,
              t.inputShape.join('×'),
              t.trainHash ? (t.keepTrain ? 'kept' : 'until learned') : 'dropped',
              String(t.source.file ?? t.source.benchmark ?? t.source.path ?? t.source.kind)
            ])
          ])
    )
  }
}
