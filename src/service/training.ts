import { DEFAULT_SEED, PER_TASK_KEYS, resolveConfig, type EngineConfig } from '../shared/domain/engineConfig'
import { estimateTrainingMemory, trainingMemoryLimit } from '../engine/memoryEstimate'
import type { StepProgress, TrainCheckpoint } from '../engine/types'
import { DEFAULT_METHOD, type Method } from '../shared/domain/methods'
import { addCurvePoint, emptyCurve, type RunCurve } from '../shared/domain/runCurve'
import { KeizokuError } from '../shared/errors'
import type { JobProgress, TrainOutcome } from '../shared/types'
import type { JobRecord, TaskRecord, VersionRecord, Workspace } from '../workspace/index'
import type { EventHub } from './events'
import { jobView, taskMap, versionTaskIds, versionView } from './views'
import { RunningJobs, runInWorker } from './workerClient'
import { workspaceTrust } from './transferTrust'
import type { EstimatorChoice, EstimatorUsed, TransferEstimator } from '../shared/transferability'
import type { TrainOutput, TrainPayload } from './workerProtocol'
import { say } from '../shared/messages'
import { loadConfigArg, type LoadedConfig } from './namedConfigs'

/** Steps between checkpoints of a training job; a killed job loses at most this much work. */
export const CHECKPOINT_EVERY = 100
/** How often a running job's progress is written to the registry (events go out more often). */
const PERSIST_PROGRESS_MS = 1000

export interface TrainJobArgs {
  method: Method
  seed: number
  config: Record<string, unknown>
  overrides: Record<string, unknown>
  parentVersionId: number | null
  /** Tasks the parent learned, in order; the new task follows them. */
  learnedTaskIds: number[]
  /** Transferability estimator the H-embedding follows, resolved from the setting and the evidence at queue time. */
  estimator?: TransferEstimator
  /** The workspace setting it was resolved from ('auto' or a fixed estimator). */
  estimatorChoice?: EstimatorChoice
  /** Its ρ against measured transfer and n at that time (the run record says why it was chosen). */
  estimatorRho?: number | null
  estimatorPairs?: number
  /** False when `auto` found no estimator with ρ > 0: the H-embedding is not guided. Absent = true. */
  estimatorGuides?: boolean
  /** Shipped named config the run used (given with the job, or the parent version's). */
  configName?: string | null
}

export interface TrainRequest {
  task: number | string
  method?: Method
  steps?: number
  seed?: number
  config?: Record<string, unknown>
  /** A shipped named config; `config` is laid over it key by key. */
  configName?: string
  by?: string
}

/**
 * Runs training jobs: one at a time per workspace, each in its own worker thread, checkpointed
 * so a killed process can resume with the same result, producing a candidate version.
 */
export class Trainer {
  private readonly running = new RunningJobs<TrainOutput>()

  constructor(private readonly hub: EventHub) {}

  busy(): boolean {
    return this.running.busy()
  }

  closeAll(): Promise<void> {
    return this.running.killAll()
  }

