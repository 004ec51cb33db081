import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { HTTP_STATUS, KeizokuError, toErrorInfo } from '../shared/errors'
import type { Envelope } from '../shared/transport'
import type { Service } from '../service/service'
import { BadRequest, checkHost, checkOrigin, newToken, requestToken, requestUrl, sameToken, TOKEN_COOKIE } from './auth'
import { SECURITY_HEADERS } from './headers'
import { serveStatic } from './static'
import { UploadTooLarge } from '../service/upload'

/** Where the browser sends a file for the import wizard (see `upload` below). */
export const UPLOAD_PATH = '/api/upload'

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
  /** The URL to print: always the IPv4 loopback address, token included. */
  url: string
  port: number
  token: string
  /** Every address actually listened on: 127.0.0.1, and ::1 where IPv6 loopback exists. */
  addresses: string[]
  close(): Promise<void>
}

/** A request body larger than the limit: answered with 413, not a validation error. */
class BodyTooLarge extends KeizokuError {
  constructor(message: string) {
    super('invalid_argument', message, { hint: 'Send less data per call; large files are imported by path.' })
  }
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
    const url = requestUrl(req, port)
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
    if (url.pathname === '/api/events') return void res.writeHead(426, { upgrade: 'websocket' }).end('Use a WebSocket')
    if (url.pathname === UPLOAD_PATH) {
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end('Use POST')
      return upload(url, req, res)
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end('Use POST')
      return apiCall(url.pathname.slice(5), req, res)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end()
    serveStatic(opts.rendererRoot, url.pathname, res, req.method === 'HEAD')
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
      envelope = { ok: true, result: await opts.service.call(callName(name), arg) }
    } catch (err) {
      const error = toErrorInfo(err)
      status = err instanceof BodyTooLarge ? 413 : HTTP_STATUS[error.code]
      envelope = { ok: false, error }
      // The rest of an oversized body is not read: close the connection after answering.
      if (status === 413) res.setHeader('connection', 'close')
    }
    sendEnvelope(res, status, envelope)
  }

  /**
   * POST /api/upload?name=<file name>, the raw file as the body (application/octet-stream, so no
   * cross-site form can send one). The service streams it into the imports folder; a body over
   * the limit is refused from its Content-Length before a byte is read, or as soon as it grows past it.
   */
  const upload = async (url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let envelope: Envelope<unknown>
    let status = 200
    try {
      if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
        throw new KeizokuError('invalid_argument', 'Uploads must send Content-Type: application/octet-stream.')
      }
      const name = url.searchParams.get('name')
      if (name === null) throw new KeizokuError('invalid_argument', 'The upload names no file: add ?name=<file name>.')
      const limit = opts.service.uploadLimit()
      const declared = Number(req.headers['content-length'] ?? 0)
      if (limit !== null && declared > limit) throw new UploadTooLarge(limit, name)
      envelope = { ok: true, result: await opts.service.upload(name, req) }
    } catch (err) {
      const error = toErrorInfo(err)
      status = err instanceof UploadTooLarge ? 413 : HTTP_STATUS[error.code]
      envelope = { ok: false, error }
      // Whatever of the body was not read is not wanted: close the connection after answering.
      if (!req.complete) res.setHeader('connection', 'close')
    }
    sendEnvelope(res, status, envelope)
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  /** Why an upgrade is refused, or undefined; a head that cannot be read is 400, whatever it held. */
  const upgradeRefusal = (req: IncomingMessage): string | undefined => {
    try {
      const url = requestUrl(req, port)
      if (url.pathname !== '/api/events') return '404 Not Found'
      if (!checkHost(req, port) || !checkOrigin(req, port)) return '403 Forbidden'
      return sameToken(requestToken(req, url), token) ? undefined : '401 Unauthorized'
    } catch {
      return '400 Bad Request'
    }
  }
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Errors on this raw socket (a peer resetting mid-handshake) must not reach the process.
    socket.on('error', () => undefined)
    const refusal = upgradeRefusal(req)
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    // handleUpgrade itself answers a bad handshake (version, key) with 400.
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('message', () => ws.close(1008, 'events are one-way'))
      // On a protocol error (e.g. a frame above maxPayload) ws has already started closing that
      // socket with the matching code (1009); without a listener it would also rethrow the error
      // and end the whole server.
      ws.on('error', () => undefined)
    })
  }

  const makeServer = (): Server => {
    const server = createHttpServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
      handle(req, res).catch((err) => {
        if (res.headersSent) return
        if (err instanceof BadRequest)
          res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(err.message)
        else res.writeHead(500).end(String(err instanceof Error ? err.message : err))
      })
    })
    server.requestTimeout = 60_000
    server.headersTimeout = 10_000
    server.on('upgrade', upgrade)
    return server
  }

  // IPv4 loopback first (its port is the one printed), then the same port on IPv6 loopback so
  // that `localhost` resolving to ::1 reaches this server and not another process.
  const servers: Server[] = []
  const v4 = makeServer()
  await listen(v4, opts.port ?? 0, '127.0.0.1')
  servers.push(v4)
  port = (v4.address() as AddressInfo).port
  const addresses = ['127.0.0.1']
  const v6 = makeServer()
  try {
    await listen(v6, port, '::1')
    servers.push(v6)
    addresses.push('::1')
  } catch {
    // No IPv6 loopback on this machine (or the port is taken there): IPv4 alone is enough.
  }

  return {
    port,
    token,
    addresses,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
      await Promise.all(
        servers.map((s) => {
          s.closeAllConnections()
          return new Promise<void>((r) => s.close(() => r()))
        })
      )
    }
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port, host, ipv6Only: host === '::1' }, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  if (res.headersSent || res.destroyed) return
  const text = JSON.stringify(envelope)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text)
  })
  res.end(text)
}

/** The call name from the URL; an undecodable escape is an unknown call, not a crash. */
function callName(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) {
      reject(new BodyTooLarge(`Request body of ${declared} bytes exceeds the limit of ${limit} bytes.`))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new BodyTooLarge(`Request body exceeds the limit of ${limit} bytes.`))
        req.removeAllListeners('data')
        req.pause()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
