import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Service } from '../../src/service/service'
import { startServer, type RunningServer } from '../../src/server/server'

/**
 * Browser mode names workspaces and data files relative to a workspace root; nothing the page
 * sends may reach outside it, by `..`, an absolute path, or a symbolic link inside the root.
 */
describe('browser mode keeps every path inside the workspace root', () => {
  const base = mkdtempSync(join(tmpdir(), 'keizoku-wsroot-'))
  const root = join(base, 'workspaces')
  const outside = join(base, 'outside')
  const renderer = join(base, 'renderer')
  let server: RunningServer
  let service: Service

  const call = async (
    name: string,
    arg: unknown
  ): Promise<{ status: number; body: { ok: boolean; error?: { code: string; message: string } } }> => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(arg)
    })
    return {
      status: res.status,
      body: (await res.json()) as { ok: boolean; error?: { code: string; message: string } }
    }
  }

  beforeAll(async () => {
    mkdirSync(outside, { recursive: true })
    mkdirSync(renderer, { recursive: true })
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Keizoku</title>')
    writeFileSync(join(outside, 'secret.csv'), 'a,b,label\n1,2,x\n3,4,y\n')
    service = new Service({ host: 'browser', home: join(base, 'home'), workspaceRoot: root })
    mkdirSync(root, { recursive: true })
    symlinkSync(outside, join(root, 'link'))
    symlinkSync(join(outside, 'secret.csv'), join(root, 'leak.csv'))
    server = await startServer({ service, rendererRoot: renderer, port: 0 })
  })
  afterAll(async () => {
    await server.close()
    await service.close()
  })

  it.each([
    ['../escape', join(base, 'escape')],
    ['a/../../escape2', join(base, 'escape2')],
    [join(outside, 'abs'), join(outside, 'abs')],
    ['link/ws', join(outside, 'ws')],
    ['link', join(outside, 'keizoku.db')]
  ])('refuses to create a workspace at %s', async (dir, wouldBe) => {
    const r = await call('workspace.create', { dir, by: 'tester' })
    expect(r.status).toBe(422)
    expect(r.body).toMatchObject({ ok: false, error: { code: 'refused' } })
    expect(existsSync(wouldBe)).toBe(false)
  })

  it('refuses to open folders outside the root', async () => {
    for (const dir of ['..', '../outside', outside, 'link']) {
      const r = await call('workspace.open', { dir })
      expect(r.status, dir).toBe(422)
      expect(r.body.error?.code).toBe('refused')
    }
  })

  it('creates a workspace named relative to the root, then refuses data files outside it', async () => {
    const made = await call('workspace.create', { dir: 'line-3', by: 'tester' })
    expect(made.status).toBe(200)
    expect(existsSync(join(root, 'line-3', 'keizoku.db'))).toBe(true)
    for (const path of [
      '../outside/secret.csv',
      join(outside, 'secret.csv'),
      'link/secret.csv',
      'leak.csv',
      '../../../../etc/passwd'
    ]) {
      const r = await call('dataset.preview', { source: { kind: 'csv', path, label: 'label' } })
      expect(r.status, path).toBe(422)
      expect(r.body.error?.code, path).toBe('refused')
      expect(r.body.error?.message, path).not.toContain('1,2,x')
    }
    const idx = await call('dataset.preview', {
      source: { kind: 'idx', images: 'ok', labels: '../outside/secret.csv' }
    })
    expect(idx.status).toBe(422)
  })
})
