import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { KeizokuError } from '../shared/errors'
import type { OpenOptions, Workspace } from './index'

export const DB_FILE = 'keizoku.db'

/** True when DIR holds a keizoku.db. */
export function workspaceExists(dir: string): boolean {
  return existsSync(join(dir, DB_FILE))
}

/** Opens or creates a workspace (implementation in progress). */
export function openWorkspace(dir: string, _opts: OpenOptions = {}): Workspace {
  throw new KeizokuError('unavailable', `Opening workspaces is not implemented yet (${dir}).`)
}
