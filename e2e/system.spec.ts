import { expect, test } from './fixtures'

test('shows the engine backend and runs the self-test with a loss chart', async ({ app, shot }) => {
  await app.getByRole('link', { name: 'System' }).click()
  await expect(app.getByRole('heading', { name: 'System', level: 1 })).toBeVisible()
  const backend = app.getByTestId('backend-name')
  await expect(backend).toHaveText(/^(tensorflow|wasm|cpu)$/)
  const steps = app.getByRole('textbox', { name: 'Steps' })
  await steps.fill('80')
  await steps.press('Tab')
  await app.getByRole('button', { name: 'Run self-test' }).click()
  await expect(app.getByRole('status')).toContainText('Finished 80 steps', { timeout: 60_000 })
  await expect(app.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '100')
  const chart = app.getByRole('img', { name: 'Loss curve' })
  await expect(chart).toBeVisible()
  await expect(chart.locator('canvas')).toHaveCount(1)
  // The table alternative holds the same 80 points.
  await app.getByText('Show as table').click()
  await expect(app.getByRole('table', { name: 'Loss curve' }).locator('tbody tr')).toHaveCount(80)
  await shot('system')
})
