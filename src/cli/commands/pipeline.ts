import { loadConfigArg } from '../../service/namedConfigs'
import { Service } from '../../service/service'
import type { JobProgress, TrainOutcome, TransferMatrix, VersionView } from '../../shared/types'
import {
  MIN_PAIRS_FOR_RHO,
  estimatorUsedIn,
  transferRecordIn,
  type TransferEstimator,
  type TransferRecord
} from '../../shared/transferability'
import { emit, table } from '../output'
import { intOption, requireString, stringOption } from '../parse'
import { emitBaselines, resumeBaselines } from './baselines'
import type { Command } from './types'
import { withWorkspace } from './workspaceCli'

const pct = (x: number | null | undefined): string => (typeof x === 'number' ? `${(x * 100).toFixed(2)} %` : '—')

function describeVersion(v: VersionView): string {
  return `version ${v.id} (${v.status}) for "${v.taskName}": accuracy ${v.accuracyRow.map(pct).join(', ')}`
}

function outcomeJson(o: TrainOutcome): unknown {
  return { job: o.job, version: o.version?.id ?? null, candidate: o.version }
}

function guidanceLine(t: TransferRecord | null | undefined): string {
  if (!t) return ''
  const row = t.estimates[t.estimator].map((h) => h.toFixed(3)).join(', ')
  const measured = `measured transfer (linear probe, holdout accuracy): ${t.measured.map((a) => (a === null ? '—' : pct(a))).join(', ')}`
  if (t.guidance === 'untrusted-fallback') {
    return `guidance: none — no estimator's ρ against measured transfer was above 0 on this workspace; trained without guidance\n${measured}`
  }
  if (t.guidance === 'flat-fallback') {
    return `guidance: none — the ${t.estimator} row (${row}) is flat (spread ${t.spread?.toFixed(4)} < ${t.flatLimit.toFixed(3)}); trained without guidance\n${measured}`
  }
  return `guidance: ${t.guidance === 'followed' ? `followed the ${t.estimator} row (${row})` : 'not used by this method or task'}\n${measured}`
}

/** Which estimator a version's training followed and what its guidance did, e.g. "hscore: flat-fallback". */
function guidanceCell(v: VersionView): string {
  const t = transferRecordIn(v.metrics)
  return t ? `${estimatorUsedIn(v.metrics)?.estimator ?? t.estimator}: ${t.guidance}` : '—'
}

function humanOutcome(o: TrainOutcome): string {
  if (!o.version) return `job ${o.job.id} ${o.job.status}${o.job.error ? `: ${o.job.error.message}` : ''}`
  const v = o.version
  return [
    `job ${o.job.id} ${o.job.status}: candidate version ${v.id} for "${v.taskName}" (${v.method}, seed ${v.seed}, ${v.backend})`,
    `accuracy per task: ${v.accuracyRow.map(pct).join(', ')}`,
    v.transferRow.length ? `transferability row (H-score): ${v.transferRow.map((h) => h.toFixed(3)).join(', ')}` : '',
    guidanceLine(v.metrics.transfer as TransferRecord | null | undefined),
    `decide with: keizoku approve DIR --version ${v.id} --by NAME   or   keizoku reject DIR --version ${v.id} --by NAME --comment WHY`
  ]
    .filter(Boolean)
    .join('\n')
}

/** Progress lines on stderr (stdout stays for the result), at most one every two seconds. */
function progressPrinter(service: Service, quiet: boolean): () => void {
  if (quiet) return () => {}
  let last = 0
  return service.subscribe((event, payload) => {
    if (event !== 'job.progress') return
    const p = payload as JobProgress
    const now = Date.now()
    if (now - last < 2000 && p.step !== p.totalSteps) return
    last = now
    process.stderr.write(
      `  step ${p.step}/${p.totalSteps}  loss ${p.loss?.total.toFixed(4) ?? '?'}  batch acc ${pct(p.batchAccuracy)}  ETA ${Math.round(p.etaSeconds ?? 0)} s\n`
    )
  })
}

/** Ctrl+C cancels the job cleanly (the workspace stays as before it) instead of killing it. */
export function cancelOnInterrupt(service: Service): () => void {
  const handler = (): void => {
    process.stderr.write('Cancelling… (the workspace stays as it was before this job)\n')
    void service
      .invoke('jobs.list', {})
      .then((jobs) => jobs.find((j) => j.status === 'running'))
      .then((j) =>
        j ? service.invoke(j.kind === 'baselines' ? 'baselines.cancel' : 'train.cancel', { job: j.id }) : undefined
      )
  }
  process.once('SIGINT', handler)
  return () => process.removeListener('SIGINT', handler)
}

