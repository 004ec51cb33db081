import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ExportResult, VersionComparison, VersionListEntry, VersionView } from '@shared/types'
import { i18n } from '../i18n'
import { toastSuccess } from '../toast'
import { getTransport } from '../transport'
import { action } from './action'
import { useUserStore } from './user'

/** Model versions, the candidate comparison and the approval decisions (all decided by the service). */
export const useVersionsStore = defineStore('versions', () => {
  const versions = ref<VersionListEntry[]>([])
  const comparison = ref<VersionComparison>()
  const lastExport = ref<ExportResult>()
  const user = useUserStore()
  const t = i18n.global.t

  const load = action(async () => {
    versions.value = await getTransport().invoke('versions.list', {})
  })
  const compare = action(async (version: number) => {
    comparison.value = await getTransport().invoke('versions.compare', { version })
    return comparison.value
  })
  const approve = action(async (version: number, comment: string, override: boolean) => {
    const v = await getTransport().invoke('version.approve', {
      version,
      by: user.name.trim(),
      comment: comment || undefined,
      override: override || undefined
    })
    await load.run()
    toastSuccess(t('toast.approved', { id: v.id }))
    return v
  })
  const reject = action(async (version: number, comment: string) => {
    const v = await getTransport().invoke('version.reject', { version, by: user.name.trim(), comment })
    await load.run()
    toastSuccess(t('toast.rejected', { id: v.id }))
    return v
  })
  /** A rollback waits for the user to confirm it (it changes which model every task uses). */
  const pendingRollback = ref<{ to: number; comment: string }>()
  const requestRollback = (to: number, comment: string): void => {
    rollback.error = undefined
    pendingRollback.value = { to, comment }
  }
  const rollback = action(async (to: number, comment: string) => {
    const v = await getTransport().invoke('version.rollback', { to, by: user.name.trim(), comment })
    pendingRollback.value = undefined
    await load.run()
    toastSuccess(t('toast.rolledBack', { id: v.id }))
    return v
  })
  const confirmRollback = async (): Promise<VersionView | undefined> => {
    const p = pendingRollback.value
    return p ? rollback.run(p.to, p.comment) : undefined
  }
  const exportModel = action(async (task: number, outDir: string) => {
    lastExport.value = await getTransport().invoke('model.export', { task, outDir, by: user.name.trim() || undefined })
    return lastExport.value
  })

  const active = (): VersionView | undefined => versions.value.find((v) => v.status === 'active')
  const candidateFor = (taskId: number): VersionView | undefined =>
    versions.value.filter((v) => v.taskId === taskId && v.status === 'candidate').at(-1)

  return {
    versions,
    comparison,
    lastExport,
    load,
    compare,
    approve,
    reject,
    rollback,
    pendingRollback,
    requestRollback,
    confirmRollback,
    exportModel,
    active,
    candidateFor
  }
})
