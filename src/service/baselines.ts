import { resolveConfig } from '../shared/domain/engineConfig'
import type { Method } from '../shared/domain/methods'
import { KeizokuError } from '../shared/errors'
import type { BaselineListing, BaselineRunView, BaselinesOutcome, JobProgress } from '../shared/types'
import type { BaselineRunRecord, JobRecord, SkippedTask, Workspace } from '../workspace/index'
import type { EventHub } from './events'
import { collectLineage } from './reports/collect'
import { lineageMetricsOn, runMetrics, runsForLineage, runTrainSeconds } from './reports/measuredBaselines'
import { jobView, taskMap } from './views'
import { RunningJobs, runInWorker } from './workerClient'
import type { BaselineCheckpoint, BaselineOutput, BaselinePayload, BaselineStep } from './workerProtocol'
import { say } from '../shared/messages'

/** What a baselines job was asked to do, fixed when it is queued (so a resume repeats it exactly). */
export interface BaselineJobArgs {
  lineageVersionId: number
  methods: Method[]
  seeds: number[]
  /** The lineage's tasks that still have training data, in order, with the settings used for each. */
  tasks: Array<{ taskId: number; config: Record<string, unknown> }>
  skipped: SkippedTask[]
  inputShape: number[]
}

export interface BaselineRequest {
  methods: Method[]
  seeds?: number[]
  by?: string
}

const PERSIST_PROGRESS_MS = 1000

/** The (method, seed) cells of a job, methods outer. */
function cells(args: BaselineJobArgs): Array<{ method: Method; seed: number }> {
  return args.methods.flatMap((method) => args.seeds.map((seed) => ({ method, seed })))
}

export function baselineRunView(ws: Workspace, r: BaselineRunRecord): BaselineRunView {
  const tasks = taskMap(ws)
  const m = runMetrics(r).metrics
  return {
    ...r,
    taskNames: r.taskIds.map((id) => tasks.get(id)?.name ?? `task ${id}`),
    averageAccuracy: m?.average_accuracy ?? null,
    forgetting: m?.forgetting ?? null,
    trainSeconds: runTrainSeconds(r)
  }
}

/** Baseline runs measured on the active lineage, with the lineage's numbers on the same tasks. */
export function listBaselines(ws: Workspace): BaselineListing {
  const active = ws.activeVersion()
  if (!active) return { versionId: null, runs: [], lineage: null, olderRuns: 0 }
  const { runs, older, lineage } = runsForLineage(ws, active.id)
  const views = runs.map((r) => baselineRunView(ws, r))
  let lineageView: BaselineListing['lineage'] = null
  if (runs.length > 0) {
    const on = lineageMetricsOn(lineage, runs[0].taskIds)
    lineageView = {
      method: active.method,
      seed: active.seed,
      averageAccuracy: on.metrics.metrics?.average_accuracy ?? null,
      forgetting: on.metrics.metrics?.forgetting ?? null,
      trainSeconds: on.trainSeconds
    }
  }
  return { versionId: active.id, runs: views, lineage: lineageView, olderRuns: older.length }
}

/**
 * Runs baselines jobs: the chosen methods, each with each seed, over the active lineage's tasks
 * in the same order, on the same train/holdout splits and with the same per-task settings. One
 * worker per (method, seed); each finished one is stored at once, and a checkpoint after every
 * task lets a cancelled or interrupted job continue where it stopped.
 */
export class BaselineRunner {
  private readonly running = new RunningJobs<BaselineOutput>()
  private readonly stopping = new Set<number>()

  constructor(private readonly hub: EventHub) {}

  busy(): boolean {
    return this.running.busy()
  }

  closeAll(): Promise<void> {
    return this.running.killAll()
  }

