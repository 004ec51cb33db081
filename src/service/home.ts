import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { RecentWorkspace } from '../shared/types'
import { writeFileAtomic } from '../common/atomicFile'

/**
 * The app's own folder (not a workspace): the recent-workspaces list, and in browser mode the
 * root under which workspaces live. `KEIZOKU_HOME` moves it (tests, portable installs).
 */
export function keizokuHome(env: Record<string, string | undefined> = process.env): string {
  return env.KEIZOKU_HOME && env.KEIZOKU_HOME.trim() !== '' ? env.KEIZOKU_HOME : join(homedir(), '.keizoku')
}

const MAX_RECENT = 12

export class RecentList {
  private readonly file: string

  constructor(home: string) {
    this.file = join(home, 'recent.json')
  }

  read(): Omit<RecentWorkspace, 'exists'>[] {
    try {
      const list = JSON.parse(readFileSync(this.file, 'utf8')) as unknown
      if (!Array.isArray(list)) return []
      return list.filter(
        (e): e is Omit<RecentWorkspace, 'exists'> =>
          !!e && typeof e.dir === 'string' && typeof e.name === 'string' && typeof e.openedAt === 'string'
      )
    } catch {
      // A missing or damaged list is only a convenience lost; start a new one.
      return []
    }
  }

  remember(dir: string, name: string): void {
    const list = [{ dir, name, openedAt: new Date().toISOString() }, ...this.read().filter((e) => e.dir !== dir)].slice(
      0,
      MAX_RECENT
    )
    writeFileAtomic(this.file, JSON.stringify(list, null, 2), { mkdir: true })
  }
}
