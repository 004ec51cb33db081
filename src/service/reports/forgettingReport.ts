/**
 * The forgetting report: summary metrics with their formulas, the accuracy matrix (heatmap and
 * table), per-task accuracy lines, hypernetwork output drift, and the approval history. Every
 * value names the version it was read from and that version's date.
 *
 * Large workspaces: the matrix table is split into blocks of MATRIX_BLOCK columns (each block
 * a table of its own with the row labels repeated), the heatmap drops cell labels beyond 12
 * tasks, and the per-task lines come in groups of LINE_GROUP tasks per chart.
 */
import { METRIC_FORMULAS } from '../../engine/metrics'
import type { Workspace } from '../../workspace'
import { heatmapSvg, linesSvg } from './charts'
import { accuracyMatrix, collectLineage, decisions, driftTable, matrixMetrics, untrainedAccuracies } from './collect'
import type { CsvTable } from './csv'
import { blocks, escapeHtml, fixed, pct, pp, when } from './format'
import { figure, num, pageHtml, para, section, tableHtml, type Cell } from './html'
import { strings, type Strings } from './i18n'
import type { AccuracyMatrix, DecisionRow, DriftTable, MetricsResult, ReportLang } from './types'
import type { VersionStatus } from '../../shared/domain/records'
import type { TransferRecord, TransferTrust } from '../../shared/transferability'
import { transferRecordOf, workspaceTrust } from '../transferTrust'

export const MATRIX_BLOCK = 12
export const LINE_GROUP = 10
const CHART_W = 680

export interface ForgettingData {
  workspaceName: string
  generatedAt: string
  reportedVersionId: number | null
  matrix: AccuracyMatrix
  metrics: MetricsResult
  drift: DriftTable
  decisions: DecisionRow[]
  trust: TransferTrust
  /** Per learned task of the lineage (in order): what its training measured and whether guidance followed the row. */
  guidance: Array<{ task: string; record: TransferRecord | null }>
}

export function collectForgetting(ws: Workspace, versionId: number | undefined, now: Date): ForgettingData {
  const lineage = collectLineage(ws, versionId)
  const matrix = accuracyMatrix(lineage)
  const R = matrix.rows.map((r) => r.values)
  return {
    workspaceName: ws.getSettings().name,
    generatedAt: now.toISOString(),
    reportedVersionId: lineage.versions.at(-1)?.id ?? null,
    matrix,
    metrics: matrixMetrics(R, untrainedAccuracies(lineage)),
    drift: driftTable(lineage),
    decisions: decisions(ws),
    trust: workspaceTrust(ws),
    guidance: lineage.versions.map((v, j) => ({ task: taskLabel(matrix, j), record: transferRecordOf(v) }))
  }
}

/** "T3 Round" style short label: sequence position in the lineage, then the name. */
export function taskLabel(m: AccuracyMatrix, j: number): string {
  return `T${j + 1} ${m.tasks[j].name}`
}

function shortRef(row: { versionId: number; createdAt: string }): string {
  return `#${row.versionId} ${when(row.createdAt).slice(0, 10)}`
}

function versionRef(s: Strings, row: { versionId: number; createdAt: string }): string {
  return `${s.version} #${row.versionId}, ${when(row.createdAt)}`
}

export function metricsRows(
  s: Strings,
  d: ForgettingData
): Array<{ key: string; name: string; value: number | null; shown: string; formula: string; meaning: string }> {
  const m = d.metrics.metrics
  return [
    {
      key: 'average_accuracy',
      name: s.averageAccuracy,
      value: m?.average_accuracy ?? null,
      shown: pct(m?.average_accuracy),
      formula: `ACC = (1/T) · Σ_{j=0…T−1} R[T−1][j]`,
      meaning: s.averageAccuracyMeaning
    },
    {
      key: 'bwt',
      name: s.bwt,
      value: m?.bwt ?? null,
      shown: pp(m?.bwt),
      formula: `BWT = 1/(T−1) · Σ_{i=0…T−2} (R[T−1][i] − R[i][i])`,
      meaning: s.bwtMeaning
    },
    {
      key: 'fwt',
      name: s.fwt,
      value: m?.fwt ?? null,
      shown: m?.fwt === null || m?.fwt === undefined ? `${s.notMeasured}` : pp(m.fwt),
      formula: `FWT = 1/(T−1) · Σ_{i=1…T−1} (R[i−1][i] − b[i])`,
      meaning: s.fwtMeaning
    },
    {
      key: 'forgetting',
      name: s.forgetting,
      value: m?.forgetting ?? null,
      shown: pp(m?.forgetting),
      formula: `F = 1/(T−1) · Σ_{j=0…T−2} (max_{k=j…T−2} R[k][j] − R[T−1][j])`,
      meaning: s.forgettingMeaning
    }
  ]
}

