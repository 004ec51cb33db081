import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * Regressions of the Train screen on the Split-MNIST demo (few steps): one settings card and one
 * running panel however often the task or the job changes, the policy verdict following a
 * settings change without a reload, the method locked after the first task, Start off while a
 * candidate waits, and the nav link opening that candidate.
 */
async function fillNumber(app: Page, name: string, value: string): Promise<void> {
  const box = app.getByRole('textbox', { name, exact: true })
  await box.fill(value)
  await box.press('Tab')
}

test('train screen: no doubled panels, live policy verdict, method lock, pending candidate', async ({ app }) => {
  test.setTimeout(480_000)
  await app.getByRole('link', { name: 'Workspaces' }).click()
  await app.getByRole('textbox', { name: 'Your name' }).fill('E2E Tester')
  await app.getByRole('textbox', { name: 'Folder prefix for the demo' }).fill('regress')
  await app.getByRole('button', { name: 'Create demo workspace: Split-MNIST' }).click()
  await expect(app.getByRole('heading', { name: /^Pipeline — /, level: 1 })).toBeVisible({ timeout: 60_000 })

  // The nav link opens the first task to learn.
  await app.getByRole('link', { name: 'Train & approve' }).click()
  await expect(app.getByRole('heading', { name: 'Train & approve: Digits 0 vs 1', level: 1 })).toBeVisible()
  await fillNumber(app, 'Training steps', '60')
  await app.getByRole('button', { name: 'Start training' }).click()
  const candidateHeading = app.getByRole('heading', { name: /^Candidate version \d+ \(Digits 0 vs 1\)/ })
  await expect(candidateHeading).toBeVisible({ timeout: 200_000 })
  const checks = app.getByRole('table', { name: 'Approval policy checks' })
  const newTaskRow = checks.locator('tbody tr').filter({ hasText: 'New task accuracy' })
  await expect(newTaskRow.locator('td').nth(3)).toHaveText('0%')

  // Defect 2: a stricter policy in Settings shows in the open candidate's checks without a reload.
  await app.getByRole('link', { name: 'Settings' }).click()
  await fillNumber(app, 'Smallest accuracy of the new task (%)', '100')
  await app.getByRole('button', { name: 'Save settings' }).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  await app.getByRole('link', { name: 'Train & approve' }).click()
  await expect(newTaskRow.locator('td').nth(3)).toHaveText('100%')
  const accuracyText = (await newTaskRow.locator('td').nth(2).innerText()).trim()
  if (accuracyText !== '100%') {
    await expect(app.getByTestId('policy-verdict')).toHaveText(/fail/)
    await expect(app.getByText('Approve despite the failed policy checks')).toBeVisible()
    await app.getByText('Approve despite the failed policy checks').click()
  }
  await app.getByRole('textbox', { name: 'Comment', exact: true }).fill('First task')
  await app.getByRole('button', { name: 'Approve', exact: true }).click()
  await expect(candidateHeading).toHaveCount(0)

  // Defect 6: the method is fixed now and shown as such.
  await expect(app.getByTestId('method-fixed')).toBeVisible()
  await expect(app.getByRole('radio', { name: /^Fine-tuning/ })).toBeDisabled()
  await expect(app.getByRole('radio', { name: /^H-embedding hypernetwork/ })).toBeChecked()

  // Defect 1: another task after an approval: exactly one settings card.
  await app.getByText('Digits 2 vs 3 (registered)').click()
  await expect(app.getByRole('heading', { name: 'Train & approve: Digits 2 vs 3', level: 1 })).toBeVisible()
  await expect(app.getByText('Method and settings', { exact: true })).toHaveCount(1)
  await expect(app.getByRole('button', { name: 'Start training' })).toHaveCount(1)

  // Defect 1: start, cancel, start again: exactly one running panel, none once the job ends.
  await fillNumber(app, 'Training steps', '100000')
  await fillNumber(app, 'Embedding fit steps', '100')
  await app.getByRole('button', { name: 'Start training' }).click()
  const running = app.getByRole('region', { name: 'Running job' })
  await expect(running).toHaveCount(1)
  await running.getByRole('button', { name: 'Cancel job' }).click()
  await expect(app.getByText(/^Job \d+ was cancelled\./)).toBeVisible({ timeout: 30_000 })
  await expect(running).toHaveCount(0)
  await fillNumber(app, 'Training steps', '60')
  await app.getByRole('button', { name: 'Start training' }).click()
  await expect(running).toHaveCount(1)
  await expect(app.getByRole('heading', { name: /^Candidate version \d+ \(Digits 2 vs 3\)/ })).toBeVisible({
    timeout: 200_000
  })
  await expect(running).toHaveCount(0)
  await expect(app.getByText('Method and settings', { exact: true })).toHaveCount(1)

  // Defect 6: while that candidate waits, another task cannot start and links to it.
  await app.getByText('Digits 4 vs 5 (registered)').click()
  await expect(app.getByRole('button', { name: 'Start training' })).toBeDisabled()
  await expect(app.getByTestId('pending-candidate')).toContainText('Digits 2 vs 3')
  await app.getByRole('link', { name: 'Pipeline' }).click()
  await app.getByRole('link', { name: 'Train & approve' }).click()
  await expect(app.getByRole('heading', { name: 'Train & approve: Digits 2 vs 3', level: 1 })).toBeVisible()
})
