import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { WorkspaceSettings } from '@shared/types'
import type { CallArg } from '@shared/api'
import { getTransport } from '../transport'
import { action } from './action'
import { useUserStore } from './user'

/** The workspace's approval policy and cost figures. */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<WorkspaceSettings>()
  const load = action(async () => {
    settings.value = await getTransport().invoke('settings.get', {})
  })
  const save = action(async (patch: Omit<CallArg<'settings.set'>, 'by'>) => {
    const by = useUserStore().name.trim() || undefined
    settings.value = await getTransport().invoke('settings.set', { ...patch, by })
    return settings.value
  })
  return { settings, load, save }
})
