import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo, CheckReport, RecentWorkspace, WorkspaceSummary } from '@shared/types'
import { getTransport } from '../transport'
import { action } from './action'
import { useUserStore } from './user'

/** The open workspace (or none), the recent list and integrity checks, as the service reports them. */
export const useWorkspaceStore = defineStore('workspace', () => {
  const current = ref<WorkspaceSummary | null>(null)
  const loaded = ref(false)
  const recent = ref<RecentWorkspace[]>([])
  const app = ref<AppInfo>()
  const check = ref<CheckReport>()
  const by = () => useUserStore().name.trim() || undefined

  const load = action(async () => {
    const t = getTransport()
    const [cur, rec, info] = await Promise.all([
      t.invoke('workspace.current', {}),
      t.invoke('workspace.recent', {}),
      t.invoke('app.info', {})
    ])
    current.value = cur
    recent.value = rec
    app.value = info
    loaded.value = true
  })
  const reloadCurrent = action(async () => {
    current.value = await getTransport().invoke('workspace.current', {})
  })
  const create = action(async (dir: string, name?: string) => {
    current.value = await getTransport().invoke('workspace.create', { dir, name: name || undefined, by: by() })
    return current.value
  })
  const createDemo = action(async (dir: string, demo: 'beef-enose' | 'split-mnist') => {
    current.value = await getTransport().invoke('workspace.createDemo', { dir, demo, by: by() })
    return current.value
  })
  const open = action(async (dir: string) => {
    current.value = await getTransport().invoke('workspace.open', { dir, by: by() })
    return current.value
  })
  const close = action(async () => {
    await getTransport().invoke('workspace.close', {})
    current.value = null
    recent.value = await getTransport().invoke('workspace.recent', {})
  })
  const runCheck = action(async (dir?: string) => {
    check.value = await getTransport().invoke('workspace.check', dir ? { dir } : {})
    return check.value
  })

  return { current, loaded, recent, app, check, load, reloadCurrent, create, createDemo, open, close, runCheck }
})