const TRAIN_USAGE =
  'keizoku train DIR --task NAME [--method M] [--steps N] [--seed S] [--config NAME|FILE.json] [--by NAME] [--json]'
export const trainCommand: Command = {
  name: 'train',
  summary: 'Learn a registered task: transferability row, H-embedding, training, evaluation → a candidate version.',
  usage: TRAIN_USAGE,
  options: {
    task: { type: 'string' },
    method: { type: 'string' },
    steps: { type: 'string' },
    seed: { type: 'string' },
    config: { type: 'string' },
    by: { type: 'string' }
  },
  async run(args, ctx) {
    const task = requireString(args, 'task', TRAIN_USAGE)
    const configArg = stringOption(args, 'config')
    // A shipped config goes by name, so the version records which one produced it.
    const loaded = configArg ? loadConfigArg(configArg) : undefined
    const o = await withWorkspace(args, TRAIN_USAGE, async (s, by) => {
      const off = progressPrinter(s, ctx.json)
      const offInt = cancelOnInterrupt(s)
      try {
        return await s.invoke('train.start', {
          task,
          method: stringOption(args, 'method'),
          steps: args.values.steps !== undefined ? intOption(args, 'steps', 0) : undefined,
          seed: args.values.seed !== undefined ? intOption(args, 'seed', 0) : undefined,
          config: loaded && loaded.name === null ? loaded.config : undefined,
          configName: loaded?.name ?? undefined,
          wait: true,
          by
        })
      } finally {
        off()
        offInt()
      }
    })
    emit(ctx, outcomeJson(o), () => humanOutcome(o))
    if (o.job.status !== 'succeeded') process.exitCode = 1
  }
}

const RESUME_USAGE = 'keizoku resume DIR --job ID [--by NAME] [--json]'
export const resumeCommand: Command = {
  name: 'resume',
  summary: 'Resume an interrupted training job, or a cancelled or interrupted baselines job, from its last checkpoint.',
  usage: RESUME_USAGE,
  options: { job: { type: 'string' }, by: { type: 'string' } },
  async run(args, ctx) {
    requireString(args, 'job', RESUME_USAGE)
    const id = intOption(args, 'job', 0)
    const o = await withWorkspace(args, RESUME_USAGE, async (s, by) => {
      const job = (await s.invoke('jobs.list', {})).find((j) => j.id === id)
      if (job?.kind === 'baselines') return { baselines: await resumeBaselines(s, id, by, ctx.json) }
      const off = progressPrinter(s, ctx.json)
      try {
        return { train: await s.invoke('train.resume', { job: id, wait: true, by }) }
      } finally {
        off()
      }
    })
    if (o.baselines) return emitBaselines(ctx, o.baselines)
    emit(ctx, outcomeJson(o.train), () => humanOutcome(o.train))
    if (o.train.job.status !== 'succeeded') process.exitCode = 1
  }
}

const TRANSFER_USAGE = 'keizoku transfer DIR [--recommend-order] [--json]'
export const transferCommand: Command = {
  name: 'transfer',
  summary:
    'Compute the transferability matrix (every estimator), its ρ against measured transfer, and a suggested task order.',
  usage: TRANSFER_USAGE,
  options: { 'recommend-order': { type: 'boolean' } },
  async run(args, ctx) {
    const m = await withWorkspace(args, TRANSFER_USAGE, (s) => s.invoke('transfer.compute', {}))
    const orderOnly = args.values['recommend-order'] === true
    emit(ctx, orderOnly ? { recommendedOrder: m.recommendedOrder, estimator: m.estimator, trust: m.trust } : m, () => {
      const trust = trustLines(m)
      if (orderOnly) return [...orderLines(m), ...trust].join('\n')
      if (m.sourceTaskIds.length === 0)
        return ['No task is learned yet: the matrix has no columns. Train the first task.', ...trust].join('\n')
      const rows: Array<Array<string | number>> = [['data of \\ weights of', ...m.sourceNames]]
      m.targetNames.forEach((n, i) =>
        rows.push([
          `${n}${m.flatRows[i] ? ' (flat)' : ''}`,
          ...m.scores[i].map((h) => (h === null ? '—' : h.toFixed(4)))
        ])
      )
      return [
        table(rows),
        `(${ESTIMATOR_TEXT[m.estimator]}; higher = more transferable; ${m.backend}, ${Math.round(m.millis ?? 0)} ms)`,
        ...trust,
        ...orderLines(m)
      ].join('\n')
    })
  }
}

