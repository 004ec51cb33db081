import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import { basename, join } from 'node:path'
import type { CallName } from '../shared/channels'
import type { CallResult, ParsedArg } from '../shared/api'
import { KeizokuError } from '../shared/errors'
import { parseArg, assertCallName } from '../shared/validate'
import type {
  AppInfo,
  BackendInfo,
  BaselinesOutcome,
  ProgressEvent,
  SelfTestResult,
  WorkspaceSummary
} from '../shared/types'
import {
  checkWorkspace,
  previewDataset,
  repairWorkspace,
  addTaskFromSource,
  workspaceExists,
  type Workspace
} from '../workspace/index'
import { approve, compareVersion, reject, rollback } from './approval'
import { addDemoTasks } from './demo'
import { EventHub, type AnyEventListener } from './events'
import { exportModel } from './exportModel'
import { keizokuHome, RecentList } from './home'
import { isInside, resolveUserPath, type PathKind } from './paths'
import { Session } from './session'
import { Trainer } from './training'
import { BaselineRunner, listBaselines } from './baselines'
import { computeTransfer, latestTransfer } from './transfer'
import { reportBuild, type BuildReportOptions } from './reports/index'
import { runInWorker, type RunningJob } from './workerClient'
import { saveUpload } from './upload'
import { UPLOAD_LIMIT_BYTES, type UploadResult } from '../shared/domain/upload'
import { APP_VERSION } from './appVersion'
import { hscoreOf, metricsOf } from './analysis'
import { jobView, taskMap, taskViews, versionList, workspaceSummary } from './views'
import { say } from '../shared/messages'

export interface ServiceOptions {
  host: AppInfo['host']
  /** App folder for the recent list (default KEIZOKU_HOME or ~/.keizoku). */
  home?: string
  /**
   * Browser mode: workspaces must live under this folder and are named relative to it.
   * Desktop and CLI pass null: the user's own paths are taken as given.
   */
  workspaceRoot?: string | null
  /** The host's folder picker (Electron's dialog); absent where there is none. */
  pickFolder?: (purpose: 'workspace' | 'data' | 'export', title?: string) => Promise<string | null>
  /** The host's HTML → PDF printer (Electron's printToPDF); headless Chromium otherwise. */
  printPdf?: BuildReportOptions['printPdf']
  /** Browser mode: largest file one upload may carry (default UPLOAD_LIMIT_BYTES). */
  uploadLimitBytes?: number
}

type Handlers = { [N in CallName]: (arg: ParsedArg<N>) => Promise<CallResult<N>> }

/**
 * The one implementation of the API. Hosts (Electron IPC, HTTP server, CLI) pass raw
 * arguments to `call`; validation happens here, once, for all of them.
 */
export class Service {
  private readonly hub = new EventHub()
  private readonly running = new Set<RunningJob<unknown>>()
  private readonly session = new Session()
  private readonly trainer = new Trainer(this.hub)
  private readonly baselines = new BaselineRunner(this.hub)
  private readonly recent: RecentList
  private readonly root: string | null
  private backend?: Promise<BackendInfo>

  constructor(private readonly opts: ServiceOptions) {
    const home = opts.home ?? keizokuHome()
    this.recent = new RecentList(home)
    this.root = opts.workspaceRoot ?? null
    if (this.root) mkdirSync(this.root, { recursive: true })
  }

  subscribe(listener: AnyEventListener): () => void {
    return this.hub.subscribe(listener)
  }

  async call(name: unknown, rawArg: unknown): Promise<unknown> {
    const n = assertCallName(name)
    const arg = parseArg(n, rawArg)
    return (this.handlers[n] as (a: unknown) => Promise<unknown>)(arg)
  }

  /** Largest upload accepted, or null where there is no upload (desktop and CLI: no workspace root). */
  uploadLimit(): number | null {
    return this.root ? (this.opts.uploadLimitBytes ?? UPLOAD_LIMIT_BYTES) : null
  }

