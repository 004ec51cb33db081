import { watch } from 'vue'
import { getTransport } from '../transport'
import { useAuditStore } from './audit'
import { useBaselinesStore } from './baselines'
import { useSettingsStore } from './settings'
import { useTasksStore } from './tasks'
import { useTrainingStore } from './training'
import { useTransferStore } from './transfer'
import { useVersionsStore } from './versions'
import { useWorkspaceStore } from './workspace'

let wired = false

/** Subscribes once to the service's events and reloads whichever store the event names. */
export function wireEvents(): void {
  if (wired) return
  wired = true
  const t = getTransport()
  t.on('job.progress', (p) => {
    useTasksStore().applyProgress(p)
    useTrainingStore().onProgress(p)
  })
  t.on('job.updated', (j) => {
    void useTrainingStore().onJobUpdated(j)
    useBaselinesStore().onJobUpdated(j)
  })
  const ws = useWorkspaceStore()
  // Another workspace (or none): forget everything the stores held about the previous one.
  watch(
    () => ws.current?.dir,
    (dir, before) => {
      if (dir === before) return
      const tasks = useTasksStore()
      const versions = useVersionsStore()
      tasks.tasks = []
      tasks.jobs = []
      versions.versions = []
      versions.comparison = undefined
      versions.lastExport = undefined
      useTransferStore().matrix = null
      useAuditStore().listing = undefined
      useSettingsStore().settings = undefined
      useBaselinesStore().listing = undefined
      if (dir) {
        void tasks.load.run()
        void versions.load.run()
      }
    }
  )
  t.on('workspace.changed', (e) => {
    switch (e.what) {
      case 'tasks':
        void useTasksStore().load.run()
        void ws.reloadCurrent.run()
        break
      case 'versions':
        if (useBaselinesStore().listing) void useBaselinesStore().load.run()
        void useVersionsStore().load.run()
        void useTasksStore().load.run()
        void ws.reloadCurrent.run()
        break
      case 'settings': {
        void useSettingsStore().load.run()
        // The policy verdict of an open candidate depends on the settings: ask the service again.
        const versions = useVersionsStore()
        if (versions.comparison) void versions.compare.run(versions.comparison.candidate.id)
        break
      }
      case 'transfer':
        void useTransferStore().load.run()
        break
      case 'audit':
        if (useAuditStore().listing) void useAuditStore().load.run()
        break
      case 'workspace':
        void ws.reloadCurrent.run()
        break
    }
  })
}
