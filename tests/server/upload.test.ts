import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Service } from '../../src/service/service'
import { startServer, type RunningServer } from '../../src/server/server'
import { uploadName } from '../../src/service/upload'
import { head, rawRequest } from './raw'

const CSV = 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n'

/**
 * Browser-mode upload: POST /api/upload streams a file into <root>/imports, refuses bodies over
 * the limit (by Content-Length and while streaming), names that would steer the write, requests
 * without the token or from another origin; what it stores the importer reads by the returned path.
 */
describe('browser-mode upload endpoint', () => {
  const base = mkdtempSync(join(tmpdir(), 'keizoku-upload-'))
  const root = join(base, 'workspaces')
  const imports = join(root, 'imports')
  const renderer = join(base, 'renderer')
  const LIMIT = 4000
  let server: RunningServer
  let service: Service

  const upload = async (
    name: string | null,
    body: string | Buffer,
    headers: Record<string, string> = {}
  ): Promise<{
    status: number
    body: {
      ok: boolean
      result?: { path: string; name: string; bytes: number }
      error?: { code: string; message: string }
    }
  }> => {
    const q = name === null ? '' : `?name=${encodeURIComponent(name)}`
    const res = await fetch(`http://127.0.0.1:${server.port}/api/upload${q}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/octet-stream', ...headers },
      body
    })
    return { status: res.status, body: (await res.json()) as never }
  }
  const stored = (): string[] => (existsSync(imports) ? readdirSync(imports) : [])

  beforeAll(async () => {
    mkdirSync(renderer, { recursive: true })
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Keizoku</title>')
    service = new Service({ host: 'browser', home: join(base, 'home'), workspaceRoot: root, uploadLimitBytes: LIMIT })
    server = await startServer({ service, rendererRoot: renderer, port: 0 })
  })
  afterAll(async () => {
    await server.close()
    await service.close()
  })

  it('stores the file under imports/ with its bytes, and a second file of that name beside it', async () => {
    const r = await upload('line a.csv', CSV)
    expect(r.status).toBe(200)
    expect(r.body.result).toEqual({ path: 'imports/line a.csv', name: 'line a.csv', bytes: Buffer.byteLength(CSV) })
    expect(readFileSync(join(imports, 'line a.csv'), 'utf8')).toBe(CSV)
    const again = await upload('line a.csv', CSV + '9,9,x\n')
    expect(again.body.result?.path).toBe('imports/line a (2).csv')
    // The first file is untouched; no temporary file is left behind.
    expect(readFileSync(join(imports, 'line a.csv'), 'utf8')).toBe(CSV)
    expect(stored().sort()).toEqual(['line a (2).csv', 'line a.csv'])
  })

  it('the stored path is what the importer reads, and the app says how large an upload may be', async () => {
    const r = await upload('牛肉-round.csv', CSV)
    expect(r.body.result?.path).toBe('imports/牛肉-round.csv')
    const preview = await service.invoke('dataset.preview', {
      source: { kind: 'csv', path: r.body.result!.path, label: 'label' }
    })
    expect(preview.rowCount).toBe(4)
    expect(preview.problems.filter((p) => p.severity === 'error')).toEqual([])
    const info = await service.invoke('app.info', {})
    expect(info.uploadLimitBytes).toBe(LIMIT)
  }, 60_000)

  it('refuses a body over the limit by its Content-Length, with 413 and a message naming the limit', async () => {
    const before = stored()
    const r = await upload('big.csv', Buffer.alloc(LIMIT + 1, 0x41))
    expect(r.status).toBe(413)
    expect(r.body.error?.message).toBe('"big.csv" is larger than the upload limit of 4 kB.')
    expect(stored()).toEqual(before)
  })

  it('refuses a chunked body that grows past the limit while streaming, and keeps nothing', async () => {
    const before = stored()
    const chunk = Buffer.alloc(1500, 0x42).toString()
    const size = (n: number): string => n.toString(16)
    const body = [1, 2, 3, 4].map(() => `${size(chunk.length)}\r\n${chunk}\r\n`).join('') + '0\r\n\r\n'
    const reply = await rawRequest(
      server.port,
      head('POST', '/api/upload?name=chunked.csv', [
        `Host: 127.0.0.1:${server.port}`,
        `Authorization: Bearer ${server.token}`,
        'Content-Type: application/octet-stream',
        'Transfer-Encoding: chunked'
      ]),
      body
    )
    expect(reply.status).toBe(413)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
    expect(stored()).toEqual(before)
  })

  it.each([
    ['../escape.csv', 'a folder separator'],
    ['..\\escape.csv', 'a folder separator'],
    ['sub/x.csv', 'a folder separator'],
    ['/etc/passwd', 'a folder separator'],
    ['..', 'starts with a dot'],
    ['.hidden.csv', 'starts with a dot'],
    ['C:evil.csv', 'drive letter'],
    ['a\u0000b.csv', 'control characters'],
    ['', 'empty'],
    ['x'.repeat(121) + '.csv', 'longer than 120']
  ])('refuses the name %j (%s) with 400 and writes nothing', async (name, why) => {
    const before = stored()
    const r = await upload(name, CSV)
    expect(r.status).toBe(400)
    expect(r.body.error?.message).toContain(why)
    expect(stored()).toEqual(before)
    expect(existsSync(join(base, 'escape.csv'))).toBe(false)
    expect(existsSync(join(root, 'escape.csv'))).toBe(false)
  })

  it('refuses an upload without a name, or not sent as application/octet-stream', async () => {
    expect((await upload(null, CSV)).status).toBe(400)
    const form = await upload('x.csv', CSV, { 'content-type': 'text/plain' })
    expect(form.status).toBe(400)
    expect(form.body.error?.message).toContain('application/octet-stream')
  })

  it('refuses an upload without the token (401) or from another origin (403), and writes nothing', async () => {
    const before = stored()
    const noToken = await fetch(`http://127.0.0.1:${server.port}/api/upload?name=x.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: CSV
    })
    expect(noToken.status).toBe(401)
    const wrongToken = await fetch(`http://127.0.0.1:${server.port}/api/upload?name=x.csv`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/octet-stream' },
      body: CSV
    })
    expect(wrongToken.status).toBe(401)
    const crossSite = await fetch(`http://127.0.0.1:${server.port}/api/upload?name=x.csv`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/octet-stream',
        origin: 'http://evil.example'
      },
      body: CSV
    })
    expect(crossSite.status).toBe(403)
    expect(stored()).toEqual(before)
  })

  it('refuses GET, and an imports folder that is a link out of the root', async () => {
    const get = await fetch(`http://127.0.0.1:${server.port}/api/upload?name=x.csv`, {
      headers: { authorization: `Bearer ${server.token}` }
    })
    expect(get.status).toBe(405)
    const outside = join(base, 'outside')
    mkdirSync(outside)
    rmSync(imports, { recursive: true })
    symlinkSync(outside, imports)
    const r = await upload('x.csv', CSV)
    expect(r.status).toBe(422)
    expect(readdirSync(outside)).toEqual([])
  })
})

describe('uploadName', () => {
  it('keeps letters of any script, digits and plain punctuation; replaces the rest', () => {
    expect(uploadName('2.Round.csv')).toBe('2.Round.csv')
    expect(uploadName('牛肉 (ロース).csv')).toBe('牛肉 (ロース).csv')
    expect(uploadName('a;b|c*?.csv')).toBe('a_b_c__.csv')
    expect(uploadName('  spaced.csv  ')).toBe('spaced.csv')
  })
})
