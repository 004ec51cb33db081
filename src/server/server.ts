import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { HTTP_STATUS, KeizokuError, toErrorInfo } from '../shared/errors'
import type { Envelope } from '../shared/transport'
import type { Service } from '../service/service'
import { checkHost, checkOrigin, newToken, requestToken, sameToken, TOKEN_COOKIE } from './auth'
import { serveStatic } from './static'

export interface ServerOptions {
  service: Service
  /** Folder of the built renderer (out/renderer). */
  rendererRoot: string
  /** 0 picks a free port. */
  port?: number
  /** Largest accepted request body. */
  maxBodyBytes?: number
}

export interface RunningServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin'
}

/**
 * Browser mode: the same service over HTTP (POST /api/<call>) and WebSocket (/api/events),
 * bound to loopback only, every request authenticated with a per-start token.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = newToken()
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024
  let port = 0
  const sockets = new Set<WebSocket>()

  const unsubscribe = opts.service.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload })
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text)
  })

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v)
    if (!checkHost(req, port)) return void res.writeHead(403).end('Forbidden host')
    if (!checkOrigin(req, port)) return void res.writeHead(403).end('Forbidden origin')
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const given = requestToken(req, url)
    if (!sameToken(given, token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' })
      return void res.end('Keizoku needs the link with its token: open the URL that `npm run serve` printed.')
    }
    if (url.searchParams.has('token')) {
      // Move the token from the address bar into an HttpOnly cookie, then drop it from the URL.
      res.setHeader('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`)
      return void res.writeHead(303, { location: '/' }).end()
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end('Use POST')
      return apiCall(url.pathname.slice(5), req, res)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end()
    serveStatic(opts.rendererRoot, url.pathname, res)
  }

  const apiCall = async (name: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let envelope: Envelope<unknown>
    let status = 200
    try {
      const type = req.headers['content-type'] ?? ''
      if (!type.startsWith('application/json')) {
        throw new KeizokuError('invalid_argument', 'API requests must send Content-Type: application/json.')
      }
      const body = await readBody(req, maxBody)
      let arg: unknown
      try {
        arg = body.length === 0 ? {} : JSON.parse(body)
      } catch {
        throw new KeizokuError('invalid_argument', 'The request body is not valid JSON.')
      }
      envelope = { ok: true, result: await opts.service.call(decodeURIComponent(name), arg) }
    } catch (err) {
      const error = toErrorInfo(err)
      status = HTTP_STATUS[error.code]
      envelope = { ok: false, error }
    }
    if (res.headersSent) return
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    res.end(JSON.stringify(envelope))
  }

  const server: Server = createHttpServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500).end(String(err instanceof Error ? err.message : err))
    })
  })
  server.requestTimeout = 60_000
  server.headersTimeout = 10_000

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const ok =
      url.pathname === '/api/events' && checkHost(req, port) && checkOrigin(req, port) && sameToken(requestToken(req, url), token)
    if (!ok) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('message', () => ws.close(1008, 'events are one-way'))
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) {
      reject(new KeizokuError('invalid_argument', `Request body of ${declared} bytes exceeds the limit of ${limit} bytes.`))
      req.resume()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new KeizokuError('invalid_argument', `Request body exceeds the limit of ${limit} bytes.`))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
