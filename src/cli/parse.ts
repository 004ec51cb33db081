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
