import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { Service } from '../../src/service/service'
import { HTML_HEADERS, RENDERER_CSP } from '../../src/server/headers'
import { startServer, type RunningServer } from '../../src/server/server'
import { staticPath } from '../../src/server/static'
import { head, rawRequest } from './raw'

const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT'

/** A renderer root with an index, an asset, and symlinks that point outside it. */
function makeRoot(): string {
  const base = mkdtempSync(join(tmpdir(), 'keizoku-hardening-'))
  const root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Keizoku</title>')
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(base, 'secret.txt'), SECRET)
  mkdirSync(join(base, 'outside'))
  writeFileSync(join(base, 'outside', 'x.txt'), SECRET)
  symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'))
  symlinkSync(join(base, 'outside'), join(root, 'assets', 'linked'))
  return root
}

describe('staticPath (pure URL-path check)', () => {
  it.each([
    ['/', ''],
    ['/assets/app.js', 'assets/app.js'],
    ['//assets//app.js', 'assets/app.js'],
    ['/a%20b.js', 'a b.js']
  ])('accepts %s as %s', (url, rel) => {
    expect(staticPath(url)).toEqual({ ok: true, rel })
  })

  it.each([
    ['/../secret.txt', 404],
    ['/assets/../../secret.txt', 404],
    ['/%2e%2e/secret.txt', 404],
    ['/..%2fsecret.txt', 404],
    ['/%2E%2E%2Fsecret.txt', 404],
    ['/..%5csecret.txt', 404],
    ['/assets\\..\\..\\secret.txt', 404],
    ['/./index.html', 404],
    ['/C:/Windows/win.ini', 404],
    ['/index.html%00.js', 400],
    ['/%E0%A4%A', 400]
  ])('refuses %s with %i', (url, status) => {
    const r = staticPath(url)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.status).toBe(status)
  })
})

