import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * Wizard regressions on a CSV under the workspace root: a missing label column is shown at the
 * preview step with the columns there are (in Japanese too); a second file does not inherit the
 * first one's name; Confirm states the grouping and the resulting split.
 */
function writeCsv(name: string): void {
  const home = process.env.KEIZOKU_E2E_HOME
  if (!home) throw new Error('KEIZOKU_E2E_HOME is not set: e2e/global-setup.ts did not run')
  const dir = join(home, 'workspaces', 'imports')
  mkdirSync(dir, { recursive: true })
  const rows = ['Minute,s1,s2,cut']
  for (let i = 1; i <= 240; i++) rows.push(`${i},${(i % 13) + (i % 2) * 5},${(i * 7) % 11},${i % 2 ? 'loin' : 'round'}`)
  writeFileSync(join(dir, name), rows.join('\n') + '\n')
}

async function fillNumber(app: Page, name: string, value: string): Promise<void> {
  const box = app.getByRole('textbox', { name, exact: true })
  await box.fill(value)
  await box.press('Tab')
}

test('wizard: problems at the preview step (English and Japanese), no carried state, plain Confirm', async ({
  app
}) => {
  writeCsv('no-such-label.csv')
  writeCsv('line-a.csv')
  await app.getByRole('link', { name: 'Workspaces' }).click()
  await app.getByRole('textbox', { name: 'Folder for the new workspace' }).fill('wizard-line')
  await app.getByRole('button', { name: 'Create workspace' }).click()
  await expect(app.getByRole('heading', { name: /^Pipeline — /, level: 1 })).toBeVisible()
  await expect(app.getByText('0 tasks; active version')).toBeVisible()

  await app.getByRole('button', { name: 'Add task' }).click()
  await app.getByText('CSV file', { exact: true }).click()
  // Defect 3: a file outside the workspace root is called a file, with file advice (in Japanese too).
  await app.getByRole('textbox', { name: 'CSV file path' }).fill('../outside.csv')
  await app.getByRole('textbox', { name: 'Label column' }).fill('class')
  await app.getByRole('button', { name: 'Next' }).click()
  const refusal = app.getByRole('alert').filter({ hasText: 'outside the workspace root' })
  await expect(refusal).toContainText('The file "../outside.csv" is outside the workspace root')
  await expect(refusal).toContainText('copy the file there')
  await expect(refusal).not.toContainText('line-3')
  await app.getByRole('button', { name: '日本語' }).click()
  await expect(
    app.getByRole('alert').filter({ hasText: 'ファイル「../outside.csv」はワークスペースのルート' })
  ).toContainText('ファイルをそこへコピー')
  await app.getByRole('button', { name: 'English' }).click()
  await app.getByRole('button', { name: 'Back' }).click()
  await app.getByRole('textbox', { name: 'CSV file path' }).fill('imports/no-such-label.csv')
  await app.getByRole('textbox', { name: 'Label column' }).fill('class')
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByRole('heading', { name: 'Step 2 of 5: Preview' })).toBeVisible()
  // Defect 4: the problem at the preview step, with the columns the file has; rows counted.
  await expect(app.getByText('no-such-label.csv has no column “class” to use as the label.')).toBeVisible()
  await expect(app.getByText('Use one of: Minute, s1, s2, cut.')).toBeVisible()
  await expect(app.getByText(/^240 rows/)).toBeVisible()
  await expect(app.getByRole('table', { name: 'Columns' }).locator('tbody tr')).toHaveCount(4)
  await expect(app.getByText('has a header but no data rows')).toHaveCount(0)

  // Defect 7: the same problem in Japanese.
  await app.getByRole('button', { name: '日本語' }).click()
  await expect(app.getByText('no-such-label.csv にはラベルに使う列「class」がありません。')).toBeVisible()
  await app.getByRole('button', { name: 'English' }).click()

  // Defect 5: Back, another file: its own name is proposed, not the first file's.
  await app.getByRole('button', { name: 'Back' }).click()
  await app.getByRole('textbox', { name: 'CSV file path' }).fill('imports/line-a.csv')
  await app.getByRole('textbox', { name: 'Label column' }).fill('cut')
  await app.getByRole('textbox', { name: 'Ignored columns' }).fill('Minute')
  await app.getByRole('textbox', { name: 'Group holdout by column' }).fill('Minute')
  await fillNumber(app, 'Group block size', '60')
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByText(/^240 rows, 2 classes/)).toBeVisible()
  await expect(app.getByRole('table', { name: 'Feature statistics' }).locator('tbody tr')).toHaveCount(2)
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByText(/^No errors/)).toBeVisible()
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByRole('textbox', { name: 'Task name' })).toHaveValue('line-a')
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByRole('heading', { name: 'Step 5 of 5: Confirm' })).toBeVisible()
  await expect(app.getByText('imports/line-a.csv', { exact: true })).toBeVisible()
  await expect(app.getByText(/grouped by Minute in blocks of 60/)).toBeVisible()
  await expect(app.getByTestId('wizard-split')).toHaveText(
    /\d+ training rows, \d+ holdout rows\s+· \d+ groups for training, \d+ held out/
  )
  await app.getByRole('button', { name: 'Add task' }).click()
  await expect(app.getByText('“line-a” was added')).toBeVisible({ timeout: 60_000 })
  await app.getByRole('button', { name: 'Go to the pipeline' }).click()
  await expect(app.getByText('1 task; active version')).toBeVisible()
})