  /**
   * Browser mode: stores an uploaded file in the workspace root's imports folder (streamed, size
   * checked as it arrives) and returns its path relative to the root, for the wizard's importer.
   */
  async upload(name: string, body: AsyncIterable<Uint8Array>): Promise<UploadResult> {
    const limit = this.uploadLimit()
    if (!this.root || limit === null) {
      throw new KeizokuError('unavailable', 'Uploads exist only in browser mode.', { hint: 'Choose the file with Browse or type its path.' })
    }
    return saveUpload(this.root, name, body, limit)
  }

  /** Typed variant for in-process callers (CLI, tests). */
  invoke<N extends CallName>(name: N, arg: unknown): Promise<CallResult<N>> {
    return this.call(name, arg) as Promise<CallResult<N>>
  }

  async close(): Promise<void> {
    await this.trainer.closeAll()
    await this.baselines.closeAll()
    await Promise.all([...this.running].map((j) => j.kill()))
    this.session.close()
  }

  private track<R>(job: RunningJob<R>): Promise<R> {
    this.running.add(job as RunningJob<unknown>)
    return job.result.finally(() => this.running.delete(job as RunningJob<unknown>))
  }

  /** The backend the job workers use, asked once from a worker (that is where training runs). */
  private backendInfo(): Promise<BackendInfo> {
    if (!this.backend) {
      this.backend = this.track(runInWorker<BackendInfo>({ kind: 'backendInfo', payload: {} }))
      this.backend.catch(() => (this.backend = undefined))
    }
    return this.backend
  }

  private actor(by: string | undefined): string {
    if (by) return by
    try {
      return os.userInfo().username
    } catch {
      return 'unknown'
    }
  }

  private path(dir: string, kind: PathKind = 'folder'): string {
    return resolveUserPath(dir, this.root, kind)
  }

  private ws(): Workspace {
    return this.session.require()
  }

  private summary(ws: Workspace): WorkspaceSummary {
    const report = ws.check()
    // Both kinds resume from their checkpoints: the screens offer one Resume for each.
    const interrupted = ws
      .listJobs({ status: 'interrupted' })
      .filter((j) => j.kind === 'train' || j.kind === 'baselines')
      .map((j) => j.id)
    return workspaceSummary(ws, { ok: report.ok, summary: report.summary, lines: report.lines }, interrupted)
  }

  /** Opens, tidies what a dead process left (tasks stuck in 'learning'), remembers it. */
  private opened(ws: Workspace): WorkspaceSummary {
    for (const j of ws.listJobs({ status: 'interrupted', kind: 'train' })) {
      if (j.taskId && ws.getTask(j.taskId).status === 'learning') ws.setTaskStatus(j.taskId, 'registered')
    }
    this.recent.remember(ws.dir, ws.getSettings().name)
    this.hub.emit('workspace.changed', { dir: ws.dir, what: 'workspace' })
    return this.summary(ws)
  }

  private refuseWhileTraining(what: string): void {
    if (this.trainer.busy() || this.baselines.busy()) {
      throw new KeizokuError('conflict', `A training or baselines job is running; ${what} would stop it.`, {
        hint: 'Cancel the job or wait for it to finish.',
        say: say(
          `job_running_refuses.${what === 'repairing' ? 'repair' : what === 'closing the workspace' ? 'close' : 'switch'}`
        )
      })
    }
  }

