/**
 * The HTML shell of every report: one self-contained document (inline CSS, inline SVG charts,
 * no scripts, no external URLs), laid out for A4 printing. A Content-Security-Policy meta tag
 * forbids scripts and remote loads, so even a hostile task name cannot run or fetch anything
 * (and every text is escaped anyway).
 */
import { escapeHtml } from './format'
import type { ReportLang } from './types'

const CSS = `
@page { size: A4; margin: 18mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'Noto Sans CJK JP', 'Noto Sans JP', 'Noto Sans', 'DejaVu Sans', sans-serif; font-size: 10.5pt;
  line-height: 1.45; color: #1a1a1a; margin: 0 auto; max-width: 186mm; padding: 0 2mm; background: #fff; }
h1 { font-size: 18pt; margin: 0 0 4pt; color: #0b3d62; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #0b3d62; color: #0b3d62;
  break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
p { margin: 4pt 0; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 6pt 0 10pt; font-size: 9.5pt; }
.meta dt { color: #555; } .meta dd { margin: 0; }
.note { color: #555; font-size: 9pt; }
.warn { background: #fff4e5; border-left: 3pt solid #e69f00; padding: 4pt 8pt; margin: 6pt 0; }
table { border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #bbb; padding: 2pt 5pt; text-align: left; vertical-align: top; }
th { background: #eef3f8; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.num .wrap { white-space: normal; }
table.wide { width: 100%; }
table.matrix { font-size: 7.5pt; }
table.matrix td, table.matrix th { padding: 1pt 3pt; }
table.matrix td.empty { background: #f4f4f4; }
.formula { font-family: 'DejaVu Sans Mono', 'Noto Sans Mono CJK JP', monospace; font-size: 8.5pt; }
figure { margin: 6pt 0 10pt; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 9pt; color: #444; margin-top: 2pt; }
.src { color: #666; font-size: 8pt; }
.block, table.keep { break-inside: avoid; }
`

export interface Page {
  lang: ReportLang
  title: string
  /** Key-value lines under the title (already plain text). */
  meta: Array<[string, string]>
  /** Body sections as trusted HTML (built from escaped parts). */
  sections: string[]
}

export function pageHtml(p: Page): string {
  const meta = p.meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')
  return `<!DOCTYPE html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Keizoku">
<title>${escapeHtml(p.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(p.title)}</h1>
<dl class="meta">${meta}</dl>
${p.sections.join('\n')}
</body>
</html>
`
}

/** A cell: text is escaped; `{ html }` is trusted markup; numbers get the `num` class. */
export type Cell = string | { html: string; num?: boolean } | { text: string; num: boolean }

function cellHtml(tag: 'td' | 'th', c: Cell): string {
  if (typeof c === 'string') return `<${tag}>${escapeHtml(c)}</${tag}>`
  const cls = c.num ? ' class="num"' : ''
  return 'html' in c ? `<${tag}${cls}>${c.html}</${tag}>` : `<${tag}${cls}>${escapeHtml(c.text)}</${tag}>`
}

export function num(text: string): Cell {
  return { text, num: true }
}

export function tableHtml(head: Cell[], rows: Cell[][], cls = 'wide'): string {
  return `<table class="${cls}"><thead><tr>${head.map((c) => cellHtml('th', c)).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => cellHtml('td', c)).join('')}</tr>`)
    .join('')}</tbody></table>`
}

export function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`
}

export function para(text: string, cls?: string): string {
  return `<p${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</p>`
}

export function figure(svg: string, caption?: string): string {
  return `<figure>${svg}${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`
}
