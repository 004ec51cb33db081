import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { runCli } from '../../src/cli/main'
import { mulberry32 } from '../../src/common/random'

const made: string[] = []
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true })
})

/** A fresh temp folder, removed after the file's tests. */
export function tempDir(prefix = 'kz-ws-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  made.push(d)
  return d
}

export function writeFile(dir: string, name: string, text: string | Uint8Array): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

/**
 * A separable tabular dataset: `classes` classes, `features` features; feature j of a row of
 * class c is c + j/10 + noise, so class means differ and nothing is constant.
 */
export function makeCsv(opts: {
  rows: number
  features: number
  classes: number
  seed?: number
  delimiter?: string
  labelName?: string
}): string {
  const rand = mulberry32(opts.seed ?? 7)
  const d = opts.delimiter ?? ','
  const header = [...Array.from({ length: opts.features }, (_, j) => `f${j}`), opts.labelName ?? 'label'].join(d)
  const lines = [header]
  for (let i = 0; i < opts.rows; i++) {
    const c = i % opts.classes
    const row = Array.from({ length: opts.features }, (_, j) => (c + j / 10 + rand() * 0.5).toFixed(4))
    lines.push([...row, `class${c}`].join(d))
  }
  return lines.join('\n') + '\n'
}

export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') })
  return { code, out, err }
}
