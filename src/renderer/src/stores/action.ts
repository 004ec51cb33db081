import { reactive } from 'vue'
import type { ErrorInfo } from '@shared/errors'
import { toErrorInfo } from '@shared/errors'

/**
 * One service action with its own busy flag and error, so each error shows where it happened.
 * `run` resolves to the result, or undefined when the call failed (the error is kept).
 */
export interface Action<A extends unknown[], R> {
  busy: boolean
  error: ErrorInfo | undefined
  run: (...args: A) => Promise<R | undefined>
}

export function action<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Action<A, R> {
  const state: Action<A, R> = reactive({
    busy: false,
    error: undefined as ErrorInfo | undefined,
    run: async (...args: A): Promise<R | undefined> => {
      state.busy = true
      state.error = undefined
      try {
        return await fn(...args)
      } catch (err) {
        state.error = toErrorInfo(err)
        return undefined
      } finally {
        state.busy = false
      }
    }
  }) as Action<A, R>
  return state
}
