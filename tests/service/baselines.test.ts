import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import type { BaselineRunView, BaselinesOutcome, JobProgress, JobView, VersionView } from '../../src/shared/types'
import { openWorkspace } from '../../src/workspace/index'
import { csvSections, parseCsv } from '../reports/csvParse'
import { ROOT, tempService } from './helpers'

const CUTS = ['1.Inside-Outside.csv', '2.Round.csv', '3.Top_Sirloin.csv'].map((f) =>
  join(ROOT, 'resources/demo/beef-enose', f)
)
/** Per-task budgets differ on purpose: a baseline must copy each task's own settings. */
const STEPS = [40, 30, 40]
const SEED = 3

function record(table: string[][], key: (r: Record<string, string>) => boolean): Record<string, string> {
  const [head, ...rows] = table
  const objs = rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])))
  const hit = objs.find(key)
  if (!hit) throw new Error(`no row in ${JSON.stringify(table)}`)
  return hit
}

const lastRowMean = (R: Array<Array<number | null>>): number => {
  const T = R.length
  return R[T - 1].slice(0, T).reduce((a: number, x) => a + (x as number), 0) / T
}

describe('baselines measured on the workspace’s own tasks', { timeout: 600_000 }, () => {
  const { service, dir } = tempService()
  const lineage: VersionView[] = []
  beforeAll(async () => {
    await service.invoke('workspace.create', { dir, name: 'beef', by: 'tester' })
    for (const [k, path] of CUTS.entries()) {
      await service.invoke('task.add', {
        name: `cut-${k + 1}`,
        source: { kind: 'csv', path, label: 'Label', ignore: ['TVC', 'Minute'] },
        holdout: { groupBy: { column: 'Minute', size: 60 } },
        by: 'tester'
      })
    }
    for (const [k, steps] of STEPS.entries()) {
      const o = await service.invoke('train.start', {
        task: `cut-${k + 1}`,
        method: 'hnet',
        seed: SEED,
        steps,
        wait: true,
        by: 'tester'
      })
      lineage.push(
        await service.invoke('version.approve', {
          version: o.version!.id,
          by: 'tester',
          comment: 'test',
          override: true
        })
      )
    }
  }, 300_000)
  afterAll(() => service.close())

  it('learns the lineage’s tasks in its order, on its splits, with its per-task settings', async () => {
    const o = await service.invoke('baselines.start', {
      methods: ['hnet', 'independent'],
      seeds: [SEED],
      wait: true,
      by: 'tester'
    })
    expect(o.job.status).toBe('succeeded')
    const byMethod = new Map(o.runs.map((r) => [r.method, r]))
    for (const r of o.runs) {
      expect(r.taskIds).toEqual(lineage.map((v) => v.taskId))
      expect(r.config.map((c) => c.steps)).toEqual(STEPS)
      expect(r.seed).toBe(SEED)
      expect(r.lineageVersionId).toBe(lineage.at(-1)!.id)
      expect(r.skipped).toEqual([])
      expect(r.backend).toBe(lineage[0].backend)
    }
    // The lineage's own method with its seed, re-run as a baseline, must reproduce the lineage
    // exactly: the same data, split, order and budget leave nothing to differ.
    const hnet = byMethod.get('hnet')!
    lineage.forEach((v, i) => {
      expect(hnet.result.R[i].slice(0, i + 1)).toEqual(v.accuracyRow)
      if (i > 0) expect(hnet.result.R[i - 1][i]).toBe(v.metrics.preTrainAccuracy)
      expect(hnet.result.b[i]).toBe(v.metrics.untrainedAccuracy)
    })
    // Independent nets: no forgetting, one full net stored per task.
    const ind = byMethod.get('independent')!
    expect(ind.forgetting).toBe(0)
    expect(ind.result.parameterCounts.perTask).toBe(ind.result.parameterCounts.mainNet)
    const listing = await service.invoke('baselines.list', {})
    expect(listing.versionId).toBe(lineage.at(-1)!.id)
    expect(listing.lineage!.averageAccuracy).toBeCloseTo(lastRowMean(lineage.map((v) => v.accuracyRow)), 12)
  })

  it('a cancelled job resumes at the task it stopped in, with the same result as an uninterrupted one', async () => {
    let job: JobView | null = null
    let cancelAsked = false
    const off = service.subscribe((event, payload) => {
      const p = payload as JobProgress
      if (event === 'job.progress' && p.phase === 'baselines' && p.task === 2 && !cancelAsked) {
        cancelAsked = true
        void service.invoke('baselines.cancel', { job: p.jobId, by: 'tester' })
      }
      if (event === 'job.updated' && (payload as JobView).kind === 'baselines') job = payload as JobView
    })
    const started = await service.invoke('baselines.start', { methods: ['finetune'], seeds: [9], by: 'tester' })
    const deadline = Date.now() + 300_000
    while (Date.now() < deadline && (job as JobView | null)?.status !== 'cancelled')
      await new Promise((r) => setTimeout(r, 100))
    off()
    const stopped = (await service.invoke('jobs.list', {})).find((j) => j.id === started.job.id)!
    expect(stopped.status).toBe('cancelled')
    expect(stopped.resumable).toBe(true)
    const ws = openWorkspace(dir)
    try {
      expect(ws.getJob(stopped.id).checkpointHash).not.toBeNull()
      expect(ws.listBaselineRuns({ jobId: stopped.id })).toEqual([])
    } finally {
      ws.close()
    }
    // Continue it the way any interrupted job is continued: `keizoku resume DIR --job ID` (the CLI
    // opens the folder itself, so this service lets go of it meanwhile).
    await service.invoke('workspace.close', {})
    const out: string[] = []
    const code = await runCli(['resume', dir, '--job', String(stopped.id), '--by', 'tester', '--json'], {
      out: (t) => out.push(t),
      err: () => undefined
    })
    await service.invoke('workspace.open', { dir, by: 'tester' })
    expect(code).toBe(0)
    const resumed = JSON.parse(out.join('\n')) as BaselinesOutcome
    expect(resumed.job.status).toBe('succeeded')
    expect(resumed.runs.map((r) => [r.method, r.seed])).toEqual([['finetune', 9]])
    const straight = await service.invoke('baselines.start', {
      methods: ['finetune'],
      seeds: [9],
      wait: true,
      by: 'tester'
    })
    expect(resumed.runs[0].result.R).toEqual(straight.runs[0].result.R)
    expect(resumed.runs[0].result.b).toEqual(straight.runs[0].result.b)
  })

  it('the ROI report’s numbers match a recomputation from the stored runs and versions', async () => {
    const more = await service.invoke('baselines.start', {
      methods: ['hnet', 'independent'],
      seeds: [4],
      wait: true,
      by: 'tester'
    })
    expect(more.job.status).toBe('succeeded')
    const runs = (await service.invoke('baselines.list', {})).runs
    const run = (m: string, seed: number): BaselineRunView => runs.find((r) => r.method === m && r.seed === seed)!
    const T = lineage.length
    const accLineage = lastRowMean(lineage.map((v) => v.accuracyRow))
    const accMain = [accLineage, lastRowMean(run('hnet', 4).result.R)]
    const accInd = [lastRowMean(run('independent', SEED).result.R), lastRowMean(run('independent', 4).result.R)]

    const { csv } = await service.invoke('report.build', { kind: 'roi', format: 'csv' })
    const t = csvSections(parseCsv(csv!.replace(/^\uFEFF/, '')))
    const seedRow = (m: string, seed: number): Record<string, string> =>
      record(t.get('baseline_seeds')!, (r) => r.method === m && r.seed === String(seed))
    expect(Number(seedRow('hnet', SEED).final_average_accuracy)).toBeCloseTo(accMain[0], 12)
    expect(Number(seedRow('hnet', 4).final_average_accuracy)).toBeCloseTo(accMain[1], 12)
    expect(Number(seedRow('independent', 4).final_average_accuracy)).toBeCloseTo(accInd[1], 12)

    // Paired over seeds 3 and 4: d̄ ± t₀.₉₇₅(1) · sd / √2, t₀.₉₇₅(1) = 12.706.
    const d = [accMain[0] - accInd[0], accMain[1] - accInd[1]]
    const dMean = (d[0] + d[1]) / 2
    const half = (12.706 * Math.abs(d[0] - d[1])) / Math.SQRT2 / Math.SQRT2
    const noise = record(t.get('noise')!, (r) => r.comparison === 'hnet vs independent')
    expect(noise.kind).toBe('paired')
    expect(Number(noise.accuracy_difference)).toBeCloseTo(dMean, 12)
    expect(Number(noise.ci_low)).toBeCloseTo(dMean - half, 9)
    expect(Number(noise.ci_high)).toBeCloseTo(dMean + half, 9)
    expect(noise.within_noise).toBe(Math.abs(dMean) <= half ? 'yes' : 'no')

    const methods = t.get('methods')!
    const ind = record(methods, (r) => r.method === 'independent')
    expect(Number(ind.final_average_accuracy)).toBeCloseTo((accInd[0] + accInd[1]) / 2, 12)

    // Storage crossover from the lineage's parameter counts.
    const pc = lineage.at(-1)!.metrics.parameterCounts as { shared: number; perTask: number; mainNet: number }
    const cross = new Map(
      t
        .get('storage_crossover')!
        .slice(1)
        .map(([k, v]) => [k, Number(v)])
    )
    expect(cross.get('crossover_tasks')).toBe(Math.floor(pc.shared / (pc.mainNet - pc.perTask)) + 1)
    expect(cross.get('hypernet_bytes_now')).toBe(4 * (pc.shared + pc.perTask * T))
    expect(cross.get('separate_models_bytes_now')).toBe(4 * pc.mainNet * T)

    // Savings per month with the default cost figures (0.02 per GB-month, 100 per point).
    const settings = await service.invoke('settings.get', {})
    const accMainMean = (accMain[0] + accMain[1]) / 2
    const accIndMean = (accInd[0] + accInd[1]) / 2
    const storageDiff =
      ((4 * pc.mainNet * T - 4 * (pc.shared + pc.perTask * T)) / 1e9) * settings.costs.storagePerGBMonth
    const value = (accMainMean - accIndMean) * 100 * T * settings.costs.valuePerAccuracyPoint
    const cost = record(t.get('costs')!, (r) => r.comparison === 'hnet vs independent')
    expect(Number(cost.savings_per_month)).toBeCloseTo(storageDiff + value, 9)

    const { html } = await service.invoke('report.build', { kind: 'roi', format: 'html' })
    expect(html).toContain('learned the same tasks in the same order, on the same train/holdout splits')
    // The savings resting on a within-noise accuracy difference say so in their cells (value, savings,
    // payback): three per comparison within noise (hnet vs independent's verdict is recomputed above).
    const [noiseHead, ...noiseRows] = t.get('noise')!
    const within = noiseRows.filter((r) => r[noiseHead.indexOf('within_noise')] === 'yes').length
    const flagged = html!.split('rests on an accuracy difference within the seed-to-seed noise').length - 1
    expect(flagged).toBe(3 * within)
    expect(html).toContain(`<b>${Math.floor(pc.shared / (pc.mainNet - pc.perTask)) + 1} tasks on`)
  })

  it('skips and names a task whose training data was dropped, and compares on the remaining tasks', async () => {
    const ws = openWorkspace(dir)
    try {
      ws.dropTrainingData(lineage[1].taskId, 'tester')
    } finally {
      ws.close()
    }
    const o = await service.invoke('baselines.start', {
      methods: ['independent'],
      seeds: [SEED],
      wait: true,
      by: 'tester'
    })
    const r = o.runs[0]
    expect(r.taskIds).toEqual([lineage[0].taskId, lineage[2].taskId])
    expect(r.skipped).toEqual([{ taskId: lineage[1].taskId, name: 'cut-2', reason: 'training data dropped' }])
    // The lineage on the same two tasks: its final row at tasks 1 and 3.
    const last = lineage.at(-1)!.accuracyRow
    const listing = await service.invoke('baselines.list', {})
    expect(listing.lineage!.averageAccuracy).toBeCloseTo((last[0]! + last[2]!) / 2, 12)
    const { html } = await service.invoke('report.build', { kind: 'roi', format: 'html' })
    expect(html).toContain('Compared on 2 of 3 tasks: cut-2 skipped')
  })
})
