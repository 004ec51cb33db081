import { mount } from '@vue/test-utils'
import { createPinia, getActivePinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Component } from 'vue'
import { i18n, setLocale } from '../../src/renderer/src/i18n'
import { useWorkspaceStore } from '../../src/renderer/src/stores/workspace'

/**
 * Mounts a renderer component with Pinia, i18n (English) and a memory router; charts are stubbed
 * (no canvas in happy-dom). `keepPinia` mounts into the stores of the previous mount, as when
 * the user leaves a screen and comes back.
 */
export async function mountWith(
  component: Component,
  props: Record<string, unknown> = {},
  opts: { keepPinia?: boolean } = {}
) {
  const kept = opts.keepPinia ? getActivePinia() : undefined
  const pinia: Pinia = kept ?? createPinia()
  setActivePinia(pinia)
  setLocale('en')
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: { template: '<div/>' } }]
  })
  await router.push('/')
  await router.isReady()
  return mount(component, {
    props,
    global: {
      plugins: [pinia, i18n, router],
      stubs: { ChartFigure: { props: ['title'], template: '<figure :aria-label="title"/>' } }
    }
  })
}

/** Marks a workspace as open in the store, as the app does after workspace.open (screens behind RequiresWorkspace render). */
export function openFakeWorkspace(name = 'E2E', dir = '/w/e2e'): void {
  const ws = useWorkspaceStore()
  ws.current = {
    dir,
    schemaVersion: 2,
    name,
    language: 'en',
    tasks: 2,
    learnedTasks: 2,
    activeVersionId: 2,
    integrity: { ok: true, summary: [], lines: [] },
    interruptedJobs: []
  }
  ws.loaded = true
}
