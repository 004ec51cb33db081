import { KeizokuError } from '../shared/errors'
import { TRANSFER_ESTIMATORS } from '../shared/transferability'
import type { SettingsPatch, WorkspaceSettings } from '../shared/domain/records'
import { say } from '../shared/messages'

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  name: 'Workspace',
  language: 'en',
  policy: { maxOldTaskDrop: 1.0, minNewTaskAccuracy: 0.0 },
  costs: { computePerHour: 1.0, storagePerGBMonth: 0.02, valuePerAccuracyPoint: 100, currency: 'USD' },
  transferEstimator: 'auto'
}

type Check = [path: string, ok: boolean, what: string]

/** Hand-written checks (no schema library: this module loads in every CLI start and crash-test child). */
function problems(v: WorkspaceSettings): Check[] {
  const num = (x: unknown, min: number, max = Infinity): boolean =>
    typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max
  return [
    [
      'name',
      typeof v.name === 'string' && v.name.trim().length >= 1 && v.name.length <= 200,
      'must be 1 to 200 characters'
    ],
    ['language', v.language === 'en' || v.language === 'ja', "must be 'en' or 'ja'"],
    [
      'policy.maxOldTaskDrop',
      num(v.policy.maxOldTaskDrop, 0, 100),
      'must be a number of accuracy points from 0 to 100'
    ],
    ['policy.minNewTaskAccuracy', num(v.policy.minNewTaskAccuracy, 0, 1), 'must be a fraction from 0 to 1'],
    ['costs.computePerHour', num(v.costs.computePerHour, 0), 'must be a number ≥ 0'],
    ['costs.storagePerGBMonth', num(v.costs.storagePerGBMonth, 0), 'must be a number ≥ 0'],
    ['costs.valuePerAccuracyPoint', num(v.costs.valuePerAccuracyPoint, 0), 'must be a number ≥ 0'],
    [
      'costs.currency',
      typeof v.costs.currency === 'string' && /^[A-Z]{3}$/.test(v.costs.currency),
      'must be a 3-letter ISO 4217 code such as USD or JPY'
    ],
    [
      'transferEstimator',
      v.transferEstimator === 'auto' || (TRANSFER_ESTIMATORS as readonly string[]).includes(v.transferEstimator),
      `must be 'auto' or one of ${TRANSFER_ESTIMATORS.join(', ')}`
    ]
  ]
}

const KNOWN: Record<string, readonly string[]> = {
  '': ['name', 'language', 'policy', 'costs', 'transferEstimator'],
  policy: ['maxOldTaskDrop', 'minNewTaskAccuracy'],
  costs: ['computePerHour', 'storagePerGBMonth', 'valuePerAccuracyPoint', 'currency']
}

/** Merge a patch into settings and validate the result; a bad value throws invalid_argument naming the field. */
export function mergeSettings(base: WorkspaceSettings, patch: SettingsPatch): WorkspaceSettings {
  const merged = {
    ...base,
    ...patch,
    policy: { ...base.policy, ...(patch.policy ?? {}) },
    costs: { ...base.costs, ...(patch.costs ?? {}) }
  }
  for (const [group, keys] of Object.entries(KNOWN)) {
    const obj = (group === '' ? patch : (patch as Record<string, unknown>)[group]) as
      Record<string, unknown> | undefined
    for (const k of Object.keys(obj ?? {})) {
      if (!keys.includes(k)) {
        throw new KeizokuError('invalid_argument', `Unknown setting ${group ? `${group}.` : ''}${k}.`, {
          hint: `Known: ${keys.join(', ')}.`,
          say: say('unknown_setting', { key: `${group ? `${group}.` : ''}${k}`, known: keys.join(', ') })
        })
      }
    }
  }
  const bad = problems(merged).find(([, ok]) => !ok)
  if (bad) {
    throw new KeizokuError('invalid_argument', `Invalid setting ${bad[0]}: it ${bad[2]}.`, {
      hint: 'Policy drops are accuracy points 0…100, minimum accuracy a fraction 0…1, currency a 3-letter code.',
      say: say('invalid_setting', { key: bad[0] })
    })
  }
  return merged
}

/** Settings read from the database, filled up with defaults for fields added later. */
export function settingsFromJson(json: string): WorkspaceSettings {
  const raw = JSON.parse(json) as SettingsPatch
  return mergeSettings(DEFAULT_SETTINGS, raw)
}
