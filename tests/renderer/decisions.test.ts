// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { setTransport } from '../../src/renderer/src/transport'
import VersionHistory from '../../src/renderer/src/components/VersionHistory.vue'
import { useUserStore } from '../../src/renderer/src/stores/user'
import { useVersionsStore } from '../../src/renderer/src/stores/versions'
import { fakeTransport, flush } from './fakeTransport'
import { mountWith } from './mountApp'
import { version as versionView } from './versionFixture'

/** A versions.list entry: the version with its decisions (none here). */
const version = (...args: Parameters<typeof versionView>) => ({ ...versionView(...args), decisions: [] })

/** Toasts are rendered by Naive UI's discrete API outside the component, into the document body. */
const toasts = () => document.body.querySelector('.n-message-container')?.textContent ?? ''

describe('decisions: rollback asks first, every decision confirms itself', () => {
  it('rolls back only after the confirmation, then says so in a toast', async () => {
    let listed = [version(1, 'superseded'), version(2, 'active')]
    const fake = fakeTransport({
      'versions.list': () => listed,
      'version.rollback': () => {
        listed = [version(1, 'active'), version(2, 'superseded')]
        return listed[0]
      }
    })
    setTransport(fake.transport)
    const w = await mountWith(VersionHistory)
    useUserStore().name = 'Aiko'
    await useVersionsStore().load.run()
    await flush()
    await w.find('input[aria-label="Rollback comment"]').setValue('Back to the first model')
    await w
      .findAll('button')
      .find((b) => b.text() === 'Roll back to 1')!
      .trigger('click')
    await flush()
    expect(fake.calls.filter((c) => c.name === 'version.rollback')).toHaveLength(0)
    const confirm = w.find('[data-testid="rollback-confirm"]')
    expect(confirm.text()).toContain('Roll back to version #1 (T1)?')
    expect(confirm.text()).toContain('the active version #2 stops being used')
    await confirm
      .findAll('button')
      .find((b) => b.text() === 'Roll back to #1')!
      .trigger('click')
    await flush()
    await flush()
    expect(fake.calls.find((c) => c.name === 'version.rollback')?.arg).toEqual({
      to: 1,
      by: 'Aiko',
      comment: 'Back to the first model'
    })
    expect(w.find('[data-testid="rollback-confirm"]').exists()).toBe(false)
    expect(toasts()).toContain('Rolled back: version #1 is the active model again.')
  })

  it('a cancelled confirmation sends nothing', async () => {
    const fake = fakeTransport({ 'versions.list': () => [version(1, 'superseded'), version(2, 'active')] })
    setTransport(fake.transport)
    const w = await mountWith(VersionHistory)
    useUserStore().name = 'Aiko'
    await useVersionsStore().load.run()
    await flush()
    await w.find('input[aria-label="Rollback comment"]').setValue('maybe')
    await w
      .findAll('button')
      .find((b) => b.text() === 'Roll back to 1')!
      .trigger('click')
    await flush()
    await w
      .find('[data-testid="rollback-confirm"]')
      .findAll('button')
      .find((b) => b.text() === 'Cancel')!
      .trigger('click')
    await flush()
    expect(w.find('[data-testid="rollback-confirm"]').exists()).toBe(false)
    expect(fake.calls.filter((c) => c.name === 'version.rollback')).toHaveLength(0)
  })

  it('approve and reject confirm themselves in a toast', async () => {
    const fake = fakeTransport({
      'versions.list': () => [],
      'version.approve': () => version(3, 'active'),
      'version.reject': () => version(4, 'rejected')
    })
    setTransport(fake.transport)
    await mountWith(VersionHistory)
    const versions = useVersionsStore()
    await versions.approve.run(3, 'fine', false)
    await flush()
    expect(toasts()).toContain('Version #3 approved: it is now the active model.')
    await versions.reject.run(4, 'too slow')
    await flush()
    expect(toasts()).toContain('Version #4 rejected; the active model is unchanged.')
  })
})
