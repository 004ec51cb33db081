/**
 * The ROI report: Keizoku's method (the reported lineage) against the baselines that were
 * actually measured — in this workspace (versions trained with another method) or on a
 * benchmark (a bench results file, labelled as such) — plus the methods that were not measured.
 *
 * Per method: final average accuracy, forgetting, BWT (from its accuracy matrix through the
 * engine's clMetrics), total training time (Σ timings.trainMs of its versions, or the bench wall
 * time), model storage and retained old training data.
 *
 *   model storage (float32)   = 4 B × (shared + perTask × T)   (+ 8 B × shared for EWC: F̃ and θ*)
 *   one model per task        = 4 B × mainNet × T
 *
 * Costs (settings.costs; GB = 10⁹ B), for Keizoku K against baseline B on the same tasks:
 *   compute      = training hours × computePerHour                       (one-off)
 *   storage      = (model bytes + retained data bytes) / 10⁹ × storagePerGBMonth   (per month)
 *   value        = (ACC_K − ACC_B) × 100 × T × valuePerAccuracyPoint      (per month)
 *   savings      = storage_B − storage_K + value                         (per month)
 *   extra        = compute_K − compute_B                                 (one-off)
 *   payback      = extra / savings months   (immediately when extra ≤ 0; never when savings ≤ 0)
 */
import { METHODS } from '../../shared/domain/methods'
import type { CostSettings, VersionRecord, Workspace } from '../../workspace'
import { barsSvg } from './charts'
import {
  accuracyMatrix,
  collectLineage,
  matrixMetrics,
  parameterCounts,
  trainMillis,
  untrainedAccuracies
} from './collect'
import type { CsvTable } from './csv'
import { bytes, duration, escapeHtml, fixed, money, pct, pp, when } from './format'
import { figure, num, pageHtml, para, section, tableHtml, type Cell } from './html'
import { strings, type Strings } from './i18n'
import { crossoverHtml, measuredNotes, noiseHtml, spreadCell, storageOnlySavings } from './roiMeasuredHtml'
import { measuredStrings } from './i18nMeasured'
import {
  collectMeasured,
  meanMetrics,
  spreadOf,
  type MeasuredRuns,
  type MeasuredSpread,
  type NoiseVerdict
} from './roiMeasured'
import { storageCrossover, type StorageCrossover } from './storageCrossover'
import type { BenchResults, MetricsResult, ReportLang } from './types'
import type { MeanInterval, PairedComparison } from '../../shared/seedSummary'

/** Baselines the issue asks for at minimum; the report always says whether they were measured. */
export const REQUIRED_BASELINES = ['independent', 'finetune'] as const

export interface MethodSummary {
  method: string
  source: 'workspace' | 'bench'
  main: boolean
  /** Where the numbers come from, e.g. 'versions #3 … #7' or 'results.json, seeds 1, 2'. */
  provenance: string
  at: string | null
  versionIds: number[]
  /** Bench seeds the numbers are averaged over (bench only). */
  seeds: number[]
  /** Bench only: mean ± 95 % interval over the seeds per metric (empty for the workspace). */
  intervals?: Record<string, MeanInterval>
  tasks: number
  metrics: MetricsResult
  trainSeconds: number | null
  modelBytes: number | null
  modelBytesHow: string
  perTaskModelsBytes: number | null
  /** Old training data the method itself needs to keep (no method here replays data). */
  dataKeptBytes: number
  /** Baseline runs on this workspace's tasks the numbers come from (measured baselines only). */
  runIds?: number[]
  parameterCounts?: { shared: number; perTask: number; mainNet: number } | null
  /** 95 % intervals over seeds (≥ 2 seeds), else null. */
  spread?: MeasuredSpread | null
}

export interface CostComparison {
  source: 'workspace' | 'bench'
  main: string
  baseline: string
  tasks: number
  computeMain: number | null
  computeBase: number | null
  storageMain: number | null
  storageBase: number | null
  accuracyValue: number | null
  monthlySavings: number | null
  extraCost: number | null
  paybackMonths: number | null
  verdict: 'immediate' | 'months' | 'never' | 'unknown'
  /** Is the accuracy difference more than seed-to-seed noise (measured baselines only)? */
  noise?: NoiseVerdict
}

