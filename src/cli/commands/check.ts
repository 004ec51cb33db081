import { KeizokuError } from '../../shared/errors'
import { emit } from '../output'
import { requirePositional } from '../parse'
import type { Command } from './types'
import { cliActor, withService } from './workspaceCli'

const USAGE = 'keizoku check DIR [--repair] [--json]'

export const checkCommand: Command = {
  name: 'check',
  summary: 'Verify a workspace (database, artifacts, audit chain); --repair restores the latest backup.',
  usage: USAGE,
  options: { repair: { type: 'boolean' } },
  async run(args, ctx) {
    const dir = requirePositional(args, 0, 'the workspace folder DIR', USAGE)
    // Checked without opening: a check reads, and must work while another process holds the folder.
    const { report, repair } = await withService(async (s) => {
      const report = await s.invoke('workspace.check', { dir })
      if (!args.values.repair || report.ok) return { report, repair: null }
      return { report, repair: await s.invoke('workspace.repair', { dir, by: cliActor() }) }
    })
    if (!repair) {
      emit(ctx, report, () => [...report.summary, ...(args.values.repair ? ['Nothing to repair.'] : [])].join('\n'))
      if (!report.ok) {
        throw new KeizokuError(
          'corrupt',
          `Workspace ${report.dir} is not sound: ${(report.summary.find((l) => /DAMAGED|BROKEN|bad|missing|corrupt/.test(l)) ?? 'see the report').replace(/\.$/, '')}.`,
          {
            hint: report.hint
          }
        )
      }
      return
    }
    emit(ctx, { before: report, repair }, () =>
      [
        'Before:',
        ...report.summary.map((l) => `  ${l}`),
        ...repair.actions.map((a) => `Done: ${a}`),
        ...(repair.lost.length > 0 ? repair.lost.map((l) => `Lost: ${l}`) : ['Lost: nothing']),
        'After:',
        ...repair.after.summary.map((l) => `  ${l}`)
      ].join('\n')
    )
    if (!repair.after.ok) {
      throw new KeizokuError('corrupt', `Workspace ${repair.after.dir} is still not sound after the repair.`, {
        hint: repair.after.hint
      })
    }
  }
}
