/**
 * Number and text formatting shared by the HTML writers. Accuracies are shown as percentages
 * with two decimals (0.92 → "92.00%"), differences of accuracies in percentage points
 * (−0.045 → "-4.50 pp"), drift with four decimals. The CSV keeps the raw fractions.
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

export function pct(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`
}

/** Percentage points with an explicit sign: 0.012 → "+1.20 pp". */
export function pp(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  const v = x * 100
  const s = v.toFixed(digits)
  return `${v > 0 && s !== (0).toFixed(digits) ? '+' : ''}${s} pp`
}

export function fixed(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits)
}

/** Bytes in B/kB/MB/GB (decimal units, 1 GB = 10⁹ B, as storage prices are quoted). */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let v = n
  let u = 0
  while (Math.abs(v) >= 1000 && u < units.length - 1) {
    v /= 1000
    u++
  }
  return `${u === 0 ? v.toFixed(0) : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[u]}`
}

/** Seconds as "12.3 s", "4.5 min" or "2.10 h". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—'
  if (seconds < 120) return `${seconds.toFixed(1)} s`
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`
  return `${(seconds / 3600).toFixed(2)} h`
}

/** Money with the currency code; amounts below 0.01 keep significant digits. */
export function money(x: number, currency: string): string {
  const a = Math.abs(x)
  const digits = a === 0 || a >= 0.01 ? 2 : Math.min(8, 2 - Math.floor(Math.log10(a)))
  return `${x.toFixed(digits)} ${currency}`
}

/** ISO time as "2026-11-28 01:23 UTC". */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** Split 0 … n−1 into consecutive blocks of at most `size`. */
export function blocks(n: number, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (let s = 0; s < n; s += size) out.push([s, Math.min(n, s + size)])
  return out
}