export interface RoiData {
  workspaceName: string
  generatedAt: string
  reportedVersionId: number | null
  mainMethod: string | null
  workspace: MethodSummary[]
  bench: {
    file: string
    benchmark: string | null
    createdAt: string | null
    methods: MethodSummary[]
    paired: PairedComparison[]
  } | null
  notMeasured: string[]
  snapshotBytes: number | null
  retained: { bytes: number; tasksKeeping: number; tasks: number }
  costs: CostSettings
  costsSet: boolean
  comparisons: CostComparison[]
  /** Baselines measured on this workspace's tasks for the reported version; null when none. */
  measured: MeasuredRuns | null
  /** The reported lineage over all its tasks (the results table may show it on fewer). */
  lineageFull: MethodSummary | null
  storage: StorageCrossover | null
}

function storageBytes(method: string, p: { shared: number; perTask: number } | null, T: number): number | null {
  if (!p) return null
  return 4 * (p.shared + p.perTask * T) + (method === 'ewc' ? 8 * p.shared : 0)
}

function summariseVersions(ws: Workspace, last: VersionRecord, main: boolean): MethodSummary {
  const lineage = collectLineage(ws, last.id)
  const matrix = accuracyMatrix(lineage)
  const T = lineage.tasks.length
  const ms = trainMillis(lineage.versions)
  const pcVersion = [...lineage.versions].reverse().find((v) => parameterCounts(v) !== null) ?? null
  const pc = pcVersion ? parameterCounts(pcVersion) : null
  const first = lineage.versions[0]
  return {
    method: last.method,
    source: 'workspace',
    main,
    provenance: first.id === last.id ? `#${last.id}` : `#${first.id} … #${last.id}`,
    at: last.createdAt,
    versionIds: lineage.versions.map((v) => v.id),
    seeds: [],
    intervals: {},
    tasks: T,
    metrics: matrixMetrics(
      matrix.rows.map((r) => r.values),
      untrainedAccuracies(lineage)
    ),
    trainSeconds: ms === null ? null : ms / 1000,
    modelBytes: storageBytes(last.method, pc, T),
    modelBytesHow: pcVersion ? `#${pcVersion.id}` : '',
    perTaskModelsBytes: pc ? 4 * pc.mainNet * T : null,
    dataKeptBytes: 0,
    parameterCounts: pc
  }
}

function summariseBench(bench: BenchResults, mainMethod: string | null): MethodSummary[] {
  return bench.methods.map((b) => {
    const T = b.R.length
    const R = b.R.map((row) => row.map((v) => (Number.isFinite(v) ? v : null)))
    const model = storageBytes(b.method, b.parameterCounts, T) ?? (b.bytesPerTask !== null ? b.bytesPerTask * T : null)
    return {
      method: b.method,
      source: 'bench' as const,
      main: b.method === (mainMethod ?? 'hemb'),
      provenance: bench.file,
      at: bench.createdAt,
      versionIds: [],
      seeds: b.seeds,
      intervals: b.intervals,
      tasks: T,
      metrics: matrixMetrics(R, b.b),
      trainSeconds: b.wallSeconds,
      modelBytes: model,
      modelBytesHow: b.parameterCounts ? 'parameterCounts' : b.bytesPerTask !== null ? 'bytesPerTask × T' : '',
      perTaskModelsBytes: b.parameterCounts ? 4 * b.parameterCounts.mainNet * T : null,
      dataKeptBytes: 0
    }
  })
}

/** A method measured by baseline runs on this workspace's tasks, averaged over its seeds. */
function summariseRuns(m: MeasuredRuns['perMethod'][number], tasks: number): MethodSummary {
  const newest = m.runs.reduce((a, r) => (r.id > a.id ? r : a))
  const pc = newest.result.parameterCounts
  const secs = m.perSeed.map((x) => x.trainSeconds)
  return {
    method: m.method,
    source: 'workspace',
    main: false,
    provenance: m.runs.map((r) => `#${r.id}`).join(', '),
    at: newest.createdAt,
    versionIds: [],
    seeds: m.perSeed.map((x) => x.seed),
    tasks,
    metrics: meanMetrics(m.perSeed),
    trainSeconds: secs.every((x) => x !== null) ? (secs as number[]).reduce((a, x) => a + x, 0) / secs.length : null,
    modelBytes: storageBytes(m.method, pc, tasks),
    modelBytesHow: `#${newest.id}`,
    perTaskModelsBytes: 4 * pc.mainNet * tasks,
    dataKeptBytes: 0,
    runIds: m.runs.map((r) => r.id),
    parameterCounts: pc,
    spread: spreadOf(m.perSeed)
  }
}

