import { createRouter, createWebHashHistory } from 'vue-router'
import SystemView from './views/SystemView.vue'

/** Hash history: the same routes work from file:// (Electron) and http:// (browser mode). */
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/system' },
    { path: '/system', name: 'system', component: SystemView }
  ]
})
