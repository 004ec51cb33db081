/** The ROI report as HTML: the numbers collectRoi gathered (roiReport.ts), in tables, a chart and the cost verdict. */
import { barsSvg } from './charts'
import { bytes, duration, escapeHtml, fixed, money, pct, pp, when } from './format'
import { figure, num, pageHtml, para, section, tableHtml, type Cell } from './html'
import { strings, type Strings } from './i18n'
import { crossoverHtml, measuredNotes, noiseHtml, spreadCell, storageOnlySavings } from './roiMeasuredHtml'
import { measuredStrings } from './i18nMeasured'
import type { ReportLang } from './types'
import type { PairedComparison } from '../../shared/seedSummary'
import type { CostComparison, MethodSummary, RoiData } from './roiReport'

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
