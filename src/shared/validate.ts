import type { z } from 'zod'
import { api, type ParsedArg } from './api'
import { isCallName, type CallName } from './channels'
import { KeizokuError } from './errors'
import { say } from './messages'

/** Turns a zod issue path into `a.b[2]` so an error names the exact field. */
function issuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p)
  return out || '(argument)'
}

/** Longest single issue in an error message: a hostile 100 kB key is named, not echoed. */
const MAX_ISSUE_CHARS = 240

function clip(text: string): string {
  return text.length <= MAX_ISSUE_CHARS ? text : `${text.slice(0, MAX_ISSUE_CHARS - 1)}…`
}

export function formatIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string {
  return issues
    .slice(0, 5)
    .map((i) => clip(`${issuePath(i.path)}: ${i.message}`))
    .join('; ')
}

/** Validates a raw argument for a call; throws KeizokuError('invalid_argument') naming the field. */
export function parseArg<N extends CallName>(name: N, raw: unknown): ParsedArg<N> {
  const res = api[name].arg.safeParse(raw === undefined ? {} : raw)
  if (!res.success) {
    throw new KeizokuError('invalid_argument', `Invalid argument for ${name}: ${formatIssues(res.error.issues)}`, {
      hint: 'Check the values you entered; the field named above is the one to correct.',
      say: say('invalid_argument', { call: name, issues: formatIssues(res.error.issues) })
    })
  }
  return res.data as ParsedArg<N>
}

export function assertCallName(name: unknown): CallName {
  if (!isCallName(name)) {
    const shown = typeof name === 'string' ? name.slice(0, 80) : typeof name
    throw new KeizokuError('unknown_call', `Unknown API call: ${shown}`, {
      hint: 'The client and the app versions may differ; restart the app.'
    })
  }
  return name
}
