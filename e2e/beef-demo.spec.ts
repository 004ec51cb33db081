import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * The beef e-nose demo (real sensor data): create it from the Workspaces screen, learn the
 * first cuts with few steps, and check what the Transferability screen says about trusting its
 * matrix — the H-score rows of these cuts are flat (every entry near its maximum of 3), so the
 * screen warns, and the candidate of the third cut records that its guidance fell back.
 */
const CUTS = ['Inside-Outside', 'Round', 'Top Sirloin', 'Tenderloin']

async function fillNumber(app: Page, name: string, value: string): Promise<void> {
  const box = app.getByRole('textbox', { name, exact: true })
  await box.fill(value)
  await box.press('Tab')
}

async function trainAndApprove(app: Page, cut: string, check?: () => Promise<void>): Promise<void> {
  await app.getByRole('link', { name: 'Pipeline' }).click()
  await app.getByRole('button', { name: `Train ${cut}` }).click()
  await fillNumber(app, 'Training steps', '30')
  await fillNumber(app, 'Embedding fit steps', '30')
  await app.getByRole('button', { name: 'Start training' }).click()
  await expect(app.getByRole('heading', { name: new RegExp(`^Candidate version \\d+ \\(${cut}\\)`) })).toBeVisible({
    timeout: 150_000
  })
  if (check) await check()
  await app.getByRole('textbox', { name: 'Comment', exact: true }).fill('demo')
  const override = app.getByText('Approve despite the failed policy checks')
  if (await override.isVisible()) await override.click()
  await app.getByRole('button', { name: 'Approve', exact: true }).click()
  await expect(app.getByRole('heading', { name: /^Candidate version/ })).toHaveCount(0, { timeout: 30_000 })
}

test('beef demo: flat transferability rows are flagged, the guidance falls back, and ρ is reported with n', async ({
  app,
  shot
}) => {
  test.setTimeout(300_000)
  await app.getByRole('link', { name: 'Workspaces' }).click()
  await app.getByRole('textbox', { name: 'Your name' }).fill('E2E Tester')
  await app.getByRole('textbox', { name: 'Folder prefix for the demo' }).fill('e2e-demo')
  await app.getByRole('button', { name: 'Create demo workspace: beef-cut e-nose' }).click()
  await expect(
    app.getByRole('heading', { name: 'Pipeline — Beef freshness line (e-nose demo)', level: 1 })
  ).toBeVisible({
    timeout: 60_000
  })
  await expect(app.getByTestId('task-state')).toHaveCount(8)

  await trainAndApprove(app, CUTS[0])
  await trainAndApprove(app, CUTS[1])

  // Two cuts learned, one measured pair: ρ is not yet known, and the H-score rows are flat.
  await app.getByRole('link', { name: 'Transferability' }).click()
  await app.getByRole('button', { name: 'Compute transferability' }).click()
  const trust = app.getByTestId('transfer-trust')
  await expect(trust).toContainText('not yet known', { timeout: 60_000 })
  await expect(app.getByTestId('transfer-estimator')).toContainText('Estimator in use: H-score')
  await expect(app.getByTestId('transfer-estimator')).toContainText('(pairs measured: 1)')
  const flat = app.getByTestId('transfer-flat-warning')
  await expect(flat).toBeVisible()
  await expect(flat).toContainText(CUTS[2])
  await shot('beef-transfer-flat')

  // The third cut trains without guidance because its row was flat, and the candidate says so.
  await trainAndApprove(app, CUTS[2], async () => {
    const note = app.getByTestId('candidate-guidance')
    await expect(note).toHaveAttribute('data-guidance', 'flat-fallback')
    await expect(note).toContainText('Transferability estimator: H-score (chosen automatically)')
    await expect(note).toContainText('Guidance fell back to none')
    await shot('beef-candidate-fallback')
  })
  await trainAndApprove(app, CUTS[3])

  // Four cuts learned: 0 + 1 + 2 + 3 = 6 measured pairs, enough for a verdict.
  await app.getByRole('link', { name: 'Transferability' }).click()
  await app.getByRole('button', { name: 'Compute transferability' }).click()
  await expect(app.getByTestId('transfer-estimator')).toContainText('(pairs measured: 6)', { timeout: 60_000 })
  await expect(trust).toHaveText(/^On this workspace the matrix predicted transfer (well|poorly)/)
  // Under 'auto', guidance is switched off exactly when no estimator's ρ is above 0 (n = 6: ρ moves in steps of 1/35).
  const rhos = (await app.locator('table.fits tbody tr td:nth-child(2)').allTextContents())
    .map((s) => Number(s.replace('−', '-')))
    .filter((r) => Number.isFinite(r))
  expect(rhos.length).toBeGreaterThan(0)
  await expect(app.getByTestId('transfer-unguided')).toHaveCount(Math.max(...rhos) > 0 ? 0 : 1)
  await shot('beef-transfer-trust')
})