  prepare(ws: Workspace, req: BaselineRequest): JobRecord {
    const active = ws.activeVersion()
    if (!active) {
      throw new KeizokuError('refused', 'No task has been learned yet, so there is nothing to measure baselines on.', {
        hint: 'Train and approve at least one task first.',
        say: say('baselines_nothing_learned')
      })
    }
    const other = ws.listJobs({ status: ['queued', 'running'], kind: 'baselines' })
    if (this.busy() || other.length > 0) {
      throw new KeizokuError(
        'conflict',
        `Another baselines job (${other[0]?.id ?? 'in this window'}) is running in this workspace.`,
        {
          hint: 'Wait for it to finish or cancel it.',
          say: say('baselines_running')
        }
      )
    }
    const lineage = collectLineage(ws, active.id)
    const tasks: BaselineJobArgs['tasks'] = []
    const skipped: SkippedTask[] = []
    lineage.versions.forEach((v) => {
      const t = ws.getTask(v.taskId)
      if (t.trainDroppedAt || t.nTrain === 0)
        skipped.push({ taskId: t.id, name: t.name, reason: 'training data dropped' })
      else tasks.push({ taskId: t.id, config: v.config })
    })
    if (tasks.length === 0) {
      throw new KeizokuError(
        'refused',
        `The training data of every learned task was dropped (${skipped.map((s) => s.name).join(', ')}); baselines cannot be trained.`,
        {
          hint: 'Keep the training data of new tasks (retention setting) to measure baselines on them.',
          say: say('baselines_data_dropped', { tasks: skipped.map((s) => s.name).join(', ') })
        }
      )
    }
    // Validate the settings now, so a bad value is refused before a job exists.
    for (const t of tasks) resolveConfig(t.config)
    const seeds = [...new Set(req.seeds ?? [active.seed])]
    const methods = [...new Set(req.methods)]
    const args: BaselineJobArgs = {
      lineageVersionId: active.id,
      methods,
      seeds,
      tasks,
      skipped,
      inputShape: ws.getTask(active.taskId).inputShape
    }
    return ws.transaction(() => {
      const j = ws.createJob({ kind: 'baselines', args })
      ws.appendAudit({
        actor: req.by ?? 'unknown',
        action: 'baselines.queued',
        subject: `version ${active.id}`,
        details: { job: j.id, methods, seeds, tasks: tasks.map((t) => t.taskId), skipped: skipped.map((s) => s.name) }
      })
      return j
    })
  }

  /** Runs (or continues) a baselines job; resolves with the runs it stored once all are done or it was cancelled. */
  async run(ws: Workspace, jobId: number, by = 'unknown'): Promise<BaselinesOutcome> {
    const job = ws.getJob(jobId)
    const args = job.args as BaselineJobArgs
    const all = cells(args)
    const stepsPerRun = args.tasks.map((t) => resolveConfig(t.config).steps)
    const runSteps = stepsPerRun.reduce((a, s) => a + s, 0)
    this.stopping.delete(jobId)
    this.update(ws, jobId, { status: 'running', error: null, startedAt: job.startedAt ?? new Date().toISOString() })
    try {
      for (let c = 0; c < all.length; c++) {
        const { method, seed } = all[c]
        if (ws.listBaselineRuns({ jobId }).some((r) => r.method === method && r.seed === seed)) continue
        if (this.stopping.has(jobId)) throw new KeizokuError('cancelled', 'The baselines job was cancelled.')
        const current = ws.getJob(jobId)
        const resumeHash =
          current.checkpointHash && this.checkpointIsFor(ws, current.checkpointHash, method, seed)
            ? current.checkpointHash
            : null
        const payload: BaselinePayload = {
          dir: ws.dir,
          method,
          seed,
          tasks: args.tasks,
          inputShape: args.inputShape,
          checkpointHash: resumeHash
        }
        let lastPersist = 0
        const running = runInWorker<BaselineOutput, BaselineCheckpoint>(
          { kind: 'baseline', payload },
          (data) => {
            const s = data as BaselineStep
            const before = stepsPerRun.slice(0, s.taskIndex).reduce((a, x) => a + x, 0)
            const progress: JobProgress = {
              jobId,
              taskId: args.tasks[s.taskIndex]?.taskId ?? null,
              phase: 'baselines',
              step: c * runSteps + before + s.step,
              totalSteps: all.length * runSteps,
              loss: s.loss,
              batchAccuracy: s.batchAccuracy,
              stepsPerSecond: s.stepsPerSecond,
              method,
              seed,
              task: s.taskIndex + 1,
              tasks: args.tasks.length
            }
            if (s.stepsPerSecond && s.stepsPerSecond > 0)
              progress.etaSeconds = (progress.totalSteps - progress.step) / s.stepsPerSecond
            this.hub.emit('job.progress', progress)
            const now = Date.now()
            if (now - lastPersist > PERSIST_PROGRESS_MS) {
              lastPersist = now
              ws.updateJob(jobId, { progress })
            }
          },
          (ckpt) => {
            const { snapshot, ...rest } = ckpt
            const { tensors, ...snapMeta } = snapshot
            const hash = ws.putTensors(tensors, 'checkpoint', { ...rest, snapshot: snapMeta } as unknown as Record<
              string,
              unknown
            >)
            ws.updateJob(jobId, { checkpointHash: hash })
          }
        )
        this.running.set(jobId, running)
        let out: BaselineOutput
        try {
          out = await running.result
        } finally {
          this.running.delete(jobId)
        }
        ws.transaction(() => {
          ws.recordBaselineRun({
            jobId,
            lineageVersionId: args.lineageVersionId,
            method,
            seed,
            backend: out.backend,
            config: args.tasks.map((t) => t.config),
            taskIds: args.tasks.map((t) => t.taskId),
            skipped: args.skipped,
            result: {
              R: out.R,
              b: out.b,
              trainMs: out.trainMs,
              parameterCounts: out.parameterCounts,
              snapshotBytes: out.snapshotBytes
            }
          })
          ws.updateJob(jobId, { checkpointHash: null })
        })
      }
    } catch (err) {
      const cancelled = err instanceof KeizokuError && err.code === 'cancelled'
      const info = err instanceof KeizokuError ? err.toInfo() : { code: 'internal' as const, message: String(err) }
      ws.transaction(() => {
        this.update(ws, jobId, {
          status: cancelled ? 'cancelled' : 'failed',
          error: info,
          finishedAt: new Date().toISOString()
        })
        ws.appendAudit({
          actor: by,
          action: cancelled ? 'baselines.cancelled' : 'baselines.failed',
          subject: `job ${jobId}`,
          details: { stored: ws.listBaselineRuns({ jobId }).length, of: all.length, error: info.message }
        })
      })
      this.changed(ws)
      if (cancelled) return this.outcome(ws, jobId)
      throw err
    }
    const runs = ws.listBaselineRuns({ jobId })
    ws.transaction(() => {
      this.update(ws, jobId, {
        status: 'succeeded',
        result: { runs: runs.map((r) => r.id) },
        finishedAt: new Date().toISOString()
      })
      ws.appendAudit({
        actor: by,
        action: 'baselines.finished',
        subject: `version ${args.lineageVersionId}`,
        details: {
          job: jobId,
          runs: runs.map((r) => ({ id: r.id, method: r.method, seed: r.seed, backend: r.backend })),
          skipped: args.skipped.map((s) => s.name)
        }
      })
    })
    await ws.backup()
    this.changed(ws)
    return this.outcome(ws, jobId)
  }

