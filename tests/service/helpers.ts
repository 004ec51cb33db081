import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Service } from '../../src/service/service'

/** A CLI-hosted service with its own app home under a temp folder. */
export function tempService(): { service: Service; home: string; dir: string } {
  const home = mkdtempSync(join(tmpdir(), 'keizoku-test-'))
  return { service: new Service({ host: 'cli', home }), home, dir: join(home, 'ws') }
}

export const ROOT = join(__dirname, '../..')
export const CLI = join(ROOT, 'bin/keizoku.cjs')