export function forgettingHtml(d: ForgettingData, lang: ReportLang): string {
  const s = strings(lang)
  const T = d.matrix.tasks.length
  const first = d.matrix.rows[0]
  const last = d.matrix.rows.at(-1)
  const meta: Array<[string, string]> = [
    [s.workspace, d.workspaceName],
    [s.generated, when(d.generatedAt)]
  ]
  if (last && first) {
    meta.push([
      s.reportedVersion,
      `#${last.versionId} (${last.method}, ${s.versionStatus[last.status as VersionStatus] ?? last.status}, ${when(last.createdAt)})`
    ])
    meta.push([s.lineage, `${s.versions} #${first.versionId} … #${last.versionId} · T = ${T} ${s.tasks}`])
  }
  const sections: string[] = []
  if (!last) {
    sections.push(`<p class="warn">${s.noVersion}</p>`)
  } else {
    sections.push(summarySection(s, d))
    sections.push(matrixSection(s, d))
    sections.push(linesSection(s, d))
    sections.push(driftSection(s, d))
    sections.push(trustSection(s, d))
  }
  sections.push(decisionsSection(s, d))
  sections.push(para(s.sourcesNote, 'note'))
  return pageHtml({ lang, title: s.forgettingTitle, meta, sections })
}

function summarySection(s: Strings, d: ForgettingData): string {
  const first = d.matrix.rows[0]
  const last = d.matrix.rows[d.matrix.rows.length - 1]
  const allRows = `${s.versions} #${first.versionId} … #${last.versionId} (${when(first.createdAt)} … ${when(last.createdAt)})`
  const rows: Cell[][] = metricsRows(s, d).map((r) => [
    r.name,
    num(r.shown),
    { html: `<span class="formula">${escape(r.formula)}</span><br><span class="src">${escape(r.meaning)}</span>` },
    { html: `<span class="src">${escape(r.key === 'average_accuracy' ? versionRef(s, last) : allRows)}</span>` }
  ])
  let body = para(s.summaryIntro) + tableHtml([s.metric, s.value, s.formula, s.source], rows, 'wide keep')
  if (d.metrics.problem) body += `<p class="warn">${escape(`${s.matrixIncomplete}: ${d.metrics.problem}`)}</p>`
  if (d.metrics.fwtNote)
    body += para(
      `${s.fwt}: ${s.notMeasured} — ${d.metrics.fwtNote === 'one_task' ? s.fwtOneTask : s.fwtNotStored}`,
      'note'
    )
  body += para(
    `${s.engineFormulas}: ${Object.entries(METRIC_FORMULAS)
      .map(([k, v]) => `${k} = ${v}`)
      .join('; ')}; ${s.untrainedB}`,
    'note'
  )
  return section(s.summary, body)
}

const escape = escapeHtml

function matrixSection(s: Strings, d: ForgettingData): string {
  const m = d.matrix
  const T = m.tasks.length
  const labels = m.tasks.map((_, j) => (T > 12 ? `T${j + 1}` : taskLabel(m, j)))
  const svg = heatmapSvg({
    rowLabels: labels,
    // Columns by their T number only: full names side by side overlap at any useful width.
    colLabels: m.tasks.map((_, j) => `T${j + 1}`),
    values: m.rows.map((r) => r.values),
    xName: s.evaluatedTask,
    yName: s.afterTask,
    width: CHART_W,
    scale: accuracyScale(m)
  })
  let body = para(s.matrixIntro) + figure(svg, `${s.accuracyMatrix} R (%), T = ${T}. ${s.colourScale}`)
  if (T > 12) body += para(m.tasks.map((t, j) => `T${j + 1} = ${t.name}`).join(' · '), 'note')
  for (const [a, b] of balancedBlocks(T, MATRIX_BLOCK)) {
    const head: Cell[] = [s.afterTask, s.source, ...m.tasks.slice(a, b).map((_, k) => num(`T${a + k + 1}`))]
    // Rows with nothing measured in this block (tasks not learned yet) are left out.
    const shown = m.rows.filter((r) => r.values.slice(a, b).some((v) => v !== null))
    const rows: Cell[][] = shown.map((r) => [
      taskLabel(m, r.index),
      { html: `<span class="src">#${r.versionId} ${escape(when(r.createdAt).slice(0, 10))}</span>` },
      ...r.values
        .slice(a, b)
        .map((v, k): Cell =>
          v === null
            ? { html: '', num: true }
            : a + k > r.index
              ? { html: `<i>${(v * 100).toFixed(1)}</i>`, num: true }
              : num((v * 100).toFixed(1))
        )
    ])
    if (T > MATRIX_BLOCK) body += `<h3>${escape(`${s.evaluatedTask} T${a + 1}–T${b}`)}</h3>`
    body += tableHtml(head, rows, 'matrix wide').replace(/<td class="num"><\/td>/g, '<td class="num empty"></td>')
  }
  return section(s.accuracyMatrix, body)
}

