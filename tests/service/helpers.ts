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

/** A tiny network (`--config`) so a CLI training run takes seconds. */
export const TINY = { mainNet: { hidden: [8] }, hnet: { hidden: [16], chunkSize: 64 }, hscoreSamples: 40, hembSteps: 20 }
