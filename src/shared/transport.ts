import type { CallName, EventName } from './channels'
import type { CallArg, CallResult } from './api'
import type { EventPayload } from './events'

/**
 * One typed connection between a client and the service. The renderer has an IPC and an
 * HTTP+WebSocket implementation; tests and the CLI call the service directly.
 */
export interface Transport {
  invoke<N extends CallName>(name: N, arg: CallArg<N>): Promise<CallResult<N>>
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void
}

/** The envelope every host returns, so errors keep their code and hint across IPC. */
export type Envelope<R> =
  | { ok: true; result: R }
  | { ok: false; error: import('./errors').ErrorInfo }
