import { KeizokuError, toErrorInfo } from '../shared/errors'

export interface CliContext {
  json: boolean
  debug: boolean
  out: (text: string) => void
  err: (text: string) => void
}

/** With --json: exactly one JSON document on stdout. Otherwise the human form. */
export function emit(ctx: CliContext, data: unknown, human: () => string): void {
  ctx.out(ctx.json ? JSON.stringify(data, null, 2) : human())
}

export function usageError(message: string, hint?: string): KeizokuError {
  return new KeizokuError('invalid_argument', message, { hint })
}

/** One line on stderr; the stack only with --debug. */
export function reportError(ctx: CliContext, err: unknown): number {
  const info = toErrorInfo(err)
  ctx.err(`keizoku: ${info.message}${info.hint ? ` ${info.hint}` : ''}`)
  if (ctx.debug && info.detail) ctx.err(info.detail)
  if (ctx.debug && err instanceof Error && err.stack && !info.detail) ctx.err(err.stack)
  return info.code === 'invalid_argument' || info.code === 'unknown_call' ? 2 : 1
}

export function table(rows: Array<Array<string | number>>): string {
  const widths: number[] = []
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c).length)))
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()).join('\n')
}
