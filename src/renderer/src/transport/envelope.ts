import { KeizokuError } from '@shared/errors'
import type { Envelope } from '@shared/transport'

/** Result of a call, or the service's error rethrown with its code and hint intact. */
export function unwrap<R>(env: Envelope<R>): R {
  if (env.ok) return env.result
  throw KeizokuError.fromInfo(env.error)
}
