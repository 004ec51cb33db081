import { z } from 'zod'
import { KeizokuError } from '../shared/errors'
import type { SettingsPatch, WorkspaceSettings } from './types'

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  name: 'Workspace',
  language: 'en',
  policy: { maxOldTaskDrop: 1.0, minNewTaskAccuracy: 0.0 },
  costs: { computePerHour: 1.0, storagePerGBMonth: 0.02, valuePerAccuracyPoint: 100, currency: 'USD' }
}

const settingsSchema = z
  .object({
    name: z.string().min(1).max(200),
    language: z.enum(['en', 'ja']),
    policy: z
      .object({
        maxOldTaskDrop: z.number().min(0).max(100),
        minNewTaskAccuracy: z.number().min(0).max(1)
      })
      .strict(),
    costs: z
      .object({
        computePerHour: z.number().min(0),
        storagePerGBMonth: z.number().min(0),
        valuePerAccuracyPoint: z.number().min(0),
        currency: z.string().regex(/^[A-Z]{3}$/)
      })
      .strict()
  })
  .strict()

/** Merge a patch into settings and validate the result; a bad value throws invalid_argument naming the field. */
export function mergeSettings(base: WorkspaceSettings, patch: SettingsPatch): WorkspaceSettings {
  const merged = {
    ...base,
    ...patch,
    policy: { ...base.policy, ...(patch.policy ?? {}) },
    costs: { ...base.costs, ...(patch.costs ?? {}) }
  }
  const parsed = settingsSchema.safeParse(merged)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new KeizokuError('invalid_argument', `Invalid setting ${issue.path.join('.')}: ${issue.message}.`, {
      hint: 'Policy drops are accuracy points 0…100, minimum accuracy a fraction 0…1, currency a 3-letter code.'
    })
  }
  return parsed.data
}

/** Settings read from the database, filled up with defaults for fields added later. */
export function settingsFromJson(json: string): WorkspaceSettings {
  const raw = JSON.parse(json) as SettingsPatch
  return mergeSettings(DEFAULT_SETTINGS, raw)
}
