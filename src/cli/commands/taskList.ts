import { openWorkspace } from '../../workspace'
import { emit, table } from '../output'
import { requirePositional } from '../parse'
import type { Command } from './types'
import { cliActor } from './workspaceCli'

const USAGE = 'keizoku task list DIR [--json]'

export const taskListCommand: Command = {
  name: 'task list',
  summary: 'List the tasks of a workspace in order.',
  usage: USAGE,
  options: {},
  async run(args, ctx) {
    const dir = requirePositional(args, 0, 'the workspace folder DIR', USAGE)
    const ws = openWorkspace(dir, { actor: cliActor() })
    try {
      const tasks = ws.listTasks()
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
    } finally {
      ws.close()
    }
  }
}