  /**
   * Validates the request against the pipeline state and queues the job. Checks and insert run in
   * one write transaction, so two processes cannot both pass the "no other job" check.
   */
  prepare(ws: Workspace, req: TrainRequest): { job: JobRecord; task: TaskRecord } {
    return ws.transaction(() => {
      ws.assertAuditSound('Training')
      const task = ws.getTask(req.task)
      const active = ws.activeVersion()
      const learned = active ? versionTaskIds(active) : []
      if (learned.includes(task.id)) {
        throw new KeizokuError(
          'conflict',
          `Task "${task.name}" is already learned by the active version ${active!.id}.`,
          {
            hint: 'Add a new task, or roll back to a version before it to learn it again.',
            say: say('task_already_learned', { task: task.name, version: active!.id })
          }
        )
      }
      const pending = ws.listVersions({ status: 'candidate' })
      if (pending.length > 0) {
        throw new KeizokuError('conflict', `Version ${pending[0].id} is waiting for approval.`, {
          hint: 'Approve or reject that candidate before training another task.',
          say: say('candidate_pending.train', { version: pending[0].id })
        })
      }
      const other = ws.listJobs({ status: ['queued', 'running'], kind: 'train' })
      if (this.busy() || other.length > 0) {
        throw new KeizokuError(
          'conflict',
          `Another training job (${other[0]?.id ?? 'in this window'}) is running in this workspace.`,
          {
            hint: 'Wait for it to finish or cancel it; one training job runs at a time.',
            say: say('training_running')
          }
        )
      }
      if (task.nTrain === 0 || task.trainDroppedAt) {
        throw new KeizokuError(
          'refused',
          `Task "${task.name}" has no training data left (dropped by the retention policy).`,
          {
            hint: 'Register the data again as a new task to learn it.',
            say: say('task_data_dropped', { task: task.name })
          }
        )
      }
      const method: Method = active ? (active.method as Method) : (req.method ?? DEFAULT_METHOD)
      if (active && req.method && req.method !== active.method) {
        throw new KeizokuError(
          'refused',
          `This workspace learns with "${active.method}"; "${req.method}" cannot continue its hypernetwork.`,
          {
            hint: `Train with --method ${active.method}, or use \`keizoku bench\` to compare methods on a benchmark.`,
            say: say('method_fixed', { method: active.method, requested: req.method })
          }
        )
      }
      const seed = active ? active.seed : (req.seed ?? DEFAULT_SEED)
      const named = req.configName !== undefined ? loadConfigArg(req.configName) : undefined
      if (named && active) assertSameShape(named, active.config)
      // A named config's architecture was just checked against the workspace's; only its
      // per-task settings can apply to a later task.
      const given = named ? { ...(active ? perTaskPart(named.config) : named.config), ...req.config } : req.config
      const overrides: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(given ?? {})) if (PER_TASK_KEYS.includes(k)) overrides[k] = v
      if (req.steps !== undefined) overrides.steps = req.steps
      const config = active ? active.config : { ...(given ?? {}), ...overrides }
      const inherited =
        active && req.config === undefined ? (active.metrics.configName as string | undefined) : undefined
      const configName = named?.name ?? inherited ?? null
      if (active) {
        const arch = Object.keys(given ?? {}).filter((k) => !PER_TASK_KEYS.includes(k))
        if (arch.length > 0) {
          throw new KeizokuError(
            'refused',
            `The settings ${arch.join(', ')} fix the network's shape and were set by the first task.`,
            {
              hint: `Per-task settings that may change: ${PER_TASK_KEYS.join(', ')}.`,
              say: say('shape_settings_fixed', { keys: arch.join(', '), perTask: PER_TASK_KEYS.join(', ') })
            }
          )
        }
      }
      // Validate now, so a bad value or a net that cannot fit is refused before a job exists.
      assertFitsInMemory(resolveConfig({ ...config, ...overrides }), method, task, learned.length)
      const trust = workspaceTrust(ws)
      const args: TrainJobArgs = {
        method,
        seed,
        config,
        overrides,
        parentVersionId: active?.id ?? null,
        learnedTaskIds: learned,
        estimator: trust.estimator,
        estimatorChoice: trust.choice,
        estimatorRho: trust.rho,
        estimatorPairs: trust.n,
        estimatorGuides: trust.guide,
        configName
      }
      const job = ws.createJob({ kind: 'train', args, taskId: task.id })
      ws.appendAudit({
        actor: req.by ?? 'unknown',
        action: 'train.queued',
        subject: `task ${task.id}`,
        details: { job: job.id, method, seed, configName, overrides, estimator: trust.estimator }
      })
      return { job, task }
    })
  }

  /**
   * Runs (or resumes) a queued/interrupted train job to completion, given its job row and task as
   * `prepare` returned them (or as read once for a resume). Resolves with the candidate version; a
   * cancelled job resolves with version null and leaves the workspace as before.
   */
  async run(ws: Workspace, job: JobRecord, task: TaskRecord, by = 'unknown'): Promise<TrainOutcome> {
    const jobId = job.id
    const args = job.args as TrainJobArgs
    const payload: TrainPayload = {
      dir: ws.dir,
      taskId: task.id,
      learnedTaskIds: args.learnedTaskIds,
      parentVersionId: args.parentVersionId,
      checkpointHash: job.checkpointHash,
      create: { method: args.method, seed: args.seed, config: args.config, inputShape: task.inputShape },
      overrides: args.overrides,
      checkpointEvery: CHECKPOINT_EVERY,
      estimator: args.estimator ?? 'hscore',
      guide: args.estimatorGuides ?? true
    }
    ws.transaction(() => {
      ws.setTaskStatus(task.id, 'learning')
      this.update(ws, jobId, { status: 'running', error: null, startedAt: job.startedAt ?? new Date().toISOString() })
    })
    let lastPersist = 0
    // A resumed job continues the curve it had; the curve is saved with the progress and at the end.
    const curve = ws.jobCurves([jobId]).get(jobId) ?? emptyCurve()
    const running = runInWorker<TrainOutput>(
      { kind: 'train', payload },
      (data) => {
        const s = data as StepProgress
        const progress: JobProgress = {
          jobId,
          taskId: task.id,
          phase: 'training',
          step: s.step,
          totalSteps: s.totalSteps,
          loss: s.loss,
          batchAccuracy: s.batchAccuracy,
          stepsPerSecond: s.stepsPerSecond,
          etaSeconds: s.etaSeconds
        }
        this.hub.emit('job.progress', progress)
        addCurvePoint(curve, progress)
        const now = Date.now()
        if (now - lastPersist > PERSIST_PROGRESS_MS) {
          lastPersist = now
          ws.updateJob(jobId, { progress, curve })
        }
      },
      (ckpt) => this.saveCheckpoint(ws, jobId, ckpt)
    )
    this.running.set(jobId, running)
    let out: TrainOutput
    try {
      out = await running.result
    } catch (err) {
      const cancelled = err instanceof KeizokuError && err.code === 'cancelled'
      const info = err instanceof KeizokuError ? err.toInfo() : { code: 'internal' as const, message: String(err) }
      ws.transaction(() => {
        ws.setTaskStatus(task.id, 'registered')
        this.update(ws, jobId, {
          status: cancelled ? 'cancelled' : 'failed',
          error: info,
          finishedAt: new Date().toISOString(),
          curve
        })
        ws.appendAudit({
          actor: by,
          action: cancelled ? 'train.cancelled' : 'train.failed',
          subject: `task ${task.id}`,
          details: { job: jobId, error: info.message }
        })
      })
      this.changed(ws, 'tasks')
      if (cancelled) return { job: jobView(ws.getJob(jobId), taskMap(ws)), version: null }
      throw err
    } finally {
      this.running.delete(jobId)
    }
    const version = this.saveCandidate(ws, job, task, args, out, by, curve)
    await ws.backup()
    this.changed(ws, 'versions')
    return { job: jobView(ws.getJob(jobId), taskMap(ws)), version: versionView(version, taskMap(ws)) }
  }

  cancel(ws: Workspace, jobId: number): void {
    const job = ws.getJob(jobId)
    const running = this.running.get(jobId)
    if (!running) {
      if (job.status === 'queued' || job.status === 'interrupted') {
        this.update(ws, jobId, { status: 'cancelled', finishedAt: new Date().toISOString() })
        if (job.taskId) ws.setTaskStatus(job.taskId, 'registered')
        return
      }
      throw new KeizokuError('conflict', `Job ${jobId} is ${job.status}, not running.`, {
        hint: 'Only a queued, running or interrupted job can be cancelled.',
        say: say('job_not_running', { job: jobId, status: job.status })
      })
    }
    running.cancel()
  }

  private saveCandidate(
    ws: Workspace,
    job: JobRecord,
    task: TaskRecord,
    args: TrainJobArgs,
    out: TrainOutput,
    by: string,
    curve: RunCurve
  ): VersionRecord {
    const { tensors, ...meta } = out.snapshot
    const snapshotHash = ws.putTensors(tensors, 'snapshot', meta as unknown as Record<string, unknown>)
    const taskIds = [...args.learnedTaskIds, task.id]
    return ws.transaction(() => {
      const v = ws.createVersion({
        taskId: task.id,
        parentId: args.parentVersionId,
        jobId: job.id,
        snapshotHash,
        method: args.method,
        config: out.snapshot.config,
        seed: args.seed,
        backend: out.backend,
        metrics: {
          taskIds,
          parameterCounts: out.parameterCounts,
          embeddingTarget: out.embeddingTarget,
          preTrainAccuracy: out.preTrainAccuracy,
          untrainedAccuracy: out.untrainedAccuracy,
          steps: out.steps,
          stepsPerSecond: out.stepsPerSecond,
          lossCurve: out.lossCurve,
          transfer: out.transfer,
          estimatorChoice: {
            ...(args.estimatorChoice ? { choice: args.estimatorChoice } : {}),
            estimator: args.estimator ?? 'hscore',
            rho: args.estimatorRho ?? null,
            pairs: args.estimatorPairs ?? 0,
            guide: args.estimatorGuides ?? true
          } satisfies EstimatorUsed,
          configName: args.configName ?? null
        },
        accuracyRow: out.accuracyRow as number[],
        transferRow: out.transferRow,
        drift: args.learnedTaskIds.length ? (out.drift as number[]) : null,
        timings: { trainMs: out.trainMs }
      })
      ws.recordEvaluation({
        versionId: v.id,
        taskId: task.id,
        kind: 'accuracy',
        row: out.accuracyRow as number[],
        taskIds
      })
      if (out.transferRow.length) {
        ws.recordEvaluation({
          versionId: args.parentVersionId,
          taskId: task.id,
          kind: 'transfer',
          row: out.transferRow,
          taskIds: args.learnedTaskIds
        })
      }
      ws.setTaskStatus(task.id, 'candidate')
      this.update(ws, job.id, {
        status: 'succeeded',
        result: { versionId: v.id },
        finishedAt: new Date().toISOString(),
        curve
      })
      ws.appendAudit({
        actor: by,
        action: 'train.finished',
        subject: `version ${v.id}`,
        details: {
          job: job.id,
          task: task.name,
          method: args.method,
          seed: args.seed,
          backend: out.backend,
          accuracyRow: out.accuracyRow,
          trainMs: Math.round(out.trainMs)
        }
      })
      return v
    })
  }

  private saveCheckpoint(ws: Workspace, jobId: number, c: TrainCheckpoint): void {
    const { tensors, ...meta } = c
    const hash = ws.putTensors(tensors, 'checkpoint', meta as unknown as Record<string, unknown>)
    ws.updateJob(jobId, { checkpointHash: hash })
  }

  private update(ws: Workspace, jobId: number, patch: Parameters<Workspace['updateJob']>[1]): void {
    const j = ws.updateJob(jobId, patch)
    this.hub.emit('job.updated', jobView(j, taskMap(ws)))
  }

  private changed(ws: Workspace, what: 'tasks' | 'versions'): void {
    this.hub.emit('workspace.changed', { dir: ws.dir, what })
  }
}