describe('browser-mode server hardening', () => {
  let server: RunningServer
  const service = new Service({ host: 'browser' })
  const root = makeRoot()
  const host = (): string => `Host: 127.0.0.1:${server.port}`
  const bearer = (): string => `Authorization: Bearer ${server.token}`
  const get = (path: string, extra: string[] = []): ReturnType<typeof rawRequest> =>
    rawRequest(server.port, head('GET', path, [host(), bearer(), ...extra]))
  const post = (path: string, body: string, extra: string[] = []): ReturnType<typeof rawRequest> =>
    rawRequest(
      server.port,
      head('POST', path, [
        host(),
        bearer(),
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        ...extra
      ]),
      body
    )

  beforeAll(async () => {
    server = await startServer({ service, rendererRoot: root, port: 0 })
  })
  afterAll(async () => {
    await server.close()
    await service.close()
  })

  it('draws a new 256-bit token at every start', async () => {
    const other = await startServer({ service, rendererRoot: root, port: 0 })
    await other.close()
    expect(other.token).not.toBe(server.token)
    expect(Buffer.from(server.token, 'base64url').length).toBe(32)
  })

  it('listens on IPv6 loopback too when it exists, but prints the IPv4 URL', async () => {
    expect(server.url.startsWith(`http://127.0.0.1:${server.port}/`)).toBe(true)
    expect(server.addresses[0]).toBe('127.0.0.1')
    const hasV6Loopback = Object.values(networkInterfaces())
      .flat()
      .some((a) => a?.address === '::1')
    if (!hasV6Loopback) return // nothing to check on a machine without ::1
    expect(server.addresses).toContain('::1')
    const r = await rawRequest(server.port, head('GET', '/', [`Host: [::1]:${server.port}`, bearer()]), '', '::1')
    expect(r.status).toBe(200)
    // Still no other interface: a non-loopback IPv6 address of this machine is refused.
    const v6 = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv6' && !a.internal && a.scopeid === 0)
    if (v6) {
      const far = await rawRequest(server.port, head('GET', '/', [host(), bearer()]), '', v6.address)
      expect(far.status).toBe(0)
      expect(far.error).toBe('ECONNREFUSED')
    }
  })

  it('refuses DNS-rebinding Host headers with 403, even with the token', async () => {
    for (const h of [
      `evil.com:${server.port}`,
      'evil.com',
      `127.0.0.1:${server.port + 1}`,
      `127.0.0.1.evil.com:${server.port}`
    ]) {
      const r = await rawRequest(server.port, head('GET', '/', [`Host: ${h}`, bearer()]))
      expect(r.status, h).toBe(403)
      expect(r.body).not.toContain('Keizoku</title>')
      const api = await rawRequest(
        server.port,
        head('POST', '/api/app.info', [`Host: ${h}`, bearer(), 'Content-Type: application/json', 'Content-Length: 2']),
        '{}'
      )
      expect(api.status, h).toBe(403)
    }
    const noHost = await rawRequest(server.port, ['GET / HTTP/1.0', bearer(), ''].join('\n'))
    expect(noHost.status).toBe(403)
  })

  it('refuses foreign and opaque Origins with 403 and accepts its own', async () => {
    for (const o of [
      'http://evil.com',
      'null',
      `http://127.0.0.1:${server.port + 1}`,
      `https://127.0.0.1:${server.port}`
    ]) {
      expect((await post('/api/app.info', '{}', [`Origin: ${o}`])).status, o).toBe(403)
    }
    const own = await post('/api/engine.selfTest', '{"steps":"x"}', [`Origin: http://127.0.0.1:${server.port}`])
    expect(own.status).toBe(400)
  })

  it('answers an oversized declared body with 413 and the error envelope', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1)
    const r = await post('/api/app.info', JSON.stringify({ big }))
    expect(r.status).toBe(413)
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
    expect(JSON.parse(r.body).error.message).toMatch(/exceeds the limit of 1048576 bytes/)
  })

  it('stops reading a chunked body at the limit (413 or connection closed) and stays up', async () => {
    const chunk = 'a'.repeat(256 * 1024)
    const chunks =
      Array.from({ length: 8 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('') + '0\r\n\r\n'
    const r = await rawRequest(
      server.port,
      head('POST', '/api/app.info', [host(), bearer(), 'Content-Type: application/json', 'Transfer-Encoding: chunked']),
      chunks
    )
    expect(r.status === 413 || (r.status === 0 && r.error !== undefined)).toBe(true)
    expect((await post('/api/engine.selfTest', '{"steps":0}')).status).toBe(400)
  })

  it('rejects wrong methods and content types without calling the service', async () => {
    expect((await get('/api/app.info')).status).toBe(405)
    const text = await rawRequest(
      server.port,
      head('POST', '/api/app.info', [host(), bearer(), 'Content-Type: text/plain', 'Content-Length: 2']),
      '{}'
    )
    expect(text.status).toBe(400)
    expect((await rawRequest(server.port, head('DELETE', '/index.html', [host(), bearer()]))).status).toBe(405)
    expect((await post('/api/%E0%A4%A', '{}')).status).toBe(404)
  })

  it('never serves a file outside the renderer root', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/..%5csecret.txt',
      '/assets\\..\\..\\secret.txt',
      '/leak.txt',
      '/assets/linked/x.txt',
      '/index.html%00.txt',
      '/etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd'
    ]
    for (const path of attempts) {
      const r = await get(path)
      expect(r.body, path).not.toContain(SECRET)
      expect(r.body, path).not.toMatch(/root:.*:0:0:/)
      expect([200, 400, 404], path).toContain(r.status)
      if (r.status === 200) expect(r.body, path).toContain('<title>Keizoku</title>')
    }
    expect((await get('/leak.txt')).status).toBe(404)
    expect((await get('/assets/linked/x.txt')).status).toBe(404)
  })

  it('has no directory listing: a folder gives the app page, a missing asset 404', async () => {
    const dir = await get('/assets/')
    expect(dir.status).toBe(200)
    expect(dir.body).toContain('<title>Keizoku</title>')
    expect(dir.body).not.toContain('app.js')
    expect((await get('/assets/missing.js')).status).toBe(404)
    const js = await get('/assets/app.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['content-security-policy']).toBeUndefined()
  })

  it('sends security headers on every answer and the CSP on HTML', async () => {
    const page = await get('/')
    expect(page.headers['content-security-policy']).toBe(HTML_HEADERS['content-security-policy'])
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval')
    for (const r of [
      page,
      await get('/assets/app.js'),
      await post('/api/app.info', '{"x":1}'),
      await rawRequest(server.port, head('GET', '/', [host()]))
    ]) {
      expect(r.headers['x-content-type-options']).toBe('nosniff')
      expect(r.headers['x-frame-options']).toBe('DENY')
      expect(r.headers['referrer-policy']).toBe('no-referrer')
      expect(r.headers['cache-control']).toBe('no-store')
    }
  })

  it('keeps the CSP header equal to the meta CSP of src/renderer/index.html', () => {
    const html = readFileSync(join(__dirname, '../../src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)
    expect(meta?.[1]).toBe(RENDERER_CSP)
  })

  it('authenticates WebSocket upgrades: no token 401, foreign Origin or Host 403, other paths 404', async () => {
    const attempt = (url: string, headers: Record<string, string> = {}): Promise<string> =>
      new Promise((resolve) => {
        const ws = new WebSocket(url, { headers })
        ws.on('open', () => {
          ws.close()
          resolve('open')
        })
        ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)))
        ws.on('error', (e) => resolve(`error ${e.message}`))
      })
    const base = `ws://127.0.0.1:${server.port}`
    expect(await attempt(`${base}/api/events`)).toBe('401')
    expect(await attempt(`${base}/api/events?token=wrong`)).toBe('401')
    expect(await attempt(`${base}/api/events?token=${server.token}`, { origin: 'http://evil.com' })).toBe('403')
    expect(await attempt(`${base}/api/events?token=${server.token}`, { host: `evil.com:${server.port}` })).toBe('403')
    expect(await attempt(`${base}/other?token=${server.token}`)).toBe('404')
    expect(
      await attempt(`${base}/api/events?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` })
    ).toBe('open')
    expect(await attempt(`${base}/api/events`, { cookie: `keizoku_token=${server.token}` })).toBe('open')
  })

  it('keeps the event socket one-way and small: a client message or an oversized frame closes it', async () => {
    const closeCode = (payload: string): Promise<number> =>
      new Promise((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${server.token}`)
        ws.on('open', () => ws.send(payload))
        ws.on('close', (code) => resolve(code))
        ws.on('error', () => undefined)
      })
    expect(await closeCode('{"call":"app.info"}')).toBe(1008)
    expect(await closeCode('x'.repeat(65 * 1024))).toBe(1009)
    // …and the server is still there (an unhandled socket error would have ended it).
    expect((await get('/')).status).toBe(200)
  })
})
