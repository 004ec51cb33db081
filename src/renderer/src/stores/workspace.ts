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

  /**
   * Bumped whenever `current` is set, so a slow load (app.info may wait for the engine backend)
   * cannot overwrite a workspace the user created or opened in the meantime.
   */
  let generation = 0
  function setCurrent(s: WorkspaceSummary | null): WorkspaceSummary | null {
    generation += 1
    current.value = s
    return s
  }

  const load = action(async () => {
    const t = getTransport()
    const gen = generation
    const info = t.invoke('app.info', {}).then((i) => (app.value = i))
    const [cur, rec] = await Promise.all([t.invoke('workspace.current', {}), t.invoke('workspace.recent', {})])
    if (gen === generation) current.value = cur
    recent.value = rec
    loaded.value = true
    await info
  })
  const reloadCurrent = action(async () => {
    const gen = generation
    const cur = await getTransport().invoke('workspace.current', {})
    if (gen === generation) current.value = cur
  })
  const create = action(async (dir: string, name?: string) => {
    return setCurrent(await getTransport().invoke('workspace.create', { dir, name: name || undefined, by: by() }))
  })
  const createDemo = action(async (dir: string, demo: 'beef-enose' | 'split-mnist') => {
    return setCurrent(await getTransport().invoke('workspace.createDemo', { dir, demo, by: by() }))
  })
  const open = action(async (dir: string) => {
    return setCurrent(await getTransport().invoke('workspace.open', { dir, by: by() }))
  })
  const close = action(async () => {
    await getTransport().invoke('workspace.close', {})
    setCurrent(null)
    recent.value = await getTransport().invoke('workspace.recent', {})
  })
  const runCheck = action(async (dir?: string) => {
    check.value = await getTransport().invoke('workspace.check', dir ? { dir } : {})
    return check.value
  })

  return { current, loaded, recent, app, check, load, reloadCurrent, create, createDemo, open, close, runCheck }
})
