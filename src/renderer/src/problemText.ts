import { useI18n } from 'vue-i18n'
import type { Problem } from '@shared/domain/records'

/**
 * A service problem in the UI's language: `problemText.<code>[.<variant>]` filled with the
 * problem's params. Problems without params (or a code not translated yet) keep the service's
 * English text, so nothing is ever lost.
 */
export function useProblemText(): { message: (p: Problem) => string; fix: (p: Problem) => string } {
  const { t, te } = useI18n()
  const key = (p: Problem, part: 'message' | 'fix'): string | undefined => {
    if (!p.params) return undefined
    const k = `problemText.${p.code}${p.params.variant ? `.${p.params.variant}` : ''}.${part}`
    return te(k) || te(k, 'en') ? k : undefined
  }
  return {
    message: (p) => {
      const k = key(p, 'message')
      return k ? t(k, p.params ?? {}) : p.message
    },
    fix: (p) => {
      const k = key(p, 'fix')
      return k ? t(k, p.params ?? {}) : p.fix
    }
  }
}
