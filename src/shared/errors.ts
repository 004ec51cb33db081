import type { ServiceMessage } from './messages'

/**
 * The one error shape that crosses every host boundary (IPC, HTTP, CLI). `message` names the
 * problem, `hint` says what to do, `detail` carries technical context that the UI folds away.
 */
export type ErrorCode =
  | 'invalid_argument'
  | 'unknown_call'
  | 'not_found'
  | 'conflict'
  | 'refused'
  | 'cancelled'
  | 'unavailable'
  | 'corrupt'
  | 'internal'

export interface ErrorInfo {
  code: ErrorCode
  message: string
  hint?: string
  detail?: string
  /** The message (and its hint) by code and values, for a UI in another language. */
  say?: ServiceMessage
}

export class KeizokuError extends Error {
  readonly code: ErrorCode
  readonly hint?: string
  readonly detail?: string
  readonly say?: ServiceMessage

  constructor(code: ErrorCode, message: string, opts: { hint?: string; detail?: string; say?: ServiceMessage } = {}) {
    super(message)
    this.name = 'KeizokuError'
    this.code = code
    this.hint = opts.hint
    this.detail = opts.detail
    this.say = opts.say
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message }
    if (this.hint) info.hint = this.hint
    if (this.detail) info.detail = this.detail
    if (this.say) info.say = this.say
    return info
  }

  static fromInfo(info: ErrorInfo): KeizokuError {
    return new KeizokuError(info.code, info.message, { hint: info.hint, detail: info.detail, say: info.say })
  }
}

/** Anything thrown becomes an ErrorInfo; unknown errors keep their message as detail. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof KeizokuError) return err.toInfo()
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const e = err as { code: unknown; message: unknown }
    if (typeof e.code === 'string' && typeof e.message === 'string' && isErrorCode(e.code)) {
      return err as ErrorInfo
    }
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err)
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'internal', message: `Unexpected internal error: ${message}`, detail }
}

const CODES: readonly ErrorCode[] = [
  'invalid_argument',
  'unknown_call',
  'not_found',
  'conflict',
  'refused',
  'cancelled',
  'unavailable',
  'corrupt',
  'internal'
]

function isErrorCode(code: string): code is ErrorCode {
  return (CODES as readonly string[]).includes(code)
}

/** HTTP status for each code, used by the browser-mode server. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_argument: 400,
  unknown_call: 404,
  not_found: 404,
  conflict: 409,
  refused: 422,
  cancelled: 409,
  unavailable: 503,
  corrupt: 500,
  internal: 500
}
