import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') })
  return { code, out, err }
}

describe('cli', () => {
  it('info --json prints one JSON document with the backend', async () => {
    const r = await cli(['info', '--json'])
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(doc.backend.name).toMatch(/^(tensorflow|wasm|cpu)$/)
    expect(doc.host).toBe('cli')
  })

  it('self-test --json returns the loss curve', async () => {
    const r = await cli(['self-test', '--steps', '12', '--seed', '2', '--json'])
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(doc.losses).toHaveLength(12)
    expect(doc.seed).toBe(2)
  })

  it('reports bad usage as one line on stderr with a non-zero exit', async () => {
    for (const args of [['self-test', '--steps', 'x'], ['self-test', '--bogus'], ['nonsense'], ['self-test', '--steps', '0']]) {
      const r = await cli(args)
      expect(r.code).not.toBe(0)
      expect(r.out).toBe('')
      expect(r.err.trim().split('\n')).toHaveLength(1)
      expect(r.err).toMatch(/^keizoku: /)
    }
  })

  it('runs as `npx keizoku` from the repository root', () => {
    const r = spawnSync(process.execPath, [join(__dirname, '../../bin/keizoku.cjs'), 'help'], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Usage: keizoku <command>/)
    expect(r.stdout).toMatch(/self-test/)
  })
})
