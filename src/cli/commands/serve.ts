import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { keizokuHome } from '../../service/home'
import { Service } from '../../service/service'
import { startServer } from '../../server/server'
import { intOption } from '../parse'
import { emit } from '../output'
import type { Command } from './types'

const ROOT = resolve(__dirname, '../../..')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** Rebuilds the renderer when its bundle is missing or older than its sources. */
function ensureRendererBuilt(log: (t: string) => void): string {
  const out = join(ROOT, 'out/renderer')
  const index = join(out, 'index.html')
  const sources = [join(ROOT, 'src/renderer'), join(ROOT, 'src/shared')].filter(existsSync)
  const stale = !existsSync(index) || sources.some((d) => newestMtime(d) > statSync(index).mtimeMs)
  if (stale && existsSync(join(ROOT, 'electron.vite.config.ts'))) {
    log('Building the renderer (npm run build)…')
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit']
    })
    if (r.status !== 0) throw new Error('The renderer build failed; run `npm run build` to see why.')
  }
  return out
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run Keizoku in your browser: serves the app on 127.0.0.1 with a per-start token.',
  usage: 'keizoku serve [--port N] [--no-build]',
  options: { port: { type: 'string' }, 'no-build': { type: 'boolean' } },
  async run(args, ctx) {
    const port = intOption(args, 'port', 0)
    const rendererRoot = args.values['no-build'] ? join(ROOT, 'out/renderer') : ensureRendererBuilt(ctx.err)
    const service = new Service({ host: 'browser', workspaceRoot: join(keizokuHome(), 'workspaces') })
    const server = await startServer({ service, rendererRoot, port })
    emit(ctx, { url: server.url, port: server.port }, () => `Keizoku is running. Open ${server.url}\n(Ctrl+C stops it.)`)
    await new Promise<void>((done) => {
      const stop = (): void => {
        void server
          .close()
          .then(() => service.close())
          .then(done)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
  }
}
