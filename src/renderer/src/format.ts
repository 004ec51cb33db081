/** Seconds as m:ss (or h:mm:ss), the same in every locale. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** An ISO timestamp as date and time in the locale's way (never the raw ISO string); unparsable input is shown as given. */
export function formatTimestamp(iso: string, locale: string): string {
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(t)
}

type Translate = (key: string, values: Record<string, unknown>) => string
type FormatNumber = (value: number, options?: Intl.NumberFormatOptions) => string

/** Bytes in B, kB or MB (powers of 1000), with the UI's number formatting and words. */
export function byteSize(bytes: number, t: Translate, n: FormatNumber): string {
  if (bytes < 1000) return t('reports.bytes', { n: n(bytes) })
  if (bytes < 1_000_000) return t('reports.kilobytes', { n: n(bytes / 1000, { maximumFractionDigits: 1 }) })
  return t('reports.megabytes', { n: n(bytes / 1_000_000, { maximumFractionDigits: 1 }) })
}