/** The lineage on the runs' tasks, with the extra seeds of re-runs of its own method. */
function lineageOnRuns(full: MethodSummary, measured: MeasuredRuns): MethodSummary {
  const main = measured.perMethod.find((m) => m.main)!
  const same = measured.tasks === full.tasks && main.perSeed.length === 1
  const secs = main.perSeed.map((x) => x.trainSeconds)
  const pc = full.parameterCounts ?? null
  return {
    ...full,
    seeds: main.perSeed.map((x) => x.seed),
    tasks: measured.tasks,
    // One seed on every task: keep the lineage's own metrics (with FWT); else the seed mean.
    metrics: same ? full.metrics : meanMetrics(main.perSeed),
    trainSeconds: secs.every((x) => x !== null) ? (secs as number[]).reduce((a, x) => a + x, 0) / secs.length : null,
    modelBytes: storageBytes(full.method, pc, measured.tasks),
    perTaskModelsBytes: pc ? 4 * pc.mainNet * measured.tasks : null,
    runIds: main.runs.map((r) => r.id),
    spread: spreadOf(main.perSeed)
  }
}

export function compare(
  main: MethodSummary,
  base: MethodSummary,
  c: CostSettings,
  retainedBytes: number
): CostComparison {
  const T = main.tasks
  const compute = (m: MethodSummary): number | null =>
    m.trainSeconds === null ? null : (m.trainSeconds / 3600) * c.computePerHour
  const storage = (m: MethodSummary, extra: number): number | null =>
    m.modelBytes === null ? null : ((m.modelBytes + m.dataKeptBytes + extra) / 1e9) * c.storagePerGBMonth
  const accK = main.metrics.metrics?.average_accuracy
  const accB = base.metrics.metrics?.average_accuracy
  const accuracyValue =
    accK === undefined || accB === undefined || base.tasks !== T
      ? null
      : (accK - accB) * 100 * T * c.valuePerAccuracyPoint
  // The workspace keeps the same training data whichever method is used, so it cancels out;
  // it is added to both sides only to make the storage figures real totals.
  const storageMain = storage(main, retainedBytes)
  const storageBase = storage(base, retainedBytes)
  const computeMain = compute(main)
  const computeBase = compute(base)
  const monthlySavings =
    storageMain === null || storageBase === null || accuracyValue === null
      ? null
      : storageBase - storageMain + accuracyValue
  const extraCost = computeMain === null || computeBase === null ? null : computeMain - computeBase
  let verdict: CostComparison['verdict'] = 'unknown'
  let paybackMonths: number | null = null
  if (extraCost !== null && extraCost <= 0) verdict = 'immediate'
  else if (monthlySavings !== null && monthlySavings <= 0) verdict = 'never'
  else if (extraCost !== null && monthlySavings !== null) {
    verdict = 'months'
    paybackMonths = extraCost / monthlySavings
  }
  return {
    source: main.source,
    main: main.method,
    baseline: base.method,
    tasks: T,
    computeMain,
    computeBase,
    storageMain,
    storageBase,
    accuracyValue,
    monthlySavings,
    extraCost,
    paybackMonths,
    verdict
  }
}

