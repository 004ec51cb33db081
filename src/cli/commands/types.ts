import type { CliContext } from '../output'

export interface ParsedArgs {
  positionals: string[]
  values: Record<string, string | boolean | undefined>
}

export interface Command {
  name: string
  summary: string
  usage: string
  /** Flags this command accepts besides the global ones; `true` marks a boolean flag. */
  options: Record<string, { type: 'string' | 'boolean' }>
  run(args: ParsedArgs, ctx: CliContext): Promise<void>
}
