import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import fc from 'fast-check'
import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '../../src/shared/api'
import { CALL_NAMES, isCallName, type CallName } from '../../src/shared/channels'
import { Service } from '../../src/service/service'
import { startServer, type RunningServer } from '../../src/server/server'

/**
 * Hostile input through the browser-mode server, for every call in CALL_NAMES (calls added
 * later are covered without editing this file). Every generated argument is checked against
 * the call's own schema first and only INVALID ones are sent, so nothing here ever runs a job
 * (engine.selfTest with a valid argument would train). Expected: a 4xx answer with the error
 * envelope, no event emitted by the service, Object.prototype untouched, the server still up.
 */

const TRAVERSAL = [
  '../../../../etc/passwd',
  '..\\..\\..\\Windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/etc/shadow',
  'C:\\Windows\\System32\\config\\SAM',
  '\\\\evil-host\\share\\x.csv',
  'file:///etc/passwd',
  'data\u0000.csv',
  '~/.ssh/id_rsa',
  '....//....//etc',
  '/proc/self/environ',
  'keizoku.db; rm -rf /'
]
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']
const POLLUTERS = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '[{"__proto__":{"polluted":"yes"}}]'
]
/** Far above every string limit in the schemas (4096 for paths); the 1 MiB body limit has its own test. */
const HUGE = ['A'.repeat(20_000), '漢'.repeat(6_000), '\u0000'.repeat(5_000), '\ud800'.repeat(500)].map((h) =>
  JSON.stringify(h)
)

/** JSON text (not values) so the body can carry what JSON.stringify cannot: 1e999 (Infinity), -0. */
const leaf: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'null',
    'true',
    'false',
    '1e999',
    '-1e999',
    '-0',
    '0',
    '-1',
    '0.5',
    '-2147483649',
    '9007199254740993'
  ),
  fc.constantFrom('"NaN"', '"Infinity"', '"-1"', '""', '"true"', '"null"', '"[object Object]"'),
  fc.double().map((d) => (Number.isFinite(d) ? JSON.stringify(d) : d > 0 ? '1e999' : d < 0 ? '-1e999' : '"NaN"')),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.string({ maxLength: 40 }).map((s) => JSON.stringify(s)),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(s)),
  fc.constantFrom(...TRAVERSAL).map((s) => JSON.stringify(s)),
  fc.constantFrom(...HUGE),
  fc.constantFrom(...POLLUTERS)
)

/** Deep nesting: arrays and objects thousands of levels deep. */
const deep: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 50, max: 5000 }), fc.boolean())
  .map(([d, arr]) => (arr ? '['.repeat(d) + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d)))

/** The top-level keys a call's schema knows, so hostile values land on real fields too. */
function schemaKeys(name: CallName): string[] {
  const schema: z.ZodType = api[name].arg
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : []
}

function hostileText(name: CallName): fc.Arbitrary<string> {
  const keys = [...schemaKeys(name), ...PROTO_KEYS]
  const key = fc.oneof(
    fc.constantFrom(...keys),
    fc.string({ maxLength: 20 }),
    fc.constantFrom(...TRAVERSAL),
    fc.constantFrom('k'.repeat(10_000))
  )
  const { value } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 5 }).map((xs) => `[${xs.join(',')}]`),
    object: fc
      .array(fc.tuple(key, tie('value')), { maxLength: 5 })
      .map((es) => `{${es.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`)
  }))
  // An object made only of the schema's own keys, each with a hostile value.
  const onFields =
    keys.length > 0
      ? fc
          .array(fc.tuple(fc.constantFrom(...keys), fc.oneof(value, deep)), { minLength: 1, maxLength: 4 })
          .map((es) => `{${es.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`)
      : value
  return fc.oneof(value, onFields, deep)
}

/** True when the service would accept this body (then the fuzz must not send it). */
function isValid(name: CallName, text: string): boolean {
  const parsed: unknown = JSON.parse(text)
  return api[name].arg.safeParse(parsed === undefined ? {} : parsed).success
}

/** A stable seed per call name, so adding calls does not reshuffle the others' cases. */
function seedOf(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32LE(0) & 0x7fffffff
}

/** 200 runs per call while the API is small; a budget of ~2400 requests once it grows, ≥ 60 each. */
const RUNS = Math.max(60, Math.min(200, Math.floor(2400 / CALL_NAMES.length)))

