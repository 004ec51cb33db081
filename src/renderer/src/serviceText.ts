import { useI18n } from 'vue-i18n'
import type { ErrorInfo } from '@shared/errors'
import type { MessageParams, ServiceMessage } from '@shared/messages'
import { formatTimestamp } from './format'
import { SAID_JA, SAID_VALUES_JA, type SaidEntry } from './i18n/saidJa'

/** Catalogues by locale; English has none because the service's own text is the English wording. */
const CATALOGUES: Record<string, Record<string, SaidEntry>> = { ja: SAID_JA }
const VALUES: Record<string, Record<string, Record<string, string>>> = { ja: SAID_VALUES_JA }
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** The catalogue entry for a code in a locale, if that locale has one. */
export function saidEntry(locale: string, code: string): SaidEntry | undefined {
  return CATALOGUES[locale]?.[code]
}

/** `{name}` filled with the param of that name: known values named in the locale, timestamps formatted for it. */
export function fillSaid(template: string, params: MessageParams | undefined, locale: string): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params?.[name]
    if (v === undefined) return whole
    const named = VALUES[locale]?.[name]?.[String(v)]
    if (named) return named
    if (typeof v === 'string' && ISO_TIME.test(v)) return formatTimestamp(v, locale)
    return String(v)
  })
}

/** The service's own text with each timestamp param it contains shown for the locale (not as raw ISO). */
function localTimes(text: string, params: MessageParams | undefined, locale: string): string {
  let out = text
  for (const v of Object.values(params ?? {})) {
    if (typeof v === 'string' && ISO_TIME.test(v)) out = out.split(v).join(formatTimestamp(v, locale))
  }
  return out
}

/**
 * Service messages in the UI's language: the catalogue's wording for the message's code when the
 * locale has one, else the service's English text. An error without a translated code keeps its
 * English text under a translated title naming the kind of error, so nothing is lost.
 */
export function useServiceText(): {
  message: (m: ServiceMessage | undefined, english: string) => string
  hint: (m: ServiceMessage | undefined, english: string | undefined) => string | undefined
  error: (e: ErrorInfo) => { title: string; body?: string; hint?: string }
} {
  const { locale, t } = useI18n()
  const entry = (m: ServiceMessage | undefined): SaidEntry | undefined =>
    m ? saidEntry(locale.value, m.code) : undefined
  const message = (m: ServiceMessage | undefined, english: string): string => {
    const e = entry(m)
    return e ? fillSaid(e.message, m?.params, locale.value) : localTimes(english, m?.params, locale.value)
  }
  const hint = (m: ServiceMessage | undefined, english: string | undefined): string | undefined => {
    const e = entry(m)
    if (e?.hint) return fillSaid(e.hint, m?.params, locale.value)
    return english === undefined ? undefined : localTimes(english, m?.params, locale.value)
  }
  return {
    message,
    hint,
    error: (e) => {
      if (locale.value === 'en' || entry(e.say)) return { title: message(e.say, e.message), hint: hint(e.say, e.hint) }
      return { title: t(`error.codes.${e.code}`), body: e.message, hint: e.hint }
    }
  }
}
