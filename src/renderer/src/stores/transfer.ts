import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { TransferMatrix } from '@shared/types'
import { getTransport } from '../transport'
import { action } from './action'

/** The H-score matrix and embedding map, as last computed by the service. */
export const useTransferStore = defineStore('transfer', () => {
  const matrix = ref<TransferMatrix | null>(null)
  /**
   * The stored matrix. The service stores nothing while no task is learned, so a null answer
   * keeps a matrix computed in this session (it lists the registered tasks).
   */
  const load = action(async () => {
    const m = await getTransport().invoke('transfer.get', {})
    if (m || !matrix.value) matrix.value = m
  })
  const compute = action(async () => {
    matrix.value = await getTransport().invoke('transfer.compute', {})
    return matrix.value
  })
  return { matrix, load, compute }
})