/** sha-256 of every file under `dir`, by relative path. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.isFile()) out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex')
    }
  }
  walk(dir)
  return out
}

interface Answer {
  status: number
  type: string
  body: string
}

describe('hostile input through the HTTP API', () => {
  let server: RunningServer
  const base = mkdtempSync(join(tmpdir(), 'keizoku-fuzz-'))
  const root = join(base, 'renderer')
  const workspaces = join(base, 'workspaces')
  // Browser mode as `keizoku serve` runs it: a workspace root, and an app home of its own.
  const service = new Service({ host: 'browser', home: join(base, 'home'), workspaceRoot: workspaces })
  const events: string[] = []
  let before: Record<string, string> = {}
  mkdirSync(root)
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Keizoku</title>')

  // node:http with keep-alive: thousands of requests, so the client must be cheap.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  // A kept-alive socket the server closed while idle (its keepAliveTimeout, easily reached on
  // a loaded machine) fails with ECONNRESET when reused: that request is sent again once, as
  // Node's documentation advises; any other failure fails the test.
  const post = (path: string, body: string | Uint8Array, retried = false): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path,
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              type: String(res.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks).toString('utf8')
            })
          )
        }
      )
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (!retried && req.reusedSocket && err.code === 'ECONNRESET') resolve(post(path, body, true))
        else reject(err)
      })
      req.end(body)
    })

  const expectRefusal = (a: Answer, codes: string[]): void => {
    expect(a.status).toBeGreaterThanOrEqual(400)
    expect(a.status).toBeLessThan(500)
    expect(a.type).toBe('application/json; charset=utf-8')
    const env = JSON.parse(a.body) as { ok: unknown; error?: { code?: unknown; message?: unknown } }
    expect(env.ok).toBe(false)
    expect(codes).toContain(env.error?.code)
    expect(typeof env.error?.message).toBe('string')
    const message = String(env.error?.message)
    expect(message.length).toBeGreaterThan(0)
    // An error names the problem; it does not echo a 200 kB argument back.
    expect(message.length).toBeLessThanOrEqual(2000)
  }

  const alive = async (): Promise<void> => {
    const res = await fetch(`http://127.0.0.1:${server.port}/`, {
      headers: { authorization: `Bearer ${server.token}` }
    })
    expect(res.status).toBe(200)
    await res.text()
  }

  beforeAll(async () => {
    server = await startServer({ service, rendererRoot: root, port: 0 })
    // A fresh workspace is open while the fuzz runs, so calls that need one get past that check
    // and reach validation with a workspace to damage; its files must not change.
    if (isCallName('workspace.create')) {
      const made = await post('/api/workspace.create', JSON.stringify({ dir: 'fuzz', by: 'fuzz' }))
      expect(made.status, made.body).toBe(200)
    }
    before = snapshot(workspaces)
    service.subscribe((event) => events.push(event))
  })
  afterAll(async () => {
    agent.destroy()
    await server.close()
    await service.close()
  })

  it('generates only invalid arguments (the filter works on every call)', () => {
    for (const name of CALL_NAMES) {
      const texts = fc.sample(hostileText(name), { seed: seedOf(name), numRuns: 40 })
      const invalid = texts.filter((t) => !isValid(name, t))
      expect(invalid.length, name).toBeGreaterThan(20)
    }
  })

  it.each(CALL_NAMES.map((n) => [n]))('%s: malformed arguments get a 4xx validation error', async (name) => {
    await fc.assert(
      fc.asyncProperty(hostileText(name), async (text) => {
        fc.pre(!isValid(name, text))
        const a = await post(`/api/${name}`, text)
        // 413 when the generated body is above the 1 MiB limit, 400 otherwise.
        expect([400, 413]).toContain(a.status)
        expectRefusal(a, ['invalid_argument'])
      }),
      { seed: seedOf(name), numRuns: RUNS }
    )
    await alive()
  })

  it.each(CALL_NAMES.map((n) => [n]))('%s: bodies that are not JSON get 400', async (name) => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 300 }),
          fc.constantFrom('{', '{"a":}', "{'a':1}", 'NaN', 'undefined', '{"a":1,}', '\u0000', '[1,2', '{"__proto__":')
        ),
        async (body) => {
          const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
          let parses = true
          try {
            JSON.parse(text)
          } catch {
            parses = false
          }
          fc.pre(!parses || !isValid(name, text))
          const a = await post(`/api/${name}`, body)
          expect(a.status).toBe(400)
          expectRefusal(a, ['invalid_argument'])
        }
      ),
      { seed: seedOf(`${name}#bytes`), numRuns: Math.ceil(RUNS / 4) }
    )
    await alive()
  })

  it('unknown, mangled and prototype call names get 404 unknown_call', async () => {
    const mangled = CALL_NAMES.flatMap((n) => [n.toUpperCase(), `${n} `, `${n}\u0000`, `../${n}`, `${n}/x`, `${n}.`])
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom(...PROTO_KEYS, ...mangled, ...TRAVERSAL)),
        async (name) => {
          fc.pre(!isCallName(name))
          const a = await post(`/api/${encodeURIComponent(name).replace(/\./g, '%2E')}`, '{}')
          if (a.status === 405) return // `/api/%2E%2E` is normalised to `/` by the URL parser: not an API call
          expect(a.status).toBe(404)
          expectRefusal(a, ['unknown_call'])
        }
      ),
      { seed: seedOf('#names'), numRuns: 200 }
    )
  })

  it('left no trace: workspace files unchanged, no job ran, Object.prototype clean, the service answers', async () => {
    if (isCallName('workspace.create')) expect(Object.keys(before)).toContain(join('fuzz', 'keizoku.db'))
    expect(snapshot(workspaces)).toEqual(before)
    expect(events).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false)
    await alive()
    const info = await post('/api/app.info', '{}')
    expect(info.status).toBe(200)
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, result: { host: 'browser' } })
  })
})
