import type { EventName } from './channels'
import type { ProgressEvent } from './types'

/** Events flow from the service up to every connected client. */
export interface EventMap {
  'selfTest.progress': ProgressEvent
}

// Compile-time check that EventMap and EVENT_NAMES list the same names.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
export const eventNamesMatch: Same<keyof EventMap, EventName> = true

export type EventPayload<E extends EventName> = EventMap[E]
