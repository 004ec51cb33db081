import { computed } from 'vue'
import { createDiscreteApi, darkTheme, type MessageApi } from 'naive-ui'
import { darkMode } from './darkMode'

let api: MessageApi | undefined

/**
 * A short success notice at the top of the window (approve, reject, rollback). Naive UI's
 * discrete API needs no provider around the caller, so stores can confirm what they did.
 */
export function toastSuccess(text: string): void {
  api ??= createDiscreteApi(['message'], {
    configProviderProps: computed(() => ({ theme: darkMode.value ? darkTheme : null }))
  }).message
  api.success(text, { duration: 5000, closable: true })
}