/** Colour range of the accuracy heatmap: from the lowest value rounded down to 10 % up to 100 %. */
function accuracyScale(m: AccuracyMatrix): { min: number; max: number; factor: number; digits: number; unit: string } {
  let lo = 1
  for (const r of m.rows) for (const v of r.values) if (v !== null) lo = Math.min(lo, v)
  return { min: Math.max(0, Math.floor(lo * 10) * 10), max: 100, factor: 100, digits: 1, unit: '%' }
}

/** ⌈n / size⌉ blocks of nearly equal width (50 tasks, size 12 → 5 blocks of 10). */
export function balancedBlocks(n: number, size: number): Array<[number, number]> {
  const k = Math.max(1, Math.ceil(n / size))
  return blocks(n, Math.ceil(n / k))
}

function linesSection(s: Strings, d: ForgettingData): string {
  const m = d.matrix
  const T = m.tasks.length
  const xLabels = m.rows.map((r) => `T${r.index + 1}`)
  let body = para(s.perTaskIntro)
  for (const [a, b] of blocks(T, LINE_GROUP)) {
    const series = m.tasks.slice(a, b).map((_, k) => {
      const j = a + k
      return { name: taskLabel(m, j), values: m.rows.map((r) => (r.index >= j ? r.values[j] : null)) }
    })
    const svg = linesSvg({
      xLabels,
      series,
      yName: s.accuracyPct,
      xName: s.learningStep,
      percent: true,
      width: CHART_W,
      height: 300
    })
    body += figure(svg, T > LINE_GROUP ? `${s.task} T${a + 1}–T${b}` : undefined)
  }
  return section(s.perTaskAccuracy, body)
}

/** The same trust section as the Transferability screen: estimator in use, ρ with n, verdict, every ρ, guidance per task. */
function trustSection(s: Strings, d: ForgettingData): string {
  const t = d.trust
  const rho = (r: number | null): string => (r === null ? '—' : fixed(r, 2))
  const verdict = t.level === 'good' ? s.trustGood : t.level === 'poor' ? s.trustPoor : s.trustUnknown
  let body = para(s.trustIntro)
  body += para(
    `${s.trustInUse}: ${t.estimator}${t.choice === 'auto' ? ' (auto)' : ''} · ${s.trustRho} ${rho(t.rho)} (n = ${t.n} ${s.pairs})`
  )
  body += para(verdict, t.level === 'poor' ? 'warn' : undefined)
  body += tableHtml(
    [s.estimator, 'ρ', 'n'],
    t.fits.map((f) => [f.estimator, num(rho(f.rho)), num(String(f.n))])
  )
  const rows = d.guidance.filter((g) => g.record !== null)
  if (rows.length) {
    body += tableHtml(
      [s.task, s.estimator, s.guidance, s.rowSpread],
      rows.map(({ task, record: r }) => [
        task,
        r!.estimator,
        r!.guidance === 'followed'
          ? s.guidanceFollowed
          : r!.guidance === 'flat-fallback'
            ? s.guidanceFlat
            : r!.guidance === 'untrusted-fallback'
              ? s.guidanceUntrusted
              : s.guidanceNotUsed,
        r!.spread === null ? '—' : `${fixed(r!.spread, 4)} (${fixed(r!.flatLimit, 3)})`
      ])
    )
  }
  return section(s.trustTitle, body)
}

