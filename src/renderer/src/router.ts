import { createRouter, createWebHashHistory } from 'vue-router'
import SystemView from './views/SystemView.vue'
import WorkspacesView from './views/WorkspacesView.vue'
import PipelineView from './views/PipelineView.vue'
import TaskWizardView from './views/TaskWizardView.vue'
import TransferView from './views/TransferView.vue'
import TrainView from './views/TrainView.vue'
import AuditView from './views/AuditView.vue'
import ReportsView from './views/ReportsView.vue'
import SettingsView from './views/SettingsView.vue'
import VersionsView from './views/VersionsView.vue'
import VersionDetailView from './views/VersionDetailView.vue'

/** Hash history: the same routes work from file:// (Electron) and http:// (browser mode). */
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/workspaces' },
    { path: '/workspaces', name: 'workspaces', component: WorkspacesView },
    { path: '/pipeline', name: 'pipeline', component: PipelineView },
    { path: '/tasks/new', name: 'wizard', component: TaskWizardView },
    { path: '/transfer', name: 'transfer', component: TransferView },
    { path: '/train/:taskId?', name: 'train', component: TrainView },
    { path: '/versions', name: 'versions', component: VersionsView },
    { path: '/versions/:id(\\d+)', name: 'version', component: VersionDetailView },
    { path: '/audit', name: 'audit', component: AuditView },
    { path: '/reports', name: 'reports', component: ReportsView },
    { path: '/settings', name: 'settings', component: SettingsView },
    { path: '/system', name: 'system', component: SystemView }
  ]
})
