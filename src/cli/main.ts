import { parseArgs } from 'node:util'
import { baselinesCommand } from './commands/baselines'
import { benchCommand } from './commands/bench'
import { checkCommand } from './commands/check'
import { hscoreCommand } from './commands/hscore'
import { infoCommand } from './commands/info'
import { initCommand } from './commands/init'
import { metricsCommand } from './commands/metrics'
import { selfTestCommand } from './commands/selfTest'
import { PIPELINE_COMMANDS } from './commands/pipeline'
import { reportCommand } from './commands/report'
import { serveCommand } from './commands/serve'
import { taskAddCommand } from './commands/taskAdd'
import { taskListCommand } from './commands/taskList'
import type { Command } from './commands/types'
import { reportError, usageError, type CliContext } from './output'

/** Every command; `keizoku help` lists them in this order. */
export const COMMANDS: Command[] = [
  infoCommand,
  selfTestCommand,
  serveCommand,
  benchCommand,
  initCommand,
  taskAddCommand,
  taskListCommand,
  checkCommand,
  hscoreCommand,
  metricsCommand,
  ...PIPELINE_COMMANDS,
  baselinesCommand,
  reportCommand
]

function help(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'Usage: keizoku <command> [options]   (--json for machine-readable output, --debug for stack traces)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`)
  ].join('\n')
}

/** Commands with a sub-verb (`task add`) are registered under their joined name. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const two = `${argv[0]} ${argv[1]}`
  const byTwo = COMMANDS.find((c) => c.name === two)
  if (byTwo) return { command: byTwo, rest: argv.slice(2) }
  const byOne = COMMANDS.find((c) => c.name === argv[0])
  return byOne ? { command: byOne, rest: argv.slice(1) } : undefined
}

export async function runCli(argv: string[], io: Pick<CliContext, 'out' | 'err'>): Promise<number> {
  const ctx: CliContext = { json: argv.includes('--json'), debug: argv.includes('--debug'), ...io }
  try {
    if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
      io.out(help())
      return 0
    }
    const found = findCommand(argv)
    if (!found) throw usageError(`Unknown command "${argv[0]}".`, 'Run `keizoku help` to list the commands.')
    const { command, rest } = found
    if (rest.includes('--help')) {
      io.out(`${command.usage}\n\n${command.summary}`)
      return 0
    }
    let parsed
    try {
      parsed = parseArgs({
        args: rest,
        allowPositionals: true,
        strict: true,
        options: { ...command.options, json: { type: 'boolean' }, debug: { type: 'boolean' } }
      })
    } catch (err) {
      throw usageError(err instanceof Error ? err.message : String(err), `Usage: ${command.usage}`)
    }
    await command.run(
      { positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> },
      ctx
    )
    return 0
  } catch (err) {
    return reportError(ctx, err)
  }
}
