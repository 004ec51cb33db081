import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo, ProgressEvent, SelfTestResult } from '@shared/types'
import type { ErrorInfo } from '@shared/errors'
import { toErrorInfo } from '@shared/errors'
import { getTransport } from '../transport'

/** App info and the engine self-test, as the service reports them. */
export const useSystemStore = defineStore('system', () => {
  const info = ref<AppInfo>()
  const infoError = ref<ErrorInfo>()
  const running = ref(false)
  const progress = ref<ProgressEvent>()
  const losses = ref<number[]>([])
  const result = ref<SelfTestResult>()
  const error = ref<ErrorInfo>()

  async function loadInfo(): Promise<void> {
    infoError.value = undefined
    try {
      info.value = await getTransport().invoke('app.info', {})
    } catch (err) {
      infoError.value = toErrorInfo(err)
    }
  }

  async function runSelfTest(steps: number): Promise<void> {
    running.value = true
    error.value = undefined
    result.value = undefined
    progress.value = undefined
    losses.value = []
    const off = getTransport().on('selfTest.progress', (p) => {
      progress.value = p
      if (p.loss !== undefined) losses.value = [...losses.value, p.loss]
    })
    try {
      result.value = await getTransport().invoke('engine.selfTest', { steps, seed: 1 })
      losses.value = result.value.losses
    } catch (err) {
      error.value = toErrorInfo(err)
    } finally {
      off()
      running.value = false
    }
  }

  return { info, infoError, running, progress, losses, result, error, loadInfo, runSelfTest }
})
