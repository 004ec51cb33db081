import { z } from 'zod'
import type { CallName } from './channels'
import { TRANSFER_ESTIMATORS } from './transferability'
import { BENCHMARK_KINDS, DEMO_KINDS, LANGUAGES, REPORT_FORMATS, REPORT_KINDS } from './domain/lists'
import { METHODS } from './domain/methods'
import type {
  AppInfo,
  AuditListing,
  BaselineListing,
  BaselinesOutcome,
  CheckReport,
  ClMetricsResult,
  DatasetPreview,
  ExportResult,
  HScoreResult,
  JobView,
  RecentWorkspace,
  RepairReport,
  ReportBuildResult,
  SelfTestResult,
  TaskAdded,
  TaskView,
  TrainOutcome,
  TransferMatrix,
  VersionComparison,
  VersionView,
  WorkspaceSettings,
  WorkspaceSummary
} from './types'

/**
 * The API contract: for each call, the schema its argument must satisfy and the type of its
 * result. Every host validates with these schemas (in Service.call) before anything runs.
 */
const call =
  <R>() =>
  <A extends z.ZodType>(arg: A): { arg: A; result: R } => ({ arg, result: undefined as unknown as R })

const none = z.object({}).strict()
/** A folder path: absolute (desktop, CLI) or relative to the workspace root (browser mode). */
const dirPath = z
  .string()
  .min(1, 'a folder is required')
  .max(4096)
  .refine((s) => !s.includes('\0'), 'must not contain NUL characters')
const filePath = dirPath
const name = z.string().trim().min(1, 'a name is required').max(120)
const person = z.string().trim().min(1, 'say who you are').max(120)
const comment = z.string().max(4000)
const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
const taskRef = z.union([id, name])
const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1)
const method = z.enum(METHODS)

export const datasetSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('csv'),
      path: filePath,
      label: z.string().max(200).optional(),
      ignore: z.array(z.string().max(200)).max(1000).optional(),
      delimiter: z.enum([',', '\t', ';', '|']).optional(),
      header: z.boolean().optional()
    })
    .strict(),
  z
    .object({
      kind: z.literal('images'),
      path: dirPath,
      shape: z.tuple([z.number().int().min(4).max(512), z.number().int().min(4).max(512)]).optional()
    })
    .strict(),
  z.object({ kind: z.literal('idx'), images: filePath, labels: filePath }).strict(),
  z
    .object({
      kind: z.literal('builtin'),
      benchmark: z.enum(BENCHMARK_KINDS),
      k: z.number().int().min(0).max(99),
      seed: seed.optional()
    })
    .strict()
])

export const holdoutSchema = z
  .object({
    fraction: z.number().min(0).max(0.9).optional(),
    seed: seed.optional(),
    groupBy: z
      .object({ column: z.string().min(1).max(200), size: z.number().positive().max(1e12).optional() })
      .strict()
      .optional()
  })
  .strict()

const policySchema = z
  .object({
    maxOldTaskDrop: z.number().min(0).max(100).optional(),
    minNewTaskAccuracy: z.number().min(0).max(1).optional()
  })
  .strict()

const costsSchema = z
  .object({
    computePerHour: z.number().min(0).max(1e9).optional(),
    storagePerGBMonth: z.number().min(0).max(1e9).optional(),
    valuePerAccuracyPoint: z.number().min(0).max(1e12).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'use a 3-letter currency code such as USD or JPY')
      .optional()
  })
  .strict()

/** Engine settings travel as JSON; the engine's own schema checks every field (resolveConfig). */
const engineConfig = z
  .record(z.string().max(100), z.unknown())
  .refine((o) => JSON.stringify(o).length < 100_000, 'config is too large')

