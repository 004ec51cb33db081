import { mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { Service } from '../../src/service/service'
import { startServer, type RunningServer } from '../../src/server/server'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: opts.host ?? '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    if (opts.body) req.write(opts.body)
    req.end()
  })
}

describe('browser-mode server', () => {
  let server: RunningServer
  const service = new Service({ host: 'browser' })
  const root = mkdtempSync(join(tmpdir(), 'keizoku-renderer-'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Keizoku</title>')
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${server.token}`, 'content-type': 'application/json' })

  beforeAll(async () => {
    server = await startServer({ service, rendererRoot: root, port: 0 })
  })
  afterAll(async () => {
    await server.close()
    await service.close()
  })

  it('prints a loopback URL with a fresh token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(40)
  })

  it('refuses requests without the token (401)', async () => {
    expect((await send(server.port, '/')).status).toBe(401)
    const r = await send(server.port, '/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(r.status).toBe(401)
    const wrong = await send(server.port, '/api/app.info', {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
      body: '{}'
    })
    expect(wrong.status).toBe(401)
  })

  it('refuses a foreign Origin (403) even with the token', async () => {
    const r = await send(server.port, '/api/app.info', { method: 'POST', headers: { ...auth(), origin: 'http://evil.example' }, body: '{}' })
    expect(r.status).toBe(403)
  })

  it('refuses a foreign Host header (DNS rebinding, 403)', async () => {
    const r = await send(server.port, '/api/app.info', { method: 'POST', headers: { ...auth(), host: `evil.example:${server.port}` }, body: '{}' })
    expect(r.status).toBe(403)
  })

  it('is bound to 127.0.0.1 only', async () => {
    const { networkInterfaces } = await import('node:os')
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)
    if (!external) return // no non-loopback address on this machine: nothing else to reach
    await expect(send(server.port, '/', { host: external.address })).rejects.toThrow(/ECONNREFUSED/)
  })

  it('moves the URL token into an HttpOnly cookie and then serves the app', async () => {
    const first = await send(server.port, `/?token=${server.token}`)
    expect(first.status).toBe(303)
    const cookie = String(first.headers['set-cookie'])
    expect(cookie).toMatch(/keizoku_token=.*HttpOnly; SameSite=Strict/)
    const page = await send(server.port, '/', { headers: { cookie: cookie.split(';')[0] } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Keizoku</title>')
  })

  it('answers API calls with the envelope, and validation errors with 400', async () => {
    const ok = await send(server.port, '/api/app.info', { method: 'POST', headers: auth(), body: '{}' })
    expect(ok.status).toBe(200)
    const body = JSON.parse(ok.body)
    expect(body.ok).toBe(true)
    expect(body.result.host).toBe('browser')
    const bad = await send(server.port, '/api/engine.selfTest', { method: 'POST', headers: auth(), body: '{"steps":"x"}' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
    const unknown = await send(server.port, '/api/no.such', { method: 'POST', headers: auth(), body: '{}' })
    expect(unknown.status).toBe(404)
    const notJson = await send(server.port, '/api/app.info', { method: 'POST', headers: auth(), body: '{' })
    expect(notJson.status).toBe(400)
  })

  it('authenticates WebSocket upgrades and delivers events', async () => {
    const base = `ws://127.0.0.1:${server.port}/api/events`
    await expect(
      new Promise((resolve, reject) => {
        const ws = new WebSocket(base)
        ws.on('open', () => resolve('opened'))
        ws.on('error', reject)
      })
    ).rejects.toThrow(/401/)
    const ws = new WebSocket(`${base}?token=${server.token}`)
    await new Promise((r) => ws.on('open', r))
    const got: string[] = []
    ws.on('message', (m) => got.push(String(m)))
    await send(server.port, '/api/engine.selfTest', { method: 'POST', headers: auth(), body: '{"steps":5}' })
    await new Promise((r) => setTimeout(r, 100))
    ws.close()
    expect(got.length).toBeGreaterThan(0)
    expect(JSON.parse(got[0]).event).toBe('selfTest.progress')
  })
})
