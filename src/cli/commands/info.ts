import { emit } from '../output'
import type { Command } from './types'
import { withService } from './workspaceCli'

export const infoCommand: Command = {
  name: 'info',
  summary: 'Show the app version, the tfjs backend in use and why, and the platform.',
  usage: 'keizoku info [--json]',
  options: {},
  async run(_args, ctx) {
    const info = await withService((s) => s.invoke('app.info', {}))
    emit(ctx, info, () =>
      [
        `Keizoku ${info.appVersion}`,
        `backend   ${info.backend.name} (tfjs ${info.backend.tfjsVersion}) — ${info.backend.reason}`,
        `platform  ${info.platform}/${info.arch}, Node ${info.nodeVersion}`
      ].join('\n')
    )
  }
}
