import { METHODS, type Method } from '../shared/domain/methods'
import type { ParsedArgs } from './commands/types'
import { usageError } from './output'

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name]
  return typeof v === 'string' ? v : undefined
}

export function requireString(args: ParsedArgs, name: string, usage: string): string {
  const v = stringOption(args, name)
  if (v === undefined || v === '') throw usageError(`--${name} is required.`, `Usage: ${usage}`)
  return v
}

export function intOption(args: ParsedArgs, name: string, fallback: number): number {
  const v = stringOption(args, name)
  if (v === undefined) return fallback
  if (!/^-?\d+$/.test(v)) throw usageError(`--${name} must be a whole number, got "${v}".`)
  return Number(v)
}

export function numberOption(args: ParsedArgs, name: string, fallback: number): number {
  const v = stringOption(args, name)
  if (v === undefined) return fallback
  const n = Number(v)
  if (v.trim() === '' || !Number.isFinite(n)) throw usageError(`--${name} must be a number, got "${v}".`)
  return n
}

export function requirePositional(args: ParsedArgs, index: number, what: string, usage: string): string {
  const v = args.positionals[index]
  if (!v) throw usageError(`Missing ${what}.`, `Usage: ${usage}`)
  return v
}

/** A comma-separated option's items (blanks dropped); undefined when absent; an empty list is a usage error. */
function listOption(args: ParsedArgs, name: string, usage: string): string[] | undefined {
  const text = stringOption(args, name)
  if (text === undefined) return undefined
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (items.length === 0) throw usageError(`--${name} is empty.`, `Usage: ${usage}`)
  return items
}

/** `--methods hemb,hnet`: method names from METHODS. */
export function methodsOption(args: ParsedArgs, usage: string): Method[] | undefined {
  return listOption(args, 'methods', usage)?.map((s) => {
    if (!(METHODS as readonly string[]).includes(s))
      throw usageError(`Unknown method "${s}" in --methods.`, `Use any of ${METHODS.join(', ')}.`)
    return s as Method
  })
}

/** `--seeds 1,2,3`: whole numbers ≥ 0. */
export function seedsOption(args: ParsedArgs, usage: string): number[] | undefined {
  return listOption(args, 'seeds', usage)?.map((s) => {
    if (!/^\d+$/.test(s))
      throw usageError(`--seeds must be whole numbers ≥ 0 separated by commas, got "${s}".`, `Usage: ${usage}`)
    return Number(s)
  })
}
