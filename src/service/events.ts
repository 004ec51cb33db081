import type { EventName } from '../shared/channels'
import type { EventPayload } from '../shared/events'

/** Every service event goes to every subscriber; hosts forward them to their clients. */
export type AnyEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export class EventHub {
  private listeners = new Set<AnyEventListener>()

  subscribe(listener: AnyEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload)
      } catch {
        // A broken client must not stop events reaching the others.
      }
    }
  }
}