const ESTIMATOR_TEXT: Record<TransferEstimator, string> = {
  hscore: 'H-score, 0 … classes − 1',
  shrinkage: 'shrinkage H-score (Ledoit–Wolf), 0 … classes − 1',
  logme: 'LogME, nats per sample',
  normalised: 'H-score / (classes − 1), 0 … 1'
}

/** The estimator in use, its ρ against measured transfer with n, the plain verdict, every estimator's ρ, flat rows. */
function trustLines(m: TransferMatrix): string[] {
  const t = m.trust
  const rho = (r: number | null): string => (r === null ? 'n/a' : r.toFixed(2))
  const verdict =
    t.level === 'good'
      ? 'On this workspace the matrix predicted transfer well.'
      : t.level === 'poor'
        ? 'On this workspace the matrix predicted transfer poorly; give the matrix and the guidance little weight.'
        : `How well the matrix predicts transfer on this workspace is not yet known (needs ${MIN_PAIRS_FOR_RHO} measured pairs).`
  const flat = m.targetNames.filter((_, i) => m.flatRows[i])
  return [
    `estimator in use: ${t.estimator}${t.choice === 'auto' ? ' (auto)' : ''}; Spearman ρ against measured transfer ${rho(t.rho)} (n = ${t.n})`,
    verdict,
    ...(t.guide ? [] : ['no estimator has ρ above 0: while the setting is auto, new tasks train without guidance']),
    `every estimator: ${t.fits.map((f) => `${f.estimator} ρ ${rho(f.rho)}`).join(', ')} (n = ${t.n})`,
    ...(flat.length
      ? [
          `flat rows (spread < ${t.flatThreshold * 100} % of the scale; guidance falls back to none): ${flat.join(', ')}`
        ]
      : [])
  ]
}

function orderLines(m: TransferMatrix): string[] {
  if (m.recommendedOrder.length === 0) return ['suggested order: every registered task is learned.']
  return [
    `suggested order for the tasks not yet learned (best predicted transfer from what is learned; ρ ${m.trust.rho === null ? 'n/a' : m.trust.rho.toFixed(2)}, n = ${m.trust.n}):`,
    ...m.recommendedOrder.map(
      (o, k) =>
        `  ${k + 1}. ${o.name}${o.score === null ? ' (no prediction yet)' : ` — ${o.score.toFixed(3)} from ${o.bestSource}`}`
    )
  ]
}

const VERSIONS_USAGE = 'keizoku versions DIR [--json]'
export const versionsCommand: Command = {
  name: 'versions',
  summary: 'List model versions (candidate, active, rejected, superseded) with their accuracy rows.',
  usage: VERSIONS_USAGE,
  options: {},
  async run(args, ctx) {
    const vs = await withWorkspace(args, VERSIONS_USAGE, (s) => s.invoke('versions.list', {}))
    emit(ctx, vs, () =>
      vs.length === 0
        ? 'No versions yet.'
        : table([
            ['id', 'status', 'task', 'method', 'accuracy per task', 'transfer guidance', 'created'],
            ...vs.map((v) => [
              v.id,
              v.status,
              v.taskName,
              v.method,
              v.accuracyRow.map(pct).join(' '),
              guidanceCell(v),
              v.createdAt
            ])
          ])
    )
  }
}

const JOBS_USAGE = 'keizoku jobs DIR [--json]'
export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'List jobs and their status (interrupted jobs can be resumed).',
  usage: JOBS_USAGE,
  options: {},
  async run(args, ctx) {
    const jobs = await withWorkspace(args, JOBS_USAGE, (s) => s.invoke('jobs.list', {}))
    emit(ctx, jobs, () =>
      jobs.length === 0
        ? 'No jobs yet.'
        : table([
            ['id', 'kind', 'status', 'task', 'progress', 'version', 'created'],
            ...jobs.map((j) => [
              j.id,
              j.kind,
              j.status + (j.resumable ? ' (resume with keizoku resume)' : ''),
              j.taskName ?? '',
              j.progress ? `${j.progress.step}/${j.progress.totalSteps}` : '',
              j.versionId ?? '',
              j.createdAt
            ])
          ])
    )
  }
}

