import type { Method } from '@shared/types'

/** Methods in the order the Train screen offers them; hemb (H-score-guided hypernetwork) is the default. */
export const METHODS: readonly Method[] = ['hemb', 'hnet', 'hnet-random', 'finetune', 'independent', 'ewc']

/**
 * The settings the Train screen exposes, with the engine's defaults (mirrors defaultEngineConfig
 * in src/engine/config.ts; the engine validates every value, so a stale default is caught there).
 * `path` is where the value sits in the engine config object.
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

export const SETTING_FIELDS: readonly SettingField[] = [
  { key: 'beta', path: ['beta'], default: 0.05, min: 0, step: 0.01, integer: false },
  { key: 'betaEmb', path: ['betaEmb'], default: 0.2, min: 0, step: 0.05, integer: false },
  {
    key: 'chunkSize',
    path: ['hnet', 'chunkSize'],
    default: 2000,
    min: 1,
    step: 100,
    integer: true,
    fixedByFirstTask: true
  },
  { key: 'hembSteps', path: ['hembSteps'], default: 2000, min: 1, step: 100, integer: true },
  { key: 'lr', path: ['lr'], default: 0.001, min: 0.000001, step: 0.0005, integer: false },
  { key: 'batchSize', path: ['batchSize'], default: 128, min: 1, step: 16, integer: true }
]
export const DEFAULT_STEPS = 1000
export const DEFAULT_SEED = 0

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
