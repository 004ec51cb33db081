import { connect } from 'node:net'

/** One HTTP reply as read off the wire. */
export interface RawReply {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * Sends exact bytes over a fresh TCP connection and parses the reply. Used instead of
 * node:http so tests can send what a browser never would: no Host, raw `..`, backslashes,
 * forged Origin, oversized bodies. `error` is set when the server closed the connection
 * before a reply could be read.
 */
export function rawRequest(
  port: number,
  head: string,
  body: string | Buffer = '',
  host = '127.0.0.1'
): Promise<RawReply & { error?: string }> {
  return new Promise((resolve) => {
    const socket = connect({ port, host })
    const chunks: Buffer[] = []
    let error: string | undefined
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message))
    socket.on('close', () => resolve({ ...parse(Buffer.concat(chunks).toString('latin1')), error }))
    socket.write(head.replace(/\n/g, '\r\n') + '\r\n', 'latin1')
    if (body.length > 0) socket.write(body)
  })
}

function parse(text: string): RawReply {
  const end = text.indexOf('\r\n\r\n')
  if (end < 0) return { status: 0, headers: {}, body: text }
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n')
  const headers: Record<string, string> = {}
  for (const l of lines) {
    const i = l.indexOf(':')
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim()
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) }
}

/** A request head with Connection: close and the given extra header lines. */
export function head(method: string, path: string, lines: string[]): string {
  return [`${method} ${path} HTTP/1.1`, ...lines, 'Connection: close', ''].join('\n')
}
