// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import TaskActions from '../../src/renderer/src/components/TaskActions.vue'
import { mountWith } from './mountApp'

/** The pipeline table and the timeline share one pair of task buttons; each leads to its screen for that task. */
describe('task actions', () => {
  it('Train opens the task on the Train screen, Review opens its transferability review', async () => {
    const w = await mountWith(TaskActions, { task: { id: 7, name: 'Line 3' }, size: 'tiny' })
    const buttons = w.findAll('button')
    expect(buttons.map((b) => b.attributes('aria-label'))).toEqual(['Train Line 3', 'Review transferability of Line 3'])
    await buttons[0].trigger('click')
    await flushPromises()
    expect(w.vm.$router.currentRoute.value.fullPath).toBe('/train/7')
    await buttons[1].trigger('click')
    await flushPromises()
    expect(w.vm.$router.currentRoute.value.fullPath).toBe('/transfer?task=7')
  })
})
