import type { Service } from '../../service/service'
import type { BaselinesOutcome, JobProgress } from '../../shared/types'
import { emit, table, type CliContext } from '../output'
import { intOption, methodsOption, seedsOption } from '../parse'
import { cancelOnInterrupt } from './pipeline'
import { withWorkspace } from './workspaceCli'
import type { Command } from './types'

const USAGE =
  'keizoku baselines DIR [--methods independent,finetune,ewc] [--seeds 1,2,3] [--resume JOB] [--by NAME] [--json]'
const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(2)} %`)

/** One line per (method, seed, task) on stderr, at most every two seconds within a task. */
function printer(service: Service, quiet: boolean): () => void {
  if (quiet) return () => {}
  let last = 0
  let lastKey = ''
  return service.subscribe((event, payload) => {
    if (event !== 'job.progress') return
    const p = payload as JobProgress
    if (p.phase !== 'baselines') return
    const key = `${p.method}/${p.seed}/${p.task}`
    const now = Date.now()
    if (key === lastKey && now - last < 2000) return
    last = now
    lastKey = key
    process.stderr.write(
      `  ${p.method} seed ${p.seed}: task ${p.task}/${p.tasks}  overall ${p.step}/${p.totalSteps} steps  ETA ${Math.round(p.etaSeconds ?? 0)} s\n`
    )
  })
}

function human(o: BaselinesOutcome): string {
  const head = `job ${o.job.id} ${o.job.status}${o.job.error && o.job.status !== 'succeeded' ? `: ${o.job.error.message}` : ''}`
  if (o.runs.length === 0) return head
  const skipped = o.runs[0].skipped
  return [
    head,
    table([
      ['method', 'seed', 'tasks', 'final average', 'forgetting', 'training s', 'backend'],
      ...o.runs.map((r) => [
        r.method,
        r.seed,
        r.taskIds.length,
        pct(r.averageAccuracy),
        pct(r.forgetting),
        r.trainSeconds.toFixed(1),
        r.backend
      ])
    ]),
    skipped.length ? `skipped (training data dropped): ${skipped.map((s) => s.name).join(', ')}` : '',
    o.job.status === 'cancelled'
      ? `continue with: keizoku baselines DIR --resume ${o.job.id}`
      : 'the ROI report now uses these: keizoku report DIR --kind roi --format pdf --out roi.pdf'
  ]
    .filter(Boolean)
    .join('\n')
}

export const baselinesCommand: Command = {
  name: 'baselines',
  summary:
    'Measure baselines (independent, finetune, ewc) on the learned tasks: same order, splits and settings as the active lineage.',
  usage: USAGE,
  options: {
    methods: { type: 'string' },
    seeds: { type: 'string' },
    resume: { type: 'string' },
    by: { type: 'string' }
  },
  async run(args, ctx) {
    const methods = methodsOption(args, USAGE) ?? ['independent', 'finetune']
    const seeds = seedsOption(args, USAGE)
    const o = await withWorkspace(args, USAGE, (s, by) =>
      args.values.resume !== undefined
        ? resumeBaselines(s, intOption(args, 'resume', 0), by, ctx.json)
        : watched(s, ctx.json, () => s.invoke('baselines.start', { methods, seeds, wait: true, by }))
    )
    emitBaselines(ctx, o)
  }
}

/** Runs a baselines call with progress on stderr and Ctrl-C as cancel. */
async function watched(s: Service, quiet: boolean, call: () => Promise<BaselinesOutcome>): Promise<BaselinesOutcome> {
  const off = printer(s, quiet)
  const offInt = cancelOnInterrupt(s)
  try {
    return await call()
  } finally {
    off()
    offInt()
  }
}

/** Continues a cancelled or interrupted baselines job (also reached through `keizoku resume --job`). */
export function resumeBaselines(s: Service, job: number, by: string, quiet: boolean): Promise<BaselinesOutcome> {
  return watched(s, quiet, () => s.invoke('baselines.resume', { job, wait: true, by }))
}

export function emitBaselines(ctx: CliContext, o: BaselinesOutcome): void {
  emit(ctx, o, () => human(o))
  if (o.job.status !== 'succeeded') process.exitCode = 1
}