function assertFitsInMemory(cfg: EngineConfig, method: Method, task: TaskRecord, tasksLearned: number): void {
  const need = estimateTrainingMemory(cfg, method, task.inputShape, tasksLearned, task.nTrain + task.nTest)
  const limit = trainingMemoryLimit()
  if (need.bytes <= limit.bytes) return
  const gib = (b: number): string => (b / 2 ** 30).toFixed(1)
  throw new KeizokuError(
    'invalid_argument',
    `Training "${task.name}" would need about ${gib(need.bytes)} GiB of memory (a main net of ${(need.mainNetWeights / 1e6).toFixed(1)} M weights${tasksLearned > 0 ? `, ${tasksLearned} task(s) already learned` : ''}); the ${limit.backend} backend can use ${gib(limit.bytes)} GiB here.`,
    { hint: 'Make mainNet.hidden (or mainNet.convFilters) smaller; the defaults need well under 1 GiB.' }
  )
}

function perTaskPart(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([k]) => PER_TASK_KEYS.includes(k)))
}

/** A named config for a later task must describe the network the first task fixed. */
function assertSameShape(named: LoadedConfig, activeConfig: Record<string, unknown>): void {
  const shape = (c: Record<string, unknown>): string => {
    const r = resolveConfig(c) as unknown as Record<string, unknown>
    return JSON.stringify(Object.entries(r).filter(([k]) => !PER_TASK_KEYS.includes(k) && k !== 'seed'))
  }
  if (shape(named.config) !== shape(activeConfig)) {
    throw new KeizokuError(
      'refused',
      `The named config "${named.name}" describes a different network than the one this workspace's first task fixed.`,
      {
        hint: `Train without --config, or with a config that sets only per-task settings: ${PER_TASK_KEYS.join(', ')}.`
      }
    )
  }
}
