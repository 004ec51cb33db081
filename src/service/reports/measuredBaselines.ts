/**
 * Baselines measured on the workspace's own tasks (`baseline_runs`), turned into the numbers
 * the ROI report and the screens show next to the lineage. A run may have skipped tasks whose
 * training data was dropped; the lineage is then compared on the same tasks only:
 *
 *   lineage on tasks K (positions k₀ < k₁ < … in the lineage):
 *     R′[a][c] = R[k_a][k_c]  for a < |K| − 1,   R′[last][c] = R[T − 1][k_c]
 *
 * so the last row is the lineage as it stands now, and average accuracy and forgetting are the
 * usual formulas on R′.
 */
import type { BaselineRunRecord } from '../../workspace'
import {
  accuracyMatrix,
  collectLineage,
  matrixMetrics,
  trainMillis,
  untrainedAccuracies,
  type Lineage
} from './collect'
import type { MetricsResult } from './types'
import type { Workspace } from '../../workspace'

export function runMetrics(run: BaselineRunRecord): MetricsResult {
  return matrixMetrics(run.result.R, run.result.b)
}

export function runTrainSeconds(run: BaselineRunRecord): number {
  return run.result.trainMs.reduce((s, x) => s + x, 0) / 1000
}

/** The lineage's metrics on the tasks `taskIds` (all of them when every task was kept). */
export function lineageMetricsOn(
  lineage: Lineage,
  taskIds: number[]
): { metrics: MetricsResult; trainSeconds: number | null } {
  const R = accuracyMatrix(lineage).rows.map((r) => r.values)
  const T = lineage.tasks.length
  const K = taskIds.map((id) => lineage.tasks.findIndex((t) => t.id === id))
  const ms = trainMillis(lineage.versions)
  if (K.length === T && K.every((k, i) => k === i)) {
    return { metrics: matrixMetrics(R, untrainedAccuracies(lineage)), trainSeconds: ms === null ? null : ms / 1000 }
  }
  if (K.some((k) => k < 0))
    return {
      metrics: { metrics: null, problem: 'the run learned a task the lineage did not', fwtNote: null },
      trainSeconds: null
    }
  const sub = K.map((k, a) => K.map((kc) => (a === K.length - 1 ? R[T - 1][kc] : R[k][kc])))
  // Upper entries (R[k_a][k_{a+1}]) only mean "before learning it" when the two are adjacent.
  for (let a = 0; a + 1 < K.length; a++) if (K[a + 1] !== K[a] + 1) sub[a][a + 1] = null
  const keptMs = trainMillis(K.map((k) => lineage.versions[k]))
  return { metrics: matrixMetrics(sub, null), trainSeconds: keptMs === null ? null : keptMs / 1000 }
}

/** Runs measured on the lineage ending at `versionId`, and how many were for an earlier version of it. */
export function runsForLineage(
  ws: Workspace,
  versionId: number
): { runs: BaselineRunRecord[]; older: BaselineRunRecord[]; lineage: Lineage } {
  const lineage = collectLineage(ws, versionId)
  const ancestors = new Set(lineage.versions.slice(0, -1).map((v) => v.id))
  const all = ws.listBaselineRuns()
  // A later run of the same (method, seed) replaces an earlier one.
  const mine = all.filter((x) => x.lineageVersionId === versionId)
  // Runs of one job share their task list; a later job may have fewer tasks (a task's data was
  // dropped in between). Compare on the newest run's tasks only, so every number is on the same tasks.
  const tasks = mine.length ? mine[mine.length - 1].taskIds.join(',') : ''
  const newest = new Map<string, BaselineRunRecord>()
  for (const r of mine.filter((x) => x.taskIds.join(',') === tasks)) newest.set(`${r.method}#${r.seed}`, r)
  return {
    runs: [...newest.values()].sort((a, b) => a.method.localeCompare(b.method) || a.seed - b.seed),
    older: all.filter((r) => ancestors.has(r.lineageVersionId)),
    lineage
  }
}
