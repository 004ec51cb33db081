import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { TransferMatrix } from '@shared/types'
import { getTransport } from '../transport'
import { action } from './action'

/** The H-score matrix and embedding map, as last computed by the service. */
export const useTransferStore = defineStore('transfer', () => {
  const matrix = ref<TransferMatrix | null>(null)
  const load = action(async () => {
    matrix.value = await getTransport().invoke('transfer.get', {})
  })
  const compute = action(async () => {
    matrix.value = await getTransport().invoke('transfer.compute', {})
    return matrix.value
  })
  return { matrix, load, compute }
})
