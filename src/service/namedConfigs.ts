import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { KeizokuError } from '../shared/errors'
import { say } from '../shared/messages'
import { resourcesDir } from './resources'

/**
 * Named engine configs: `resources/configs/NAME.json`, partial configs over the defaults, so a
 * published number can be replayed with `--config NAME` (e.g. `authors-pmnist`, the authors'
 * Permuted-MNIST setup; `product-defaults`, the shipped defaults written out in full).
 */
export function configsDir(): string {
  return join(resourcesDir(), 'configs')
}

export function namedConfigNames(): string[] {
  const dir = configsDir()
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort()
}

export interface LoadedConfig {
  /** The config's name when `arg` named a shipped config, else null. */
  name: string | null
  /** The file read. */
  path: string
  config: Record<string, unknown>
}

/** `arg` is a shipped config's name (letters, digits, '-', '_') or a path to a JSON file. */
export function loadConfigArg(arg: string): LoadedConfig {
  const isName = /^[A-Za-z0-9_-]+$/.test(arg)
  const path = isName ? join(configsDir(), `${arg}.json`) : arg
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    const names = namedConfigNames()
    throw new KeizokuError(
      'not_found',
      isName ? `There is no named config "${arg}".` : `Cannot read the config file ${path}: ${(err as Error).message}`,
      {
        hint: `Give a path to a JSON file or one of the named configs: ${names.join(', ') || '(none installed)'}.`,
        say: isName
          ? say('config.no_named', { name: arg, names: names.join(', ') || '—' })
          : say('config.unreadable', { path, reason: (err as Error).message, names: names.join(', ') || '—' })
      }
    )
  }
  let config: unknown
  try {
    config = JSON.parse(text)
  } catch (err) {
    throw new KeizokuError('invalid_argument', `The config ${path} is not valid JSON: ${(err as Error).message}`, {
      hint: 'Pass a JSON object such as {"steps": 500}.',
      say: say('config.not_json', { path, reason: (err as Error).message })
    })
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new KeizokuError('invalid_argument', `The config ${path} must be a JSON object.`, {
      hint: 'Pass a JSON object such as {"steps": 500}; omitted fields take their defaults.',
      say: say('config.not_object', { path })
    })
  }
  return { name: isName ? arg : null, path, config: config as Record<string, unknown> }
}
