import { KeizokuError } from '../../shared/errors'
import { openWorkspace, workspaceExists } from '../../workspace'
import { emit, usageError } from '../output'
import { requirePositional, stringOption } from '../parse'
import type { Command } from './types'
import { cliActor } from './workspaceCli'

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
    if (workspaceExists(dir)) {
      throw new KeizokuError('conflict', `${dir} is already a Keizoku workspace.`, {
        hint: 'Use it as it is (`keizoku task list DIR`), or choose a new folder.'
      })
    }
    const ws = openWorkspace(dir, {
      create: true,
      actor: cliActor(),
      settings: { ...(name ? { name } : {}), ...(language ? { language } : {}) }
    })
    try {
      await ws.backup()
      const info = ws.info()
      emit(
        ctx,
        { ...info, settings: ws.getSettings() },
        () => `Workspace "${ws.getSettings().name}" ready at ${info.dir}`
      )
    } finally {
      ws.close()
    }
  }
}
