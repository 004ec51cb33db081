import type { VersionView } from '@shared/types'

/** Engine settings as flat `a.b.c` keys with their values as text (arrays and objects as JSON). */
export function flattenConfig(config: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(config)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [kk, vv] of flattenConfig(v as Record<string, unknown>, key)) out.set(kk, vv)
    } else {
      out.set(key, typeof v === 'string' ? v : JSON.stringify(v))
    }
  }
  return out
}

export interface ConfigChange {
  key: string
  /** Value in the first (older, or parent) config; null where it has no such setting. */
  a: string | null
  b: string | null
}

/** The settings that differ between two configs, by key in alphabetical order. */
export function configDiff(a: Record<string, unknown>, b: Record<string, unknown>): ConfigChange[] {
  const fa = flattenConfig(a)
  const fb = flattenConfig(b)
  const keys = [...new Set([...fa.keys(), ...fb.keys()])].sort()
  return keys
    .filter((k) => fa.get(k) !== fb.get(k))
    .map((key) => ({ key, a: fa.get(key) ?? null, b: fb.get(key) ?? null }))
}

export interface TaskAccuracyRow {
  taskId: number
  name: string
  /** Holdout accuracy (0…1) under each version, null where that version has not learned the task. */
  accuracy: Array<number | null>
  /** Relative output drift of the task's generated weights under each version, against its parent. */
  drift: Array<number | null>
}

/** One row per task any of the versions learned (in learning order), with each version's accuracy and drift. */
export function accuracyByTask(versions: VersionView[], names: Map<number, string>): TaskAccuracyRow[] {
  const ids: number[] = []
  for (const v of versions) for (const id of v.taskIds) if (!ids.includes(id)) ids.push(id)
  return ids.map((taskId) => ({
    taskId,
    name: names.get(taskId) ?? `#${taskId}`,
    accuracy: versions.map((v) => {
      const i = v.taskIds.indexOf(taskId)
      return i >= 0 && typeof v.accuracyRow[i] === 'number' ? v.accuracyRow[i] : null
    }),
    drift: versions.map((v) => {
      const i = v.taskIds.indexOf(taskId)
      return i >= 0 ? (v.drift?.[i] ?? null) : null
    })
  }))
}

/** Training steps and seconds of a version's job, from its stored metrics and timings. */
export function runFacts(v: VersionView): {
  steps: number | null
  seconds: number | null
  stepsPerSecond: number | null
} {
  const m = v.metrics as { steps?: unknown; stepsPerSecond?: unknown }
  const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null)
  const ms = num(v.timings.trainMs)
  return { steps: num(m.steps), seconds: ms === null ? null : ms / 1000, stepsPerSecond: num(m.stepsPerSecond) }
}
