import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Workspace } from '../workspace/index'
import { addTaskFromSource } from '../workspace/index'
import { resourcesDir } from './resources'

export type DemoKind = 'beef-enose' | 'split-mnist'

/**
 * Registers a demo task sequence (nothing trained), so a newcomer can walk review → train →
 * approve → report on real data. Beef cuts: the 11 MQ gas sensors only (TVC determines the
 * label and Minute nearly does), hour blocks held out together so neighbouring minutes never
 * straddle the split.
 */
export async function addDemoTasks(ws: Workspace, demo: DemoKind, actor: string): Promise<void> {
  if (demo === 'beef-enose') {
    const dir = join(resourcesDir(), 'demo/beef-enose')
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort((a, b) => parseInt(a) - parseInt(b))
    for (const f of files) {
      const name = f.replace(/^\d+\./, '').replace(/\.csv$/, '').replace(/_/g, ' ')
      await addTaskFromSource(
        ws,
        {
          name,
          source: { kind: 'csv', path: join(dir, f), label: 'Label', ignore: ['TVC', 'Minute'] },
          holdout: { fraction: 0.2, seed: 1, groupBy: { column: 'Minute', size: 60 } },
          keepTrain: true
        },
        actor
      )
    }
  } else {
    for (let k = 0; k < 5; k++) {
      await addTaskFromSource(
        ws,
        { name: `Digits ${2 * k} vs ${2 * k + 1}`, source: { kind: 'builtin', benchmark: 'split-mnist', k, seed: 1 }, keepTrain: true },
        actor
      )
    }
  }
}
