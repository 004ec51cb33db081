import os from 'node:os'
import { Service } from '../../service/service'
import type { TaskRecord } from '../../shared/domain/records'
import { requirePositional, stringOption } from '../parse'
import type { ParsedArgs } from './types'

/** Who the audit log names for CLI actions: cli:<login name>. */
export function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`
  } catch {
    return 'cli'
  }
}

export function describeTask(t: TaskRecord): string {
  const shape = t.inputShape.length === 1 ? `${t.inputShape[0]} features` : `${t.inputShape.join('×')} input`
  const hold =
    t.holdout.mode === 'grouped'
      ? `holdout grouped by ${t.schema.groupBy}: ${t.holdout.testGroups?.length ?? 0} of ${(t.holdout.testGroups?.length ?? 0) + (t.holdout.trainGroups?.length ?? 0)} groups`
      : t.holdout.mode === 'stratified'
        ? `holdout ${Math.round(t.holdout.fraction * 100)} % stratified (seed ${t.holdout.seed})`
        : t.holdout.mode === 'benchmark'
          ? "the benchmark's own test split"
          : 'no holdout'
  return [
    `Task ${t.seq} "${t.name}" (id ${t.id}): ${t.nTrain} training / ${t.nTest} holdout samples, ${shape}, ${t.numClasses} classes (${t.classNames.join(', ')})`,
    `  ${hold}; training data ${t.keepTrain ? 'kept' : 'dropped'} after learning`
  ].join('\n')
}

/** Runs `fn` on a CLI-hosted service and always closes it. */
export async function withService<T>(fn: (s: Service) => Promise<T>): Promise<T> {
  const service = new Service({ host: 'cli' })
  try {
    return await fn(service)
  } finally {
    await service.close()
  }
}

/** Opens DIR (the first positional) in a CLI-hosted service, runs `fn`, and always closes it. */
export async function withWorkspace<T>(
  args: ParsedArgs,
  usage: string,
  fn: (s: Service, by: string) => Promise<T>
): Promise<T> {
  const dir = requirePositional(args, 0, 'the workspace folder DIR', usage)
  const by = stringOption(args, 'by') ?? cliActor()
  return withService(async (service) => {
    await service.invoke('workspace.open', { dir, by })
    return fn(service, by)
  })
}
