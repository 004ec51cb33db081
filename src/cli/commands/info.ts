import { Service } from '../../service/service'
import { emit } from '../output'
import type { Command } from './types'

export const infoCommand: Command = {
  name: 'info',
  summary: 'Show the app version, the tfjs backend in use and why, and the platform.',
  usage: 'keizoku info [--json]',
  options: {},
  async run(_args, ctx) {
    const service = new Service({ host: 'cli' })
    try {
      const info = await service.invoke('app.info', {})
      emit(ctx, info, () =>
        [
          `Keizoku ${info.appVersion}`,
          `backend   ${info.backend.name} (tfjs ${info.backend.tfjsVersion}) — ${info.backend.reason}`,
          `platform  ${info.platform}/${info.arch}, Node ${info.nodeVersion}`
        ].join('\n')
      )
    } finally {
      await service.close()
    }
  }
}
