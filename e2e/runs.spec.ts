import { expect, test } from './fixtures'
import { fillNumber } from './helpers'

/**
 * Run records on the Split-MNIST demo (two tasks, few steps): the training curves are stored
 * with each job and come back after a reload on the Train screen, in the version history's
 * side-by-side comparison of two versions (with the settings that differ) and on a version's page.
 */
test('run records: curves after a reload, two versions compared side by side, a version’s details; pipeline table', async ({
  app,
  shot
}) => {
  test.setTimeout(480_000)
  await app.getByRole('link', { name: 'Workspaces' }).click()
  await app.getByRole('textbox', { name: 'Your name' }).fill('E2E Tester')
  await app.getByRole('textbox', { name: 'Folder prefix for the demo' }).fill('runs')
  await app.getByRole('button', { name: 'Create demo workspace: Split-MNIST' }).click()
  await expect(app.getByRole('heading', { name: /^Pipeline — /, level: 1 })).toBeVisible({ timeout: 60_000 })

  for (const [task, steps] of [
    ['Digits 0 vs 1', '60'],
    ['Digits 2 vs 3', '80']
  ] as const) {
    await app.getByRole('link', { name: 'Train & approve' }).click()
    await expect(app.getByRole('heading', { name: `Train & approve: ${task}`, level: 1 })).toBeVisible()
    await fillNumber(app, 'Training steps', steps)
    await app.getByRole('button', { name: 'Start training' }).click()
    await expect(app.getByRole('heading', { name: new RegExp(`^Candidate version \\d+ \\(${task}\\)`) })).toBeVisible({
      timeout: 200_000
    })
    const override = app.getByText('Approve despite the failed policy checks')
    if (await override.isVisible()) await override.click()
    await app.getByRole('textbox', { name: 'Comment', exact: true }).fill(`Approve ${task}`)
    await app.getByRole('button', { name: 'Approve', exact: true }).click()
    await expect(app.getByRole('heading', { name: /^Candidate version/ })).toHaveCount(0)
  }

  // After a reload nothing is live any more: the Train screen draws the job's stored curves.
  await app.goto(app.url().replace(/#.*$/, '#/train/2'))
  await app.reload()
  await expect(app.getByRole('heading', { name: 'Train & approve: Digits 2 vs 3', level: 1 })).toBeVisible()
  const curves = app.getByTestId('train-curves')
  await expect(curves).toBeVisible()
  await expect(curves).toContainText(/Training curves of job \d+/)
  const losses = curves.getByRole('figure', { name: 'Training losses' })
  await expect(losses).toBeVisible()
  expect(await losses.locator('tbody tr').count()).toBeGreaterThan(1)
  await expect(losses.locator('tbody tr').last().locator('td').first()).toHaveText('80')

  // The history: pick both versions, compare them side by side.
  await app.getByRole('link', { name: 'Versions', exact: true }).click()
  await expect(app.getByRole('heading', { name: 'Versions', level: 1 })).toBeVisible()
  const history = app.getByRole('table', { name: 'Version history' })
  await expect(history.locator('tbody tr')).toHaveCount(2)
  await expect(history.locator('tbody tr').first()).toContainText('Approved by E2E Tester')
  await app.getByRole('checkbox', { name: 'Compare version 1' }).click()
  await app.getByRole('checkbox', { name: 'Compare version 2' }).click()
  const compare = app.getByRole('region', { name: 'Version #1 and version #2 side by side' })
  await expect(compare).toBeVisible()
  const acc = compare.getByRole('table', { name: 'Accuracy per task' })
  await expect(acc.locator('tbody tr')).toHaveCount(2)
  await expect(acc.locator('tbody tr').first().locator('th')).toHaveText('Digits 0 vs 1')
  // Version 1 never learned task 2: no accuracy, no change.
  await expect(acc.locator('tbody tr').nth(1).locator('td').nth(0)).toHaveText('—')
  await expect(acc.locator('tbody tr').nth(1).locator('td').nth(1)).toHaveText(/%$/)
  const diff = compare.getByRole('table', { name: 'Settings that differ' })
  await expect(diff.locator('tbody tr').filter({ hasText: /^steps/ })).toContainText(/steps\s*60\s*80/)
  const facts = compare.getByRole('table', { name: 'How it was made' })
  await expect(facts.locator('tbody tr').filter({ hasText: 'Trained from' })).toContainText('none (first version)')
  await expect(facts.locator('tbody tr').filter({ hasText: 'Trained from' })).toContainText('#1')
  const overlaid = compare.getByRole('figure', { name: 'Task loss, overlaid' })
  await expect(overlaid).toBeVisible()
  await expect(overlaid.locator('thead th')).toHaveText(['Step', '#1', '#2'])

  await shot('versions-compare')

  // The pick lives in the address: a reload shows the same comparison, curves included.
  await app.reload()
  await expect(compare.getByRole('figure', { name: 'Batch accuracy, overlaid' })).toBeVisible()

  // A version's own page: its settings against its parent and its curves.
  await app.getByRole('link', { name: 'Details of version 2' }).click()
  await expect(app.getByRole('heading', { name: 'Version #2 (Digits 2 vs 3)', level: 1 })).toBeVisible()
  await expect(app.getByText('Settings changed against its parent #1')).toBeVisible()
  await expect(app.getByRole('figure', { name: 'Training losses' })).toBeVisible()
  await shot('version-detail')

  // The pipeline as a sortable table (the demo's five tasks), the timeline one click away.
  await app.getByRole('link', { name: 'Pipeline' }).click()
  const table = app.getByRole('table', { name: 'Tasks' })
  const names = table.locator('tbody th')
  await expect(names).toHaveText(['Digits 0 vs 1', 'Digits 2 vs 3', 'Digits 4 vs 5', 'Digits 6 vs 7', 'Digits 8 vs 9'])
  await table.getByRole('button', { name: /^Order/ }).click()
  await expect(names.first()).toHaveText('Digits 8 vs 9')
  await expect(table.getByRole('columnheader', { name: /^Order/ })).toHaveAttribute('aria-sort', 'descending')
  await table.getByRole('button', { name: /^Accuracy/ }).click()
  await expect(table.getByRole('columnheader', { name: /^Accuracy/ })).toHaveAttribute('aria-sort', 'descending')
  // The two learned tasks first (highest accuracy first), then the rest in pipeline order.
  const accuracyOf = async (row: number): Promise<number> =>
    parseFloat(await table.locator('tbody tr').nth(row).locator('td').nth(4).innerText())
  const accuracies = [await accuracyOf(0), await accuracyOf(1)]
  expect(accuracies.every((a) => a > 0)).toBe(true)
  expect(accuracies[0]).toBeGreaterThanOrEqual(accuracies[1])
  await expect(names.nth(2)).toHaveText('Digits 4 vs 5')
  await expect(table.getByTestId('task-state').nth(4)).toHaveText('registered')
  await shot('pipeline-table')
  await app.getByText('Timeline', { exact: true }).click()
  await expect(app.getByRole('table', { name: 'Tasks' })).toHaveCount(0)
  await expect(app.getByRole('heading', { name: '1. Digits 0 vs 1', level: 2 })).toBeVisible()
  await app.getByText('Table', { exact: true }).click()
  await expect(table).toBeVisible()

  // The same screens in Japanese, and at the small window size.
  await app.getByRole('button', { name: '日本語' }).click()
  await expect(app.getByRole('columnheader', { name: /^精度/ })).toBeVisible()
  await shot('pipeline-table-ja')
  await app.getByRole('link', { name: 'バージョン', exact: true }).click()
  await app.getByRole('checkbox', { name: 'バージョン 1 を比較に加える' }).click()
  await app.getByRole('checkbox', { name: 'バージョン 2 を比較に加える' }).click()
  await expect(app.getByRole('region', { name: 'バージョン #1 と #2 の比較' })).toBeVisible()
  await expect(app.getByRole('table', { name: '異なる設定' })).toBeVisible()
  await app.setViewportSize({ width: 1024, height: 700 })
  await shot('versions-compare-ja-1024')
  await app.getByRole('button', { name: 'English' }).click()
})
