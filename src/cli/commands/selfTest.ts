import { emit } from '../output'
import { intOption } from '../parse'
import type { Command } from './types'
import { withService } from './workspaceCli'

export const selfTestCommand: Command = {
  name: 'self-test',
  summary: 'Train a tiny network in a worker to check that the engine works on this machine.',
  usage: 'keizoku self-test [--steps N] [--seed S] [--json]',
  options: { steps: { type: 'string' }, seed: { type: 'string' } },
  async run(args, ctx) {
    const steps = intOption(args, 'steps', 60)
    const seed = intOption(args, 'seed', 1)
    const r = await withService((s) => s.invoke('engine.selfTest', { steps, seed }))
    emit(ctx, r, () =>
      [
        `self-test on ${r.backend}: ${r.steps} steps in ${r.millis.toFixed(0)} ms, seed ${r.seed}`,
        `loss ${r.losses[0].toFixed(4)} → ${r.losses[r.losses.length - 1].toFixed(4)}, accuracy ${(r.finalAccuracy * 100).toFixed(1)} %`
      ].join('\n')
    )
  }
}
