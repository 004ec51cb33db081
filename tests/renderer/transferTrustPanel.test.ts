// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { TransferTrust } from '@shared/transferability'
import TransferTrustPanel from '../../src/renderer/src/components/TransferTrustPanel.vue'
import { mountWith } from './mountApp'

function trust(rhos: number[], guide: boolean): TransferTrust {
  const fits = (['hscore', 'shrinkage', 'logme', 'normalised'] as const).map((estimator, i) => ({
    estimator,
    rho: rhos[i],
    n: 15
  }))
  const best = fits.reduce((a, b) => (b.rho > a.rho ? b : a))
  return {
    choice: 'auto',
    estimator: best.estimator,
    rho: best.rho,
    n: 15,
    level: 'poor',
    guide,
    fits,
    flatThreshold: 0.02
  }
}

describe('transfer trust panel', () => {
  it('says new tasks train without guidance when no estimator has ρ above 0', async () => {
    const w = await mountWith(TransferTrustPanel, { trust: trust([-0.2, -0.13, -0.3, -0.2], false), flatNames: [] })
    expect(w.find('[data-testid="transfer-unguided"]').text()).toContain('new tasks train without guidance')
    expect(w.find('[data-in-use="true"]').text()).toContain('-0.13')
  })

  it('says nothing of the kind while guidance is on', async () => {
    const w = await mountWith(TransferTrustPanel, { trust: trust([-0.1, 0.05, 0.18, -0.1], true), flatNames: [] })
    expect(w.find('[data-testid="transfer-unguided"]').exists()).toBe(false)
  })
})