  private readonly handlers: Handlers = {
    'app.info': async () => ({
      appVersion: APP_VERSION,
      backend: await this.backendInfo(),
      platform: os.platform(),
      arch: os.arch(),
      nodeVersion: process.versions.node,
      host: this.opts.host,
      workspaceRoot: this.root,
      uploadLimitBytes: this.uploadLimit()
    }),
    'app.pickFolder': async (a) => {
      if (!this.opts.pickFolder) {
        throw new KeizokuError('unavailable', 'There is no folder picker in this mode.', {
          hint: this.root ? `Type the folder's path relative to ${this.root}.` : 'Type the folder path.',
          say: this.root ? say('no_folder_picker.root', { root: this.root }) : say('no_folder_picker.plain')
        })
      }
      return { path: await this.opts.pickFolder(a.purpose, a.title) }
    },
    'engine.selfTest': async (arg) => {
      const id = randomUUID()
      const t0 = Date.now()
      const job = runInWorker<SelfTestResult>({ kind: 'selfTest', payload: arg }, (data) => {
        const p = data as Omit<ProgressEvent, 'id'>
        const elapsed = (Date.now() - t0) / 1000
        const etaSeconds = p.step > 0 ? (elapsed / p.step) * (p.totalSteps - p.step) : undefined
        this.hub.emit('selfTest.progress', { id, ...p, etaSeconds })
      })
      return this.track(job)
    },

    'workspace.create': async (a) => {
      this.refuseWhileTraining('switching workspaces')
      const dir = this.path(a.dir, 'workspace')
      if (workspaceExists(dir)) {
        throw new KeizokuError('conflict', `${dir} is already a Keizoku workspace.`, {
          hint: 'Open it instead of creating it.',
          say: say('workspace_exists.open', { dir })
        })
      }
      const ws = this.session.open(dir, {
        create: true,
        actor: this.actor(a.by),
        settings: { name: a.name ?? basename(dir), ...(a.language ? { language: a.language } : {}) }
      })
      await ws.backup()
      return this.opened(ws)
    },
    'workspace.createDemo': async (a) => {
      this.refuseWhileTraining('switching workspaces')
      const dir = this.path(a.dir, 'workspace')
      if (workspaceExists(dir)) {
        throw new KeizokuError('conflict', `${dir} is already a Keizoku workspace.`, {
          hint: 'Choose a new folder for the demo.',
          say: say('workspace_exists.demo', { dir })
        })
      }
      const name = a.demo === 'beef-enose' ? 'Beef freshness line (e-nose demo)' : 'Split-MNIST digits (demo)'
      const ws = this.session.open(dir, { create: true, actor: this.actor(a.by), settings: { name } })
      await addDemoTasks(ws, a.demo, this.actor(a.by))
      await ws.backup()
      return this.opened(ws)
    },
    'workspace.open': async (a) => {
      this.refuseWhileTraining('switching workspaces')
      const dir = this.path(a.dir, 'workspace')
      return this.opened(this.session.open(dir, { actor: this.actor(a.by) }))
    },
    'workspace.current': async () => {
      const ws = this.session.current()
      return ws ? this.summary(ws) : null
    },
    'workspace.close': async () => {
      this.refuseWhileTraining('closing the workspace')
      const had = this.session.current() !== null
      this.session.close()
      return { closed: had }
    },
    'workspace.recent': async () =>
      this.recent
        .read()
        .filter((e) => !this.root || isInside(this.root, e.dir))
        .map((e) => ({ ...e, exists: existsSync(join(e.dir, 'keizoku.db')) })),
    'workspace.check': async (a) => {
      const current = this.session.current()
      const dir = a.dir ? this.path(a.dir, 'workspace') : current?.dir
      if (!dir)
        throw new KeizokuError('invalid_argument', 'Name the workspace folder to check, or open one first.', {
          say: say('check_needs_folder')
        })
      return current && current.dir === dir ? current.check() : checkWorkspace(dir)
    },
    'workspace.repair': async (a) => {
      const current = this.session.current()
      const dir = a.dir ? this.path(a.dir, 'workspace') : current?.dir
      if (!dir) throw new KeizokuError('invalid_argument', 'Name the workspace folder to repair, or open one first.')
      this.refuseWhileTraining('repairing')
      const reopen = current?.dir === dir
      if (reopen) this.session.close()
      const report = await repairWorkspace(dir, this.actor(a.by))
      if (reopen) this.session.open(dir, {})
      return report
    },

    'settings.get': async () => this.ws().getSettings(),
    'settings.set': async (a) => {
      const { by, ...patch } = a
      const s = this.ws().updateSettings(patch, this.actor(by))
      this.hub.emit('workspace.changed', { dir: this.ws().dir, what: 'settings' })
      return s
    },

    'dataset.preview': async (a) => {
      const ws = this.session.current()
      const earlier = ws?.listTasks()[0]
      return previewDataset(this.sourcePaths(a.source), { holdout: a.holdout, expectedInputShape: earlier?.inputShape })
    },
    'task.add': async (a) => {
      const ws = this.ws()
      const t = await addTaskFromSource(
        ws,
        { name: a.name, source: this.sourcePaths(a.source), holdout: a.holdout, keepTrain: a.keepTrain },
        this.actor(a.by)
      )
      // Every host gets the backups docs/workspace-format.md promises (creation, each task add).
      await ws.backup()
      this.hub.emit('workspace.changed', { dir: ws.dir, what: 'tasks' })
      return { ...taskViews(ws).find((v) => v.id === t.id)!, warnings: t.warnings }
    },
    'task.list': async () => taskViews(this.ws()),
    'task.get': async (a) => {
      const ws = this.ws()
      const t = ws.getTask(a.task)
      return taskViews(ws).find((v) => v.id === t.id)!
    },
    'task.remove': async (a) => {
      const ws = this.ws()
      const view = taskViews(ws).find((v) => v.id === ws.getTask(a.task).id)!
      if (view.state !== 'registered' && view.state !== 'rejected') {
        throw new KeizokuError(
          'refused',
          `Task "${view.name}" is ${view.state}; only tasks not yet learned can be removed.`,
          {
            say: say('task_not_removable', { task: view.name, state: view.state })
          }
        )
      }
      ws.removeTask(view.id, this.actor(a.by))
      this.hub.emit('workspace.changed', { dir: ws.dir, what: 'tasks' })
      return { removed: view.id }
    },

    'transfer.get': async () => latestTransfer(this.ws()),
    'transfer.compute': async () => {
      const ws = this.ws()
      const m = await computeTransfer(ws)
      this.hub.emit('workspace.changed', { dir: ws.dir, what: 'transfer' })
      return m
    },

    'train.start': async (a) => {
      const ws = this.ws()
      const by = this.actor(a.by)
      const { job, task } = this.trainer.prepare(ws, { ...a, by })
      const done = this.trainer.run(ws, job, task, by)
      if (a.wait) return done
      done.catch(() => {
        // Failures are recorded on the job and sent as job.updated; nobody awaits this promise.
      })
      return { job: jobView(ws.getJob(job.id), taskMap(ws)), version: null }
    },
    'train.cancel': async (a) => {
      const ws = this.ws()
      // Screens show one running job with one Cancel button, whatever its kind.
      if (ws.getJob(a.job).kind === 'baselines') this.baselines.cancel(ws, a.job)
      else this.trainer.cancel(ws, a.job)
      ws.appendAudit({
        actor: this.actor(a.by),
        action: 'train.cancel-requested',
        subject: `job ${a.job}`,
        details: {}
      })
      return jobView(ws.getJob(a.job), taskMap(ws))
    },
    'train.resume': async (a) => {
      const ws = this.ws()
      const job = ws.getJob(a.job)
      if (job.kind !== 'train' || job.status !== 'interrupted') {
        throw new KeizokuError(
          'conflict',
          `Job ${job.id} is ${job.status}; only an interrupted training job can be resumed.`,
          {
            say: say('job_not_resumable', { job: job.id, status: job.status })
          }
        )
      }
      if (this.trainer.busy())
        throw new KeizokuError('conflict', 'Another training job is running in this workspace.', {
          say: say('training_running')
        })
      const by = this.actor(a.by)
      ws.appendAudit({
        actor: by,
        action: 'train.resumed',
        subject: `job ${job.id}`,
        details: { fromCheckpoint: job.checkpointHash !== null }
      })
      const done = this.trainer.run(ws, job, ws.getTask(job.taskId!), by)
      if (a.wait) return done
      done.catch(() => {})
      return { job: jobView(ws.getJob(job.id), taskMap(ws)), version: null }
    },
    'jobs.curves': async (a) => [...this.ws().jobCurves(a.jobs)].map(([job, curve]) => ({ job, curve })),
    'baselines.start': async (a) => {
      const ws = this.ws()
      const by = this.actor(a.by)
      const job = this.baselines.prepare(ws, { methods: a.methods, seeds: a.seeds, by })
      return this.runBaselines(ws, job.id, by, a.wait)
    },
    'baselines.resume': async (a) => {
      const ws = this.ws()
      this.baselines.assertResumable(ws, a.job)
      const by = this.actor(a.by)
      ws.appendAudit({
        actor: by,
        action: 'baselines.resumed',
        subject: `job ${a.job}`,
        details: { stored: ws.listBaselineRuns({ jobId: a.job }).length }
      })
      return this.runBaselines(ws, a.job, by, a.wait)
    },
    'baselines.cancel': async (a) => {
      const ws = this.ws()
      this.baselines.cancel(ws, a.job)
      ws.appendAudit({
        actor: this.actor(a.by),
        action: 'baselines.cancel-requested',
        subject: `job ${a.job}`,
        details: {}
      })
      return jobView(ws.getJob(a.job), taskMap(ws))
    },
    'baselines.list': async () => listBaselines(this.ws()),
    'jobs.list': async () => {
      const ws = this.ws()
      const tasks = taskMap(ws)
      return ws.listJobs({ limit: 200 }).map((j) => jobView(j, tasks))
    },

    'versions.list': async () => versionList(this.ws()),
    'versions.compare': async (a) => compareVersion(this.ws(), a.version),
    'version.approve': async (a) => this.decided(approve(this.ws(), a)),
    'version.reject': async (a) => this.decided(reject(this.ws(), a)),
    'version.rollback': async (a) => this.decided(rollback(this.ws(), a)),

    'model.export': async (a) =>
      exportModel(this.ws(), { task: a.task, outDir: this.path(a.outDir), by: this.actor(a.by) }),

    'report.build': async (a) => {
      const ws = this.ws()
      const r = await reportBuild(
        ws,
        {
          ...a,
          outFile: a.outFile ? this.path(a.outFile, 'file') : undefined,
          baselinesFile: a.baselinesFile ? this.path(a.baselinesFile, 'file') : undefined,
          by: this.actor(a.by)
        },
        this.opts.printPdf
      )
      if (r.path) this.hub.emit('workspace.changed', { dir: ws.dir, what: 'audit' })
      return r
    },

    'audit.list': async (a) => {
      const ws = this.ws()
      return { entries: ws.listAudit({ limit: a.limit ?? 500, action: a.action }), verification: ws.verifyAudit() }
    },

    'analysis.hscore': async (a) => hscoreOf(a.features, a.labels),
    'analysis.metrics': async (a) => metricsOf(a.matrix, a.baseline)
  }

  private async runBaselines(
    ws: Workspace,
    jobId: number,
    by: string,
    wait: boolean | undefined
  ): Promise<BaselinesOutcome> {
    const done = this.baselines.run(ws, jobId, by)
    if (wait) return done
    done.catch(() => {
      // Failures are recorded on the job and sent as job.updated; nobody awaits this promise.
    })
    return { job: jobView(ws.getJob(jobId), taskMap(ws)), runs: [] }
  }

  private async decided<V>(v: V): Promise<V> {
    const ws = this.ws()
    this.hub.emit('workspace.changed', { dir: ws.dir, what: 'versions' })
    await ws.backup()
    return v
  }

  /** In browser mode, data files named by the page must also lie inside the workspace root. */
  private sourcePaths<S extends { kind: string }>(source: S): S {
    const s = { ...source } as Record<string, unknown>
    for (const key of ['path', 'images', 'labels']) {
      // An image source's path is a folder; a CSV's path and the IDX images/labels are files.
      const kind = key === 'path' && source.kind === 'images' ? 'folder' : 'file'
      if (typeof s[key] === 'string') s[key] = this.path(s[key] as string, kind)
    }
    return s as S
  }
}
