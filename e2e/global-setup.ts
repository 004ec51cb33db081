import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Starts `keizoku serve` on a free port for the web project and hands the tokenised URL to the
 * tests through the environment. Playwright calls the returned function at the end.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = join(__dirname, '..')
  const home = mkdtempSync(join(tmpdir(), 'keizoku-e2e-'))
  process.env.KEIZOKU_E2E_HOME = home
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'bin/keizoku.cjs'), 'serve', '--no-build', '--json', '--port', '0'],
    {
      cwd: root,
      env: { ...process.env, KEIZOKU_HOME: home },
      stdio: ['ignore', 'pipe', 'inherit']
    }
  )
  const url = await new Promise<string>((resolve, reject) => {
    let buf = ''
    const timer = setTimeout(() => reject(new Error('keizoku serve did not print its URL within 180 s')), 180_000)
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString()
      try {
        const doc = JSON.parse(buf) as { url: string }
        clearTimeout(timer)
        resolve(doc.url)
      } catch {
        // wait for the whole JSON document
      }
    })
    child.on('exit', (code) => reject(new Error(`keizoku serve exited with ${code} before printing its URL`)))
  })
  process.env.KEIZOKU_E2E_URL = url
  return async () => {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}
