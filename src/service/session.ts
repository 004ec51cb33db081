import { KeizokuError } from '../shared/errors'
import { openWorkspace, type OpenOptions, type Workspace } from '../workspace/index'
import { say } from '../shared/messages'

/**
 * The workspace this service works on. One at a time: a desktop window shows one workspace,
 * and the CLI opens the one named on its command line.
 */
export class Session {
  private ws: Workspace | null = null

  current(): Workspace | null {
    return this.ws
  }

  require(): Workspace {
    if (!this.ws) {
      throw new KeizokuError('conflict', 'No workspace is open.', {
        hint: 'Create or open a workspace first.',
        say: say('no_workspace_open')
      })
    }
    return this.ws
  }

  open(dir: string, opts: OpenOptions): Workspace {
    const next = openWorkspace(dir, opts)
    this.close()
    this.ws = next
    return next
  }

  close(): void {
    this.ws?.close()
    this.ws = null
  }
}
