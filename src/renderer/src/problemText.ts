import { useI18n } from 'vue-i18n'
import type { Problem } from '@shared/domain/records'
import { fillSaid, saidEntry } from './serviceText'

/**
 * A service problem in the UI's language: `problemText.<code>[.<variant>]` filled with the
 * problem's params, else the locale's service-message catalogue (`problem.<code>[.<variant>]`).
 * Problems without params keep the service's English text, so nothing is ever lost.
 */
export function useProblemText(): { message: (p: Problem) => string; fix: (p: Problem) => string } {
  const { t, te, locale } = useI18n()
  const code = (p: Problem): string => `${p.code}${p.params?.variant ? `.${p.params.variant}` : ''}`
  const key = (p: Problem, part: 'message' | 'fix'): string | undefined => {
    if (!p.params) return undefined
    const k = `problemText.${code(p)}.${part}`
    return te(k) || te(k, 'en') ? k : undefined
  }
  const said = (p: Problem, part: 'message' | 'hint'): string | undefined => {
    const e = p.params ? saidEntry(locale.value, `problem.${code(p)}`) : undefined
    const text = e?.[part]
    return text ? fillSaid(text, p.params, locale.value) : undefined
  }
  return {
    message: (p) => {
      const k = key(p, 'message')
      return k ? t(k, p.params ?? {}) : (said(p, 'message') ?? p.message)
    },
    fix: (p) => {
      const k = key(p, 'fix')
      return k ? t(k, p.params ?? {}) : (said(p, 'hint') ?? p.fix)
    }
  }
}
