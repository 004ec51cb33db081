import type { Transport } from '@shared/transport'
import type { CallName, EventName } from '@shared/channels'
import { KeizokuError } from '@shared/errors'

type Handler = (arg: unknown) => unknown

/**
 * A Transport for component tests: answers calls from a table of handlers, records every call,
 * and lets a test emit service events. A call without a handler fails like the real service.
 */
export function fakeTransport(handlers: Partial<Record<CallName, Handler>>) {
  const calls: Array<{ name: CallName; arg: unknown }> = []
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const transport = {
    async invoke(name: CallName, arg: unknown) {
      calls.push({ name, arg })
      const h = handlers[name]
      if (!h) throw new KeizokuError('unknown_call', `no fake for ${name}`)
      return h(arg)
    },
    on(event: EventName, cb: (p: unknown) => void) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(cb)
      return () => set.delete(cb)
    }
  } as unknown as Transport
  const emit = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((cb) => cb(payload))
  return { transport, calls, emit }
}

export const flush = () => new Promise((r) => setTimeout(r, 0))