function driftSection(s: Strings, d: ForgettingData): string {
  const m = d.matrix
  const T = m.tasks.length
  const any = d.drift.rows.some((r) => r.values.some((v) => v !== null))
  let body = para(s.driftIntro)
  if (!any) return section(s.drift, body + para(s.driftNone, 'note'))
  const xLabels = d.drift.rows.map((r) => `T${r.index + 1}`)
  if (T > 12) {
    let hi = 0
    for (const r of d.drift.rows) for (const v of r.values) if (v !== null) hi = Math.max(hi, v)
    const labels = m.tasks.map((_, j) => `T${j + 1}`)
    body += figure(
      heatmapSvg({
        rowLabels: labels,
        colLabels: labels,
        values: d.drift.rows.map((r) => r.values),
        xName: s.task,
        yName: s.afterTask,
        width: CHART_W,
        scale: { min: 0, max: hi, factor: 1, digits: 3, unit: '' }
      }),
      `${s.relativeDrift} D[i][j]`
    )
  }
  for (const [a, b] of T > 12 ? [] : blocks(Math.max(0, T - 1), LINE_GROUP)) {
    const series = m.tasks.slice(a, b).map((_, k) => {
      const j = a + k
      return { name: taskLabel(m, j), values: d.drift.rows.map((r) => r.values[j]) }
    })
    body += figure(
      linesSvg({
        xLabels,
        series,
        yName: s.relativeDrift,
        xName: s.learningStep,
        percent: false,
        width: CHART_W,
        height: 260
      }),
      T - 1 > LINE_GROUP ? `${s.task} T${a + 1}–T${b}` : undefined
    )
  }
  const rows: Cell[][] = []
  for (let j = 0; j < T - 1; j++) {
    const vals = d.drift.rows.map((r) => ({ v: r.values[j], r })).filter((x) => x.v !== null) as Array<{
      v: number
      r: DriftTable['rows'][number]
    }>
    if (vals.length === 0) continue
    const lastV = vals[vals.length - 1]
    const maxV = vals.reduce((p, c) => (c.v > p.v ? c : p))
    rows.push([
      taskLabel(m, j),
      num(fixed(lastV.v)),
      { html: `<span class="src">${escape(shortRef(lastV.r))}</span>` },
      num(fixed(maxV.v)),
      { html: `<span class="src">${escape(shortRef(maxV.r))}</span>` },
      num(fixed(vals.reduce((p, c) => p + c.v, 0)))
    ])
  }
  body += tableHtml([s.task, num(s.driftLast), s.source, num(s.driftMax), s.driftAt, num(s.driftSum)], rows)
  return section(s.drift, body)
}

/** Decision words in the report language; 'rollback (#3 → #2)' keeps its version suffix. */
function decisionName(s: Strings, decision: string): string {
  const m = /^(\w+)(.*)$/.exec(decision)
  if (!m) return decision
  return (s.decisionNames[m[1]] ?? m[1]) + m[2]
}

function decisionsSection(s: Strings, d: ForgettingData): string {
  if (d.decisions.length === 0) return section(s.decisions, para(s.decisionsNone, 'note'))
  const rows: Cell[][] = d.decisions.map((r) => [
    { html: `<span style="white-space: nowrap">${escape(when(r.at))}</span>` },
    decisionName(s, r.decision),
    r.versionId === null ? '—' : `#${r.versionId}`,
    r.taskName ?? '—',
    r.by,
    r.comment,
    {
      html: `<span class="src">${escape(`${r.kind === 'approval' ? s.approvalRecord : s.auditRecord} #${r.id}`)}</span>`
    }
  ])
  return section(s.decisions, tableHtml([s.date, s.decision, s.version, s.task, s.by, s.comment, s.source], rows))
}

/** The tables behind the report, for CSV (numbers as numbers, fractions not percentages). */
export function forgettingCsv(d: ForgettingData, lang: ReportLang): Array<{ title: string; rows: CsvTable }> {
  const s = strings(lang)
  const m = d.matrix
  const metricTable: CsvTable = [['metric', 'value', 'formula', 'source_version_id', 'source_date']]
  const last = m.rows.at(-1)
  for (const r of metricsRows(s, d)) {
    metricTable.push([r.key, r.value, r.formula, last?.versionId ?? null, last?.createdAt ?? null])
  }
  const matrixTable: CsvTable = [
    [
      'after_task_index',
      'after_task_id',
      'after_task_name',
      'version_id',
      'version_date',
      ...m.tasks.map((t) => `task_${t.id}`)
    ]
  ]
  for (const r of m.rows) {
    const t = m.tasks[r.index]
    matrixTable.push([r.index, t.id, t.name, r.versionId, r.createdAt, ...r.values])
  }
  const driftCsv: CsvTable = [['after_task_index', 'version_id', 'version_date', ...m.tasks.map((t) => `task_${t.id}`)]]
  for (const r of d.drift.rows) driftCsv.push([r.index, r.versionId, r.createdAt, ...r.values])
  const decisionTable: CsvTable = [['date', 'decision', 'version_id', 'task', 'by', 'comment', 'record']]
  for (const r of d.decisions) {
    decisionTable.push([r.at, r.decision, r.versionId, r.taskName, r.by, r.comment, `${r.kind} ${r.id}`])
  }
  return [
    { title: 'metrics', rows: metricTable },
    { title: 'accuracy_matrix', rows: matrixTable },
    { title: 'output_drift', rows: driftCsv },
    { title: 'decisions', rows: decisionTable }
  ]
}
