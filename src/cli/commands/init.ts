import { emit, usageError } from '../output'
import { requirePositional, stringOption } from '../parse'
import type { Command } from './types'
import { cliActor, withService } from './workspaceCli'

const USAGE = 'keizoku init DIR [--name NAME] [--language en|ja] [--json]'

export const initCommand: Command = {
  name: 'init',
  summary: 'Create a workspace folder (keizoku.db, artifacts/, backups/).',
  usage: USAGE,
  options: { name: { type: 'string' }, language: { type: 'string' } },
  async run(args, ctx) {
    const dir = requirePositional(args, 0, 'the workspace folder DIR', USAGE)
    const language = stringOption(args, 'language')
    if (language !== undefined && language !== 'en' && language !== 'ja')
      throw usageError(`--language must be en or ja, got "${language}".`)
    const name = stringOption(args, 'name')
    // The service makes the first backup, as for every host.
    const created = await withService(async (s) => {
      const summary = await s.invoke('workspace.create', { dir, name, language, by: cliActor() })
      return { ...summary, settings: await s.invoke('settings.get', {}) }
    })
    emit(ctx, created, () => `Workspace "${created.settings.name}" ready at ${created.dir}`)
  }
}
