import { KeizokuError } from '@shared/errors'
import { say } from '@shared/messages'
import type { Envelope, Transport } from '@shared/transport'
import { unwrap } from './envelope'

type Listener = (payload: unknown) => void

/**
 * Browser mode: calls are POST /api/<name>; events arrive over one WebSocket, reconnected with
 * backoff. The token travels in the HttpOnly cookie the server set on the first page load.
 */
export function httpTransport(base: string = location.origin): Transport {
  const listeners = new Map<string, Set<Listener>>()
  let socket: WebSocket | undefined
  let retry = 250

  const connect = (): void => {
    socket = new WebSocket(base.replace(/^http/, 'ws') + '/api/events')
    socket.onopen = () => (retry = 250)
    socket.onmessage = (m) => {
      const { event, payload } = JSON.parse(String(m.data)) as { event: string; payload: unknown }
      listeners.get(event)?.forEach((cb) => cb(payload))
    }
    socket.onclose = () => {
      socket = undefined
      setTimeout(connect, retry)
      retry = Math.min(retry * 2, 5000)
    }
  }
  connect()

  return {
    async invoke(name, arg) {
      let res: Response
      try {
        res = await fetch(`${base}/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(arg ?? {}),
          credentials: 'same-origin'
        })
      } catch (err) {
        throw new KeizokuError('unavailable', 'Keizoku’s server does not answer. Is `npm run serve` still running?', {
          detail: String(err),
          say: say('server_unreachable')
        })
      }
      if (res.status === 401) {
        throw new KeizokuError('refused', 'This page is not signed in to the Keizoku server.', {
          hint: 'Open the link with the token that `npm run serve` printed.',
          say: say('not_signed_in')
        })
      }
      return unwrap((await res.json()) as Envelope<never>)
    },
    on(event, cb) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(cb as Listener)
      return () => set.delete(cb as Listener)
    }
  } as Transport
}
