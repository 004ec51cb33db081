import type { EventName } from './channels'
import type { JobProgress, JobView, ProgressEvent } from './types'

/** Events flow from the service up to every connected client. */
export interface EventMap {
  'selfTest.progress': ProgressEvent
  /** Training progress, at most a few per second per job. */
  'job.progress': JobProgress
  /** A job changed status (queued, running, succeeded, failed, cancelled, interrupted). */
  'job.updated': JobView
  /** Something in the open workspace changed; clients reload what `what` names. */
  'workspace.changed': { dir: string; what: 'tasks' | 'versions' | 'settings' | 'transfer' | 'audit' | 'workspace' }
}

// Compile-time check that EventMap and EVENT_NAMES list the same names.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
export const eventNamesMatch: Same<keyof EventMap, EventName> = true

export type EventPayload<E extends EventName> = EventMap[E]