  /** A cancelled or interrupted job may continue: its stored runs stay, the checkpoint resumes the current one. */
  assertResumable(ws: Workspace, jobId: number): void {
    const job = ws.getJob(jobId)
    if (job.kind !== 'baselines' || (job.status !== 'interrupted' && job.status !== 'cancelled')) {
      throw new KeizokuError(
        'conflict',
        `Job ${job.id} is a ${job.kind} job that is ${job.status}; only a cancelled or interrupted baselines job can be resumed.`
      )
    }
    if (this.busy()) throw new KeizokuError('conflict', 'Another baselines job is running in this workspace.')
  }

  cancel(ws: Workspace, jobId: number): void {
    const job = ws.getJob(jobId)
    const running = this.running.get(jobId)
    if (job.kind !== 'baselines')
      throw new KeizokuError('invalid_argument', `Job ${jobId} is a ${job.kind} job, not a baselines job.`)
    if (!running) {
      if (
        job.status === 'queued' ||
        job.status === 'interrupted' ||
        (job.status === 'running' && !this.stopping.has(jobId))
      ) {
        if (job.status === 'running') {
          // Between two runs (no worker at this instant): stop before the next one starts.
          this.stopping.add(jobId)
          return
        }
        this.update(ws, jobId, { status: 'cancelled', finishedAt: new Date().toISOString() })
        return
      }
      throw new KeizokuError('conflict', `Job ${jobId} is ${job.status}, not running.`, {
        hint: 'Only a queued, running or interrupted job can be cancelled.'
      })
    }
    this.stopping.add(jobId)
    running.cancel()
  }

  private checkpointIsFor(ws: Workspace, hash: string, method: string, seed: number): boolean {
    try {
      const meta = ws.getTensorFile(hash).meta
      return meta.method === method && meta.seed === seed
    } catch {
      return false
    }
  }

  private outcome(ws: Workspace, jobId: number): BaselinesOutcome {
    return {
      job: jobView(ws.getJob(jobId), taskMap(ws)),
      runs: ws.listBaselineRuns({ jobId }).map((r) => baselineRunView(ws, r))
    }
  }

  private update(ws: Workspace, jobId: number, patch: Parameters<Workspace['updateJob']>[1]): void {
    const j = ws.updateJob(jobId, patch)
    this.hub.emit('job.updated', jobView(j, taskMap(ws)))
  }

  private changed(ws: Workspace): void {
    this.hub.emit('workspace.changed', { dir: ws.dir, what: 'versions' })
  }
}