export const api = {
  'app.info': call<AppInfo>()(none),
  /** Desktop only: the system folder picker. Browser mode answers 'unavailable' (type a path instead). */
  'app.pickFolder': call<{ path: string | null }>()(
    z.object({ purpose: z.enum(['workspace', 'data', 'export']), title: z.string().max(200).optional() }).strict()
  ),
  'engine.selfTest': call<SelfTestResult>()(
    z
      .object({
        steps: z.number().int().min(1).max(2000).default(60),
        seed: seed.default(1)
      })
      .strict()
  ),

  'workspace.create': call<WorkspaceSummary>()(
    z
      .object({ dir: dirPath, name: name.optional(), language: z.enum(LANGUAGES).optional(), by: person.optional() })
      .strict()
  ),
  'workspace.createDemo': call<WorkspaceSummary>()(
    z.object({ dir: dirPath, demo: z.enum(DEMO_KINDS), by: person.optional() }).strict()
  ),
  'workspace.open': call<WorkspaceSummary>()(z.object({ dir: dirPath, by: person.optional() }).strict()),
  'workspace.current': call<WorkspaceSummary | null>()(none),
  'workspace.close': call<{ closed: boolean }>()(none),
  'workspace.recent': call<RecentWorkspace[]>()(none),
  'workspace.check': call<CheckReport>()(z.object({ dir: dirPath.optional() }).strict()),
  /** Restore the newest sound backup of a damaged workspace (closing it first when it is the open one). */
  'workspace.repair': call<RepairReport>()(z.object({ dir: dirPath.optional(), by: person.optional() }).strict()),

  'settings.get': call<WorkspaceSettings>()(none),
  'settings.set': call<WorkspaceSettings>()(
    z
      .object({
        name: name.optional(),
        language: z.enum(LANGUAGES).optional(),
        policy: policySchema.optional(),
        costs: costsSchema.optional(),
        transferEstimator: z.enum(['auto', ...TRANSFER_ESTIMATORS]).optional(),
        by: person.optional()
      })
      .strict()
  ),

  'dataset.preview': call<DatasetPreview>()(
    z.object({ source: datasetSourceSchema, holdout: holdoutSchema.optional() }).strict()
  ),
  'task.add': call<TaskAdded>()(
    z
      .object({
        name,
        source: datasetSourceSchema,
        holdout: holdoutSchema.optional(),
        keepTrain: z.boolean().optional(),
        by: person.optional()
      })
      .strict()
  ),
  'task.list': call<TaskView[]>()(none),
  'task.get': call<TaskView>()(z.object({ task: taskRef }).strict()),
  'task.remove': call<{ removed: number }>()(z.object({ task: taskRef, by: person.optional() }).strict()),

  'transfer.get': call<TransferMatrix | null>()(none),
  'transfer.compute': call<TransferMatrix>()(none),

  'train.start': call<TrainOutcome>()(
    z
      .object({
        task: taskRef,
        method: method.optional(),
        steps: z.number().int().min(1).max(1_000_000).optional(),
        seed: seed.optional(),
        config: engineConfig.optional(),
        /** Resolve only when the job has finished (CLI); otherwise return as soon as it is queued. */
        wait: z.boolean().optional(),
        by: person.optional()
      })
      .strict()
  ),
  'train.cancel': call<JobView>()(z.object({ job: id, by: person.optional() }).strict()),
  'train.resume': call<TrainOutcome>()(
    z.object({ job: id, wait: z.boolean().optional(), by: person.optional() }).strict()
  ),
  'jobs.list': call<JobView[]>()(none),

  /** Measure baselines on the active lineage's tasks (same order, splits and settings) in a background job. */
  'baselines.start': call<BaselinesOutcome>()(
    z
      .object({
        methods: z.array(method).min(1, 'choose at least one method').max(6),
        /** Default: the active lineage's seed. */
        seeds: z.array(seed).min(1).max(10).optional(),
        wait: z.boolean().optional(),
        by: person.optional()
      })
      .strict()
  ),
  /** Continue a cancelled or interrupted baselines job: finished runs are kept, the current one resumes at its next task. */
  'baselines.resume': call<BaselinesOutcome>()(
    z.object({ job: id, wait: z.boolean().optional(), by: person.optional() }).strict()
  ),
  'baselines.cancel': call<JobView>()(z.object({ job: id, by: person.optional() }).strict()),
  'baselines.list': call<BaselineListing>()(none),

  'versions.list': call<VersionView[]>()(none),
  'versions.compare': call<VersionComparison>()(z.object({ version: id }).strict()),
  'version.approve': call<VersionView>()(
    z.object({ version: id, by: person, comment: comment.optional(), override: z.boolean().optional() }).strict()
  ),
  'version.reject': call<VersionView>()(
    z.object({ version: id, by: person, comment: comment.min(1, 'a comment is required') }).strict()
  ),
  'version.rollback': call<VersionView>()(
    z.object({ to: id, by: person, comment: comment.min(1, 'a comment is required') }).strict()
  ),

  'model.export': call<ExportResult>()(z.object({ task: taskRef, outDir: dirPath, by: person.optional() }).strict()),

  'report.build': call<ReportBuildResult>()(
    z
      .object({
        kind: z.enum(REPORT_KINDS),
        format: z.enum(REPORT_FORMATS),
        lang: z.enum(LANGUAGES).optional(),
        /** Export to this file; without it the html or csv comes back as a preview. */
        outFile: filePath.optional(),
        /** A `keizoku bench --out` results file shown as measured benchmark baselines. */
        baselinesFile: filePath.optional(),
        versionId: id.optional(),
        by: person.optional()
      })
      .strict()
  ),

  'audit.list': call<AuditListing>()(
    z.object({ limit: z.number().int().min(1).max(10_000).optional(), action: z.string().max(100).optional() }).strict()
  ),

  /** H-score of a feature table (rows = samples) for its class labels; no workspace needed. */
  'analysis.hscore': call<HScoreResult>()(
    z
      .object({
        features: z.array(z.array(z.number())).min(1, 'at least one row of features is required'),
        labels: z.array(z.number().int().min(0))
      })
      .strict()
  ),
  /** Average accuracy, BWT, FWT and forgetting of an accuracy matrix R (and an untrained-model row b for FWT). */
  'analysis.metrics': call<ClMetricsResult>()(
    z.object({ matrix: z.array(z.array(z.number())), baseline: z.array(z.number()).optional() }).strict()
  )
} satisfies Record<CallName, { arg: z.ZodType; result: unknown }>

export type Api = typeof api
export type CallArg<N extends CallName> = z.input<Api[N]['arg']>
export type ParsedArg<N extends CallName> = z.output<Api[N]['arg']>
export type CallResult<N extends CallName> = Api[N]['result']