const JOBS_CANCEL_USAGE = 'keizoku jobs cancel DIR --job ID [--by NAME] [--json]'
export const jobsCancelCommand: Command = {
  name: 'jobs cancel',
  summary: 'Cancel a queued or interrupted job (its task goes back to registered), or stop a running one.',
  usage: JOBS_CANCEL_USAGE,
  options: { job: { type: 'string' }, by: { type: 'string' } },
  async run(args, ctx) {
    requireString(args, 'job', JOBS_CANCEL_USAGE)
    const j = await withWorkspace(args, JOBS_CANCEL_USAGE, (s, by) =>
      s.invoke('train.cancel', { job: intOption(args, 'job', 0), by })
    )
    emit(ctx, j, () => `job ${j.id} ${j.status}`)
  }
}

const APPROVE_USAGE = 'keizoku approve DIR --version V --by NAME [--comment C] [--override]'
export const approveCommand: Command = {
  name: 'approve',
  summary: 'Make a candidate version active (only when the approval policy passes, or with --override and a comment).',
  usage: APPROVE_USAGE,
  options: {
    version: { type: 'string' },
    by: { type: 'string' },
    comment: { type: 'string' },
    override: { type: 'boolean' }
  },
  async run(args, ctx) {
    requireString(args, 'by', APPROVE_USAGE)
    requireString(args, 'version', APPROVE_USAGE)
    const v = await withWorkspace(args, APPROVE_USAGE, (s, by) =>
      s.invoke('version.approve', {
        version: intOption(args, 'version', 0),
        by,
        comment: stringOption(args, 'comment'),
        override: args.values.override === true
      })
    )
    emit(ctx, v, () => `Approved ${describeVersion(v)}`)
  }
}

const REJECT_USAGE = 'keizoku reject DIR --version V --by NAME --comment C'
export const rejectCommand: Command = {
  name: 'reject',
  summary: 'Discard a candidate version; the active version stays exactly as it was.',
  usage: REJECT_USAGE,
  options: { version: { type: 'string' }, by: { type: 'string' }, comment: { type: 'string' } },
  async run(args, ctx) {
    requireString(args, 'by', REJECT_USAGE)
    requireString(args, 'version', REJECT_USAGE)
    const comment = requireString(args, 'comment', REJECT_USAGE)
    const v = await withWorkspace(args, REJECT_USAGE, (s, by) =>
      s.invoke('version.reject', { version: intOption(args, 'version', 0), by, comment })
    )
    emit(ctx, v, () => `Rejected ${describeVersion(v)}`)
  }
}

const ROLLBACK_USAGE = 'keizoku rollback DIR --to V --by NAME --comment C'
export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'Return to an earlier approved version.',
  usage: ROLLBACK_USAGE,
  options: { to: { type: 'string' }, by: { type: 'string' }, comment: { type: 'string' } },
  async run(args, ctx) {
    requireString(args, 'by', ROLLBACK_USAGE)
    requireString(args, 'to', ROLLBACK_USAGE)
    const comment = requireString(args, 'comment', ROLLBACK_USAGE)
    const v = await withWorkspace(args, ROLLBACK_USAGE, (s, by) =>
      s.invoke('version.rollback', { to: intOption(args, 'to', 0), by, comment })
    )
    emit(ctx, v, () => `Active again: ${describeVersion(v)}`)
  }
}

const EXPORT_USAGE = 'keizoku export-model DIR --task NAME --out DIR [--json]'
export const exportModelCommand: Command = {
  name: 'export-model',
  summary: 'Write an approved task’s network as a standalone TensorFlow.js Layers model.',
  usage: EXPORT_USAGE,
  options: { task: { type: 'string' }, out: { type: 'string' }, by: { type: 'string' } },
  async run(args, ctx) {
    const task = requireString(args, 'task', EXPORT_USAGE)
    const outDir = requireString(args, 'out', EXPORT_USAGE)
    const r = await withWorkspace(args, EXPORT_USAGE, (s, by) => s.invoke('model.export', { task, outDir, by }))
    emit(
      ctx,
      r,
      () =>
        `Exported "${r.taskName}" (version ${r.versionId}, holdout accuracy ${pct(r.holdoutAccuracy)}) to ${r.dir}: ${r.files.join(', ')}`
    )
  }
}

export const PIPELINE_COMMANDS: Command[] = [
  transferCommand,
  trainCommand,
  versionsCommand,
  approveCommand,
  rejectCommand,
  rollbackCommand,
  exportModelCommand,
  jobsCommand,
  jobsCancelCommand,
  resumeCommand
]
