import { defaultEngineConfig } from '@shared/domain/engineConfig'

/**
 * The settings the Train screen exposes; their defaults are read from defaultEngineConfig in the
 * shared contract, the one the service and the CLI use. `path` is where the value sits in the
 * engine config object.
 */
export interface SettingField {
  key: 'beta' | 'betaEmb' | 'chunkSize' | 'hembSteps' | 'lr' | 'batchSize'
  path: string[]
  default: number
  min: number
  step: number
  integer: boolean
  /** Part of the network's shape: set by the first trained task, the same for every later one. */
  fixedByFirstTask?: boolean
}

const d = defaultEngineConfig
export const SETTING_FIELDS: readonly SettingField[] = [
  { key: 'beta', path: ['beta'], default: d.beta, min: 0, step: 0.01, integer: false },
  { key: 'betaEmb', path: ['betaEmb'], default: d.betaEmb, min: 0, step: 0.05, integer: false },
  {
    key: 'chunkSize',
    path: ['hnet', 'chunkSize'],
    default: d.hnet.chunkSize,
    min: 1,
    step: 100,
    integer: true,
    fixedByFirstTask: true
  },
  { key: 'hembSteps', path: ['hembSteps'], default: d.hembSteps, min: 1, step: 100, integer: true },
  { key: 'lr', path: ['lr'], default: d.lr, min: 0.000001, step: 0.0005, integer: false },
  { key: 'batchSize', path: ['batchSize'], default: d.batchSize, min: 1, step: 16, integer: true }
]
export const DEFAULT_STEPS = d.steps

/** Only the fields that differ from the defaults travel, nested as the engine config expects. */
export function configFrom(values: Record<string, number | null>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of SETTING_FIELDS) {
    const v = values[f.key]
    if (v === null || v === undefined || v === f.default) continue
    let o = out
    for (const k of f.path.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>
    o[f.path[f.path.length - 1]] = v
  }
  return out
}