export function collectRoi(ws: Workspace, opts: { versionId?: number; bench?: BenchResults; now: Date }): RoiData {
  const settings = ws.getSettings()
  const lineage = collectLineage(ws, opts.versionId)
  const last = lineage.versions.at(-1) ?? null
  const mainMethod = last?.method ?? null
  const workspace: MethodSummary[] = []
  const lineageFull = last ? summariseVersions(ws, last, true) : null
  const measured = last ? collectMeasured(ws, last) : null
  if (lineageFull) workspace.push(measured ? lineageOnRuns(lineageFull, measured) : lineageFull)
  // Other methods trained in this workspace: the newest version of each, with its own chain.
  const inLineage = new Set(lineage.versions.map((v) => v.id))
  const newestByMethod = new Map<string, VersionRecord>()
  for (const v of ws.listVersions()) {
    if (v.method === mainMethod || inLineage.has(v.id) || v.status === 'rejected') continue
    const cur = newestByMethod.get(v.method)
    if (!cur || v.id > cur.id) newestByMethod.set(v.method, v)
  }
  for (const v of [...newestByMethod.values()].sort((a, b) => a.method.localeCompare(b.method))) {
    workspace.push(summariseVersions(ws, v, false))
  }
  for (const m of measured?.perMethod.filter((x) => !x.main) ?? []) workspace.push(summariseRuns(m, measured!.tasks))
  const bench = opts.bench
    ? {
        file: opts.bench.file,
        benchmark: opts.bench.benchmark,
        createdAt: opts.bench.createdAt,
        methods: summariseBench(opts.bench, mainMethod),
        paired: opts.bench.paired
      }
    : null
  const seen = new Set([...workspace.map((m) => m.method), ...(bench?.methods.map((m) => m.method) ?? [])])
  const known = [...new Set<string>([...REQUIRED_BASELINES, ...METHODS])]
  const notMeasured = known.filter((m) => !seen.has(m))

  const taskIds = new Set(lineage.tasks.map((t) => t.id))
  const lineageTasks = ws.listTasks().filter((t) => taskIds.has(t.id))
  const keeping = lineageTasks.filter((t) => t.trainDroppedAt === null && t.trainBytes > 0)
  const retained = {
    bytes: keeping.reduce((s, t) => s + t.trainBytes, 0),
    tasksKeeping: keeping.length,
    tasks: lineageTasks.length
  }
  let snapshotBytes: number | null = null
  if (last) {
    try {
      snapshotBytes = ws.getArtifact(last.snapshotHash).byteLength
    } catch {
      snapshotBytes = null
    }
  }
  const c = settings.costs
  const costsSet = c.computePerHour > 0 || c.storagePerGBMonth > 0 || c.valuePerAccuracyPoint > 0
  const comparisons: CostComparison[] = []
  const mainWs = workspace.find((m) => m.main)
  if (mainWs)
    for (const b of workspace.filter((m) => !m.main)) {
      const k = compare(mainWs, b, c, retained.bytes)
      const noise = b.runIds ? measured?.noise.find((n) => n.baseline === b.method) : undefined
      comparisons.push(noise ? { ...k, noise } : k)
    }
  const mainBench = bench?.methods.find((m) => m.main)
  if (mainBench && bench)
    for (const b of bench.methods.filter((m) => !m.main)) comparisons.push(compare(mainBench, b, c, 0))
  return {
    workspaceName: settings.name,
    generatedAt: opts.now.toISOString(),
    reportedVersionId: last?.id ?? null,
    mainMethod,
    workspace,
    bench,
    notMeasured,
    snapshotBytes,
    retained,
    costs: c,
    costsSet,
    comparisons,
    measured,
    lineageFull,
    storage: lineageFull ? storageCrossover(lineageFull, workspace) : null
  }
}

// ───────────────────────────── HTML ─────────────────────────────

function methodName(s: Strings, m: MethodSummary): string {
  return m.main && m.source === 'workspace' ? `${m.method} — ${s.keizokuMethod}` : m.method
}

function versionRange(m: MethodSummary): string {
  const v = m.versionIds
  return v.length === 1 ? `#${v[0]}` : `#${v[0]} … #${v[v.length - 1]}`
}

function sourceCell(s: Strings, m: MethodSummary): Cell {
  const runs = m.runIds?.length
    ? `${m.main ? `${s.versions} ${versionRange(m)} + ` : ''}${s.baselineRuns} ${m.runIds.map((id) => `#${id}`).join(', ')}`
    : null
  const text = runs
    ? `${runs}, ${s.seeds} ${m.seeds.join(', ')}, ${when(m.at)}`
    : m.source === 'workspace'
      ? `${s.versions} ${m.provenance}, ${when(m.at)}`
      : `${m.provenance}${m.seeds.length ? `, ${s.seeds} ${m.seeds.join(', ')}` : ''}${m.at ? `, ${when(m.at)}` : ''}`
  return { html: `<span class="src">${escapeHtml(text)}</span>` }
}

