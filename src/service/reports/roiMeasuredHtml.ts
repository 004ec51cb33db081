/** HTML of the ROI report's measured-baselines notes, noise verdicts and storage crossover. */
import { bytes, escapeHtml, fixed, pp } from './format'
import { num, para, tableHtml, type Cell } from './html'
import { measuredStrings } from './i18nMeasured'
import type { CostComparison, MethodSummary, RoiData } from './roiReport'
import type { SeedInterval } from './seedStats'
import type { ReportLang } from './types'

/** A value with its 95 % interval over seeds underneath, when there is one. */
export function spreadCell(
  text: string,
  iv: SeedInterval | null | undefined,
  fmt: (x: number) => string,
  lang: ReportLang
): Cell {
  if (!iv) return num(text)
  const t = measuredStrings(lang)
  // Numeric cells do not wrap, so the interval line must: it may break between its parts, never inside a number.
  const keep = (x: number): string => fmt(x).replace(/ /g, '\u00a0')
  return {
    html: `${escapeHtml(text)}<br><span class="src wrap">${escapeHtml(t.interval(keep(iv.lo), keep(iv.hi), iv.n))}</span>`,
    num: true
  }
}

function versionsOf(main: MethodSummary | null): string {
  if (!main || main.versionIds.length === 0) return '—'
  const v = main.versionIds
  return v.length === 1 ? `#${v[0]}` : `#${v[0]} … #${v[v.length - 1]}`
}

/** Where the measured baselines come from, tasks skipped, runs for older versions. */
export function measuredNotes(d: RoiData, lang: ReportLang): string {
  const t = measuredStrings(lang)
  const m = d.measured
  if (!m) return d.reportedVersionId !== null ? `<p class="warn">${escapeHtml(t.noneMeasured)}</p>` : ''
  // The runs' own seeds: the lineage's seed is not a baseline run's.
  const seeds = [...new Set(m.perMethod.flatMap((x) => x.runs.map((r) => r.seed)))].sort((a, b) => a - b)
  let html = para(
    t.measuredHow(
      m.runIds.map((id) => `#${id}`).join(', '),
      seeds.join(', '),
      m.backends.join(', '),
      versionsOf(d.lineageFull)
    ),
    'note'
  )
  if (m.skipped.length)
    html += `<p class="warn">${escapeHtml(t.skippedTasks(m.tasks, m.lineageTasks, m.skipped.map((s) => s.name).join(', ')))}</p>`
  if (m.olderRuns) html += para(t.olderRuns(m.olderRuns), 'note')
  return html
}

/** One plain sentence per measured baseline: is the accuracy difference more than noise? */
export function noiseHtml(d: RoiData, lang: ReportLang): string {
  const t = measuredStrings(lang)
  const list = d.comparisons.filter(
    (k): k is CostComparison & { noise: NonNullable<CostComparison['noise']> } => !!k.noise
  )
  if (list.length === 0) return ''
  const lines = list.map(({ noise: n }) => {
    let text: string
    if (n.kind === 'one-seed') text = t.noiseOneSeed(n.baseline, pp(n.difference))
    else if (n.kind === 'paired')
      text = `${t.noisePaired(n.baseline, pp(n.difference), pp(n.lo), pp(n.hi), Math.min(n.seedsMain, n.seedsBase))} ${n.within ? t.withinNoise : t.beyondNoise}`
    else
      text = `${t.noiseSpread(n.baseline, pp(n.difference), pp(n.lo), pp(n.hi), pp(n.sd))} ${n.within ? t.withinNoise : t.beyondNoise}`
    return `<li>${escapeHtml(text)}</li>`
  })
  return `<h3>${escapeHtml(t.noiseTitle)}</h3><ul>${lines.join('')}</ul>`
}

/** The hypernetwork's fixed size against one main network and where separate models cost more. */
export function crossoverHtml(d: RoiData, lang: ReportLang): string {
  const t = measuredStrings(lang)
  const c = d.storage
  if (!c) return ''
  const rows: Cell[][] = [
    [t.crossoverFixed, num(bytes(c.fixedBytes))],
    [t.crossoverMainNet, num(bytes(c.mainNetBytes))],
    [t.crossoverRatio, num(`${fixed(c.ratio, 1)} ×`)],
    [t.crossoverPerTask, num(bytes(c.perTaskBytes))],
    [
      t.crossoverAt,
      {
        html: `<b>${escapeHtml(c.crossoverTasks === null ? t.crossoverNever : t.tasksOn(c.crossoverTasks))}</b>`,
        num: true
      }
    ],
    [t.crossoverHere(c.tasks, bytes(c.hypernetBytes), bytes(c.separateBytes)), '']
  ]
  if (c.measuredSeparate)
    rows.push([t.crossoverMeasured(c.measuredSeparate.tasks, bytes(c.measuredSeparate.bytes)), ''])
  let html = `<h3>${escapeHtml(t.crossoverTitle)}</h3>` + tableHtml(['', ''], rows, 'wide keep')
  if (c.crossoverTasks !== null)
    html += `<p><b>${escapeHtml(c.tasks >= c.crossoverTasks ? t.crossoverAbove(c.tasks, c.crossoverTasks) : t.crossoverBelow(c.tasks, c.crossoverTasks))}</b></p>`
  if (d.workspace.some((m) => m.method === 'finetune')) html += para(t.crossoverFinetune, 'note')
  return html
}

/** Storage-only savings per month (storage difference without the accuracy value). */
export function storageOnlySavings(k: CostComparison): number | null {
  return k.storageMain === null || k.storageBase === null ? null : k.storageBase - k.storageMain
}
