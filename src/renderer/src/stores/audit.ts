import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AuditListing } from '@shared/types'
import { getTransport } from '../transport'
import { action } from './action'

/** The audit log and its hash-chain verification, as the service reports them. */
export const useAuditStore = defineStore('audit', () => {
  const listing = ref<AuditListing>()
  const load = action(async (limit?: number) => {
    listing.value = await getTransport().invoke('audit.list', { limit: limit ?? 500 })
  })
  return { listing, load }
})