/** Seed-by-seed differences hemb − hnet / hemb − hnet-random (shared/seedSummary). */
function pairedTable(s: Strings, paired: PairedComparison[]): string {
  if (paired.length === 0) return ''
  const rows: Cell[][] = paired.map((p) => {
    const d = p.difference
    const interval = d.half === null ? '—' : `[${pp(d.mean - d.half)}, ${pp(d.mean + d.half)}]`
    return [
      `${p.a} − ${p.b}`,
      p.metric === 'average_accuracy' ? s.finalAverage : p.metric === 'bwt' ? 'BWT' : s.forgetting,
      p.seeds.join(', '),
      num(p.differences.map((x) => pp(x)).join(' ')),
      num(pp(d.mean)),
      num(interval)
    ]
  })
  return (
    `<h3>${escapeHtml(s.pairedTitle)}</h3>` +
    para(s.pairedIntro) +
    tableHtml([s.comparison, s.metric, s.seeds, num(s.perSeed), num(s.meanDifference), num(s.interval95)], rows)
  )
}

function resultsTable(s: Strings, list: MethodSummary[], lang: ReportLang): string {
  const rows: Cell[][] = list.map((m) => [
    {
      html: `${escapeHtml(methodName(s, m))}<br>${(sourceCell(s, m) as { html: string }).html}`
    },
    num(String(m.tasks)),
    spreadCell(pct(m.metrics.metrics?.average_accuracy), m.spread?.accuracy, (x) => pct(x), lang),
    spreadCell(pp(m.metrics.metrics?.forgetting), m.spread?.forgetting, (x) => pp(x), lang),
    num(pp(m.metrics.metrics?.bwt)),
    spreadCell(
      m.trainSeconds === null ? s.unknown : duration(m.trainSeconds),
      m.spread?.trainSeconds,
      (x) => duration(x),
      lang
    ),
    num(m.modelBytes === null ? s.unknown : bytes(m.modelBytes)),
    num(bytes(m.dataKeptBytes))
  ])
  return tableHtml(
    [
      `${s.method} / ${s.source}`,
      num('T'),
      num(s.finalAverage),
      num(s.forgetting),
      num('BWT'),
      num(s.trainingTime),
      num(s.modelStorage),
      num(s.dataNeeded)
    ],
    rows,
    list.length <= 12 ? 'wide keep' : 'wide'
  )
}

function accuracyChart(s: Strings, list: MethodSummary[]): string {
  if (list.length < 2) return ''
  return figure(
    barsSvg({
      categories: list.map((m) => m.method),
      series: [
        {
          name: s.finalAverage,
          values: list.map((m) => {
            const a = m.metrics.metrics?.average_accuracy
            return a === undefined ? null : Math.round(a * 10000) / 100
          })
        },
        {
          name: s.forgetting,
          values: list.map((m) => {
            const f = m.metrics.metrics?.forgetting
            return f === undefined ? null : Math.round(f * 10000) / 100
          })
        }
      ],
      yName: '%',
      width: 680,
      height: 260
    })
  )
}

function measuredSection(s: Strings, d: RoiData): string {
  const rows: Cell[][] = []
  for (const m of d.workspace) rows.push([methodName(s, m), s.measuredHere, sourceCell(s, m)])
  for (const m of d.bench?.methods ?? []) rows.push([m.method, s.measuredBench, sourceCell(s, m)])
  for (const m of d.notMeasured)
    rows.push([m, s.notRun, { html: `<span class="src">${escapeHtml(s.notRunHint)}</span>` }])
  return section(s.methodsMeasured, para(s.methodsIntro) + tableHtml([s.method, s.status, s.source], rows))
}

function storageSection(s: Strings, d: RoiData, lang: ReportLang): string {
  const main = d.lineageFull
  const rows: Cell[][] = []
  if (main) {
    rows.push([
      s.hypernetStorage,
      { html: `<span class="formula">${escapeHtml(s.storageFormulaHnet)}</span>` },
      num(main.modelBytes === null ? s.unknown : bytes(main.modelBytes)),
      {
        html: `<span class="src">${escapeHtml(main.modelBytesHow ? `${s.fromParams} ${main.modelBytesHow}` : s.unknown)}</span>`
      }
    ])
    rows.push([
      s.oneModelPerTask,
      { html: `<span class="formula">${escapeHtml(s.storageFormulaPerTask)}</span>` },
      num(main.perTaskModelsBytes === null ? s.unknown : bytes(main.perTaskModelsBytes)),
      {
        html: `<span class="src">${escapeHtml(main.modelBytesHow ? `${s.fromParams} ${main.modelBytesHow}` : s.unknown)}</span>`
      }
    ])
    rows.push([
      s.snapshotFile,
      '',
      num(d.snapshotBytes === null ? s.unknown : bytes(d.snapshotBytes)),
      { html: `<span class="src">${escapeHtml(`${s.version} #${d.reportedVersionId}`)}</span>` }
    ])
  }
  let body = para(s.storageIntro) + tableHtml([s.metric, s.formula, num(s.value), s.source], rows, 'wide keep')
  body += crossoverHtml(d, lang)
  body += `<h3>${escapeHtml(s.retainedTitle)}</h3>` + para(s.retainedIntro)
  body += para(
    `${s.dataRetained}: ${bytes(d.retained.bytes)} (${d.retained.tasksKeeping} / ${d.retained.tasks} ${s.retainedTasks}).`
  )
  return section(s.storageTitle, body)
}

function verdictText(s: Strings, c: CostComparison): string {
  if (c.verdict === 'immediate') return s.paybackImmediate
  if (c.verdict === 'never') return s.paybackNever
  if (c.verdict === 'unknown' || c.paybackMonths === null) return s.unknown
  const days = c.paybackMonths * 30.44
  if (c.paybackMonths >= 1) return `${fixed(c.paybackMonths, 2)} ${s.months} (≈ ${fixed(days, 0)} ${s.days})`
  if (days >= 1) return `${fixed(days, 1)} ${s.days}`
  if (days * 24 >= 1) return `${fixed(days * 24, 1)} ${s.hours}`
  return s.lessThanHour
}

function costSection(s: Strings, d: RoiData, lang: ReportLang): string {
  const c = d.costs
  const cur = c.currency
  let body = `<h3>${escapeHtml(s.costFigures)}</h3>`
  body += tableHtml(
    [s.metric, num(s.value)],
    [
      [s.computePerHour, num(money(c.computePerHour, cur))],
      [s.storagePerGBMonth, num(money(c.storagePerGBMonth, cur))],
      [s.valuePerPoint, num(money(c.valuePerAccuracyPoint, cur))]
    ],
    ''
  )
  if (!d.costsSet) return section(s.costs, body + `<p class="warn">${escapeHtml(s.noCosts)}</p>`)
  if (d.comparisons.length === 0) return section(s.costs, body + `<p class="warn">${escapeHtml(s.noComparison)}</p>`)
  // One column per comparison (there are few), one row per figure, so the table fits A4.
  const m = (x: number | null): Cell => num(x === null ? s.unknown : money(x, cur))
  const head: Cell[] = [
    '',
    ...d.comparisons.map((k): Cell => ({
      html: `${escapeHtml(`${k.main} ${s.versus} ${k.baseline}`)}<br><span class="src">${escapeHtml(
        k.source === 'workspace' ? s.resultsWorkspace : s.resultsBench
      )}</span>`
    }))
  ]
  const line = (label: string, f: (k: CostComparison) => Cell): Cell[] => [label, ...d.comparisons.map(f)]
  // A figure resting on an accuracy difference within the seed-to-seed noise says so in its own cell.
  const noisy = (k: CostComparison, c: Cell): Cell => {
    if (k.noise?.within !== true) return c
    const html = typeof c === 'string' ? escapeHtml(c) : 'html' in c ? c.html : escapeHtml(c.text)
    const isNum = typeof c !== 'string' && c.num === true
    return {
      html: `${html}<br><span class="src wrap">${escapeHtml(measuredStrings(lang).withinNoiseShort)}</span>`,
      num: isNum
    }
  }
  const rows: Cell[][] = [
    line(s.computeMain, (k) => m(k.computeMain)),
    line(s.computeBase, (k) => m(k.computeBase)),
    line(s.extraCost, (k) => m(k.extraCost)),
    line(s.storageSaving, (k) =>
      m(k.storageMain === null || k.storageBase === null ? null : k.storageBase - k.storageMain)
    ),
    line(s.accuracyValue, (k) => noisy(k, m(k.accuracyValue))),
    line(s.monthlySavings, (k) => noisy(k, m(k.monthlySavings))),
    // When the accuracy difference is not shown to be more than noise, the part that stands.
    ...(d.comparisons.some((k) => k.noise && k.noise.within !== false)
      ? [line(measuredStrings(lang).storageOnly, (k) => m(storageOnlySavings(k)))]
      : []),
    line(s.payback, (k) => noisy(k, { html: `<b>${escapeHtml(verdictText(s, k))}</b>` }))
  ]
  body += tableHtml(head, rows, 'wide keep')
  body += para(s.costFormula, 'note')
  return section(s.costs, body)
}

export function roiHtml(d: RoiData, lang: ReportLang): string {
  const s = strings(lang)
  const meta: Array<[string, string]> = [
    [s.workspace, d.workspaceName],
    [s.generated, when(d.generatedAt)]
  ]
  const main = d.workspace.find((m) => m.main)
  if (main)
    meta.push([
      s.reportedVersion,
      `#${d.reportedVersionId} (${main.method}, T = ${main.tasks} ${s.tasks}, ${when(main.at)})`
    ])
  if (d.bench)
    meta.push([
      s.benchLabel,
      `${d.bench.benchmark ?? '—'} (${d.bench.file}${d.bench.createdAt ? `, ${when(d.bench.createdAt)}` : ''})`
    ])
  const sections: string[] = []
  if (!main) sections.push(`<p class="warn">${escapeHtml(s.noVersion)}</p>`)
  sections.push(measuredSection(s, d))
  let results = ''
  if (d.workspace.length > 0)
    results +=
      `<h3>${escapeHtml(s.resultsWorkspace)}</h3>` +
      measuredNotes(d, lang) +
      resultsTable(s, d.workspace, lang) +
      noiseHtml(d, lang) +
      accuracyChart(s, d.workspace)
  if (d.bench) {
    results += `<h3>${escapeHtml(`${s.resultsBench}: ${d.bench.benchmark ?? d.bench.file}`)}</h3>`
    results += resultsTable(s, d.bench.methods, lang) + accuracyChart(s, d.bench.methods)
    results += pairedTable(s, d.bench.paired)
  }
  if (results) sections.push(section(s.results, results))
  if (main) sections.push(storageSection(s, d, lang))
  sections.push(costSection(s, d, lang))
  sections.push(para(s.sourcesNote, 'note'))
  return pageHtml({ lang, title: s.roiTitle, meta, sections })
}

// ───────────────────────────── CSV ─────────────────────────────

export function roiCsv(d: RoiData): Array<{ title: string; rows: CsvTable }> {
  const methods: CsvTable = [
    [
      'method',
      'role',
      'measured_on',
      'tasks',
      'final_average_accuracy',
      'forgetting',
      'bwt',
      'training_seconds',
      'model_bytes',
      'one_model_per_task_bytes',
      'old_data_kept_bytes',
      'source',
      'source_date'
    ]
  ]
  const all = [...d.workspace, ...(d.bench?.methods ?? [])]
  for (const m of all) {
    methods.push([
      m.method,
      m.main ? 'keizoku' : 'baseline',
      m.source === 'workspace' ? 'workspace' : `bench ${d.bench?.benchmark ?? ''}`.trim(),
      m.tasks,
      m.metrics.metrics?.average_accuracy ?? null,
      m.metrics.metrics?.forgetting ?? null,
      m.metrics.metrics?.bwt ?? null,
      m.trainSeconds,
      m.modelBytes,
      m.perTaskModelsBytes,
      m.dataKeptBytes,
      m.runIds?.length
        ? `baseline runs ${m.runIds.map((id) => `#${id}`).join(' ')}, seeds ${m.seeds.join(' ')}`
        : m.source === 'workspace'
          ? `versions ${m.provenance}`
          : `${m.provenance}${m.seeds.length ? `, seeds ${m.seeds.join(' ')}` : ''}`,
      m.at
    ])
  }
  for (const m of d.notMeasured) methods.push([m, 'baseline', 'not measured'])
  const costs: CsvTable = [
    [
      'comparison',
      'measured_on',
      'currency',
      'compute_cost_keizoku',
      'compute_cost_baseline',
      'storage_per_month_keizoku',
      'storage_per_month_baseline',
      'accuracy_value_per_month',
      'savings_per_month',
      'extra_one_off_cost',
      'payback_months',
      'verdict'
    ]
  ]
  for (const k of d.comparisons) {
    costs.push([
      `${k.main} vs ${k.baseline}`,
      k.source,
      d.costs.currency,
      k.computeMain,
      k.computeBase,
      k.storageMain,
      k.storageBase,
      k.accuracyValue,
      k.monthlySavings,
      k.extraCost,
      k.paybackMonths,
      d.costsSet ? k.verdict : 'no cost figures set'
    ])
  }
  const paired: CsvTable = [['a', 'b', 'metric', 'seeds', 'differences', 'mean_difference', 'half_width_95']]
  for (const p of d.bench?.paired ?? [])
    paired.push([p.a, p.b, p.metric, p.seeds.join(' '), p.differences.join(' '), p.difference.mean, p.difference.half])
  const settings: CsvTable = [
    ['setting', 'value'],
    ['computePerHour', d.costs.computePerHour],
    ['storagePerGBMonth', d.costs.storagePerGBMonth],
    ['valuePerAccuracyPoint', d.costs.valuePerAccuracyPoint],
    ['currency', d.costs.currency],
    ['retained_training_data_bytes', d.retained.bytes],
    ['snapshot_bytes', d.snapshotBytes]
  ]
  const out = [
    { title: 'methods', rows: methods },
    { title: 'costs', rows: costs },
    ...(paired.length > 1 ? [{ title: 'paired', rows: paired }] : []),
    { title: 'settings', rows: settings }
  ]
  if (d.measured) {
    const seedRows: CsvTable = [
      ['method', 'role', 'seed', 'tasks', 'final_average_accuracy', 'forgetting', 'bwt', 'training_seconds']
    ]
    for (const m of d.measured.perMethod)
      for (const v of m.perSeed)
        seedRows.push([
          m.method,
          m.main ? 'keizoku' : 'baseline',
          v.seed,
          d.measured.tasks,
          v.accuracy,
          v.forgetting,
          v.bwt,
          v.trainSeconds
        ])
    out.push({ title: 'baseline_seeds', rows: seedRows })
    const noise: CsvTable = [
      ['comparison', 'accuracy_difference', 'kind', 'ci_low', 'ci_high', 'seed_sd', 'within_noise']
    ]
    for (const n of d.measured.noise)
      noise.push([
        `${d.mainMethod} vs ${n.baseline}`,
        n.difference,
        n.kind,
        n.lo,
        n.hi,
        n.sd,
        n.within === null ? 'unknown' : n.within ? 'yes' : 'no'
      ])
    out.push({ title: 'noise', rows: noise })
  }
  if (d.storage) {
    const c = d.storage
    out.push({
      title: 'storage_crossover',
      rows: [
        ['quantity', 'value'],
        ['hypernet_fixed_bytes', c.fixedBytes],
        ['main_net_bytes', c.mainNetBytes],
        ['per_task_bytes', c.perTaskBytes],
        ['fixed_over_main_net', c.ratio],
        ['crossover_tasks', c.crossoverTasks],
        ['tasks', c.tasks],
        ['hypernet_bytes_now', c.hypernetBytes],
        ['separate_models_bytes_now', c.separateBytes],
        ['separate_models_bytes_measured', c.measuredSeparate?.bytes ?? null]
      ]
    })
  }
  return out
}
