import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * The whole flow on a fresh workspace, driven by role and name: three Split-MNIST tasks through
 * the wizard, the transferability review, training each (few steps), approving two, rejecting
 * one (the previous version stays active), measuring baselines and the ROI report from the Reports
 * screen, rolling back, Japanese, and a model export.
 */
const STEPS = '150'
const TASKS = ['Digits 0 and 1', 'Digits 2 and 3', 'Digits 4 and 5']

async function fillNumber(app: Page, name: string, value: string): Promise<void> {
  const box = app.getByRole('textbox', { name, exact: true })
  await box.fill(value)
  await box.press('Tab')
}

async function addBuiltinTask(app: Page, k: number, shot: (n: string) => Promise<void>): Promise<void> {
  await app.getByRole('button', { name: 'Add task' }).click()
  await expect(app.getByRole('heading', { name: 'Add a task', level: 1 })).toBeVisible()
  await app.getByText('Built-in benchmark').click()
  await app.getByText('Split-MNIST', { exact: true }).click()
  await fillNumber(app, 'Task index k', String(k))
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByRole('heading', { name: 'Step 2 of 5: Preview' })).toBeVisible()
  await expect(app.getByText(/rows, 2 classes/)).toBeVisible({ timeout: 60_000 })
  if (k === 0) await shot('wizard-preview')
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByRole('heading', { name: 'Step 3 of 5: Validation' })).toBeVisible()
  await expect(app.getByText(/^No errors/)).toBeVisible()
  if (k === 0) await shot('wizard-validation')
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByRole('textbox', { name: 'Task name' })).toHaveValue(TASKS[k])
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByRole('heading', { name: 'Step 5 of 5: Confirm' })).toBeVisible()
  if (k === 0) await shot('wizard-confirm')
  await app.getByRole('button', { name: 'Add task' }).click()
  await expect(app.getByText(`“${TASKS[k]}” was added`)).toBeVisible({ timeout: 60_000 })
  await app.getByRole('button', { name: 'Go to the pipeline' }).click()
  // The pipeline's table (its default view): the task's row, in its place.
  await expect(app.getByRole('table', { name: 'Tasks' }).locator('tbody tr').nth(k).getByRole('rowheader')).toHaveText(
    TASKS[k]
  )
}

async function train(app: Page, k: number): Promise<void> {
  await app.getByRole('link', { name: 'Pipeline' }).click()
  await app.getByRole('button', { name: `Train ${TASKS[k]}` }).click()
  await expect(app.getByRole('heading', { name: `Train & approve: ${TASKS[k]}`, level: 1 })).toBeVisible()
  await fillNumber(app, 'Training steps', STEPS)
  await fillNumber(app, 'Embedding fit steps', '100')
  await app.getByRole('button', { name: 'Start training' }).click()
  await expect(app.getByRole('heading', { name: new RegExp(`^Candidate version \\d+ \\(${TASKS[k]}\\)`) })).toBeVisible(
    {
      timeout: 150_000
    }
  )
}

async function decide(app: Page, decision: 'Approve' | 'Reject', comment: string): Promise<void> {
  await app.getByRole('textbox', { name: 'Comment', exact: true }).fill(comment)
  if (decision === 'Approve') {
    const override = app.getByText('Approve despite the failed policy checks')
    if (await override.isVisible()) await override.click()
  }
  await app.getByRole('button', { name: decision, exact: true }).click()
  await expect(app.getByRole('heading', { name: /^Candidate version/ })).toHaveCount(0, { timeout: 30_000 })
  await expect(
    app
      .getByText(
        decision === 'Approve'
          ? /approved: it is now the active model\.$/
          : /rejected; the active model is unchanged\.$/
      )
      .last()
  ).toBeVisible()
}

test('fresh workspace: wizard, transferability, train, approve, reject, rollback, Japanese, export', async ({
  app,
  shot
}) => {
  test.setTimeout(300_000)
  await app.getByRole('link', { name: 'Workspaces' }).click()
  await expect(app.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible()
  await app.getByRole('textbox', { name: 'Your name' }).fill('E2E Tester')
  await app.getByRole('textbox', { name: 'Folder for the new workspace' }).fill('e2e-line')
  await app.getByRole('textbox', { name: 'Workspace name' }).fill('E2E line')
  await shot('workspaces')
  await app.getByRole('button', { name: 'Create workspace' }).click()
  await expect(app.getByRole('heading', { name: 'Pipeline — E2E line', level: 1 })).toBeVisible()

  for (let k = 0; k < 3; k++) await addBuiltinTask(app, k, shot)
  await expect(app.getByTestId('task-state')).toHaveText(['registered', 'registered', 'registered'])
  await shot('pipeline-registered')

  // Transferability before anything is learned.
  await app.getByRole('button', { name: 'Review transferability', exact: true }).click()
  await expect(app.getByRole('heading', { name: 'Transferability review', level: 1 })).toBeVisible()
  await app.getByRole('button', { name: 'Compute transferability' }).click()
  // Nothing learned yet: an empty state instead of empty charts, and the trust panel says so.
  await expect(app.getByText('No task has been learned yet, so there is nothing to transfer from.')).toBeVisible({
    timeout: 60_000
  })
  await expect(app.getByTestId('transfer-trust')).toContainText('not yet known')

  // Task 1: train and approve.
  await train(app, 0)
  await shot('train-candidate-1')
  await decide(app, 'Approve', 'First task looks good')
  await expect(app.getByRole('table', { name: 'Version history' }).locator('tr[data-status="active"]')).toHaveCount(1)

  // Task 2: train and approve, review the heatmap; task 3: train and reject.
  await train(app, 1)
  await expect(app.getByRole('img', { name: 'Training losses' })).toBeVisible()
  await expect(app.getByRole('table', { name: 'Approval policy checks' }).locator('tbody tr').first()).toBeVisible()
  await shot('train-candidate-2')
  await decide(app, 'Approve', 'Second task approved')
  // Reports with two approved versions: preview the forgetting report, export it as PDF next to the workspace
  // folder (report.build does not create missing parent folders).
  await app.getByRole('link', { name: 'Reports', exact: true }).click()
  await expect(app.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible()
  await app.getByRole('button', { name: 'Preview', exact: true }).click()
  await expect(app.frameLocator('iframe[title="Report preview"]').locator('body')).toContainText('Average accuracy', {
    timeout: 60_000
  })
  await app.getByRole('radiogroup', { name: 'Format' }).getByText('PDF', { exact: true }).click()
  await app.getByRole('textbox', { name: 'Output file' }).fill('reports/forgetting.pdf')
  await app.getByRole('button', { name: 'Export report' }).click()
  await expect(app.getByText(/^Report written to .*reports\/forgetting\.pdf \(/)).toBeVisible({ timeout: 90_000 })
  await shot('reports')
  // ROI with no baselines yet: measure independent and finetune on the workspace's own two tasks
  // from this screen; the ROI preview and PDF then put their measured numbers next to the lineage.
  await app.getByRole('radiogroup', { name: 'Report kind' }).getByText('Return on investment (ROI)').click()
  const panel = app.getByTestId('baselines-panel')
  await expect(panel.getByText('No baselines measured yet')).toBeVisible()
  await panel.getByRole('button', { name: 'Measure baselines' }).click()
  const summary = panel.getByTestId('baseline-summary')
  await expect(summary).toContainText('independent', { timeout: 150_000 })
  await expect(summary).toContainText('finetune')
  await shot('reports-baselines')
  await app.getByRole('button', { name: 'Preview', exact: true }).click()
  const roi = app.frameLocator('iframe[title="Report preview"]').locator('body')
  await expect(roi).toContainText('learned the same tasks in the same order', { timeout: 60_000 })
  await expect(roi).toContainText(/independent\s*baseline runs #\d+, seeds 0/)
  await expect(roi).toContainText(/finetune\s*baseline runs #\d+, seeds 0/)
  await expect(roi).toContainText('When does the hypernetwork store less?')
  await app.getByRole('textbox', { name: 'Output file' }).fill('reports/roi.pdf')
  await app.getByRole('button', { name: 'Export report' }).click()
  await expect(app.getByText(/^Report written to .*reports\/roi\.pdf \(/)).toBeVisible({ timeout: 90_000 })
  // Review the heatmap with two learned tasks: the newest task's row is highlighted and both earlier tasks named.
  await app.getByRole('link', { name: 'Transferability' }).click()
  await app.getByRole('button', { name: 'Compute transferability' }).click()
  await expect(app.getByTestId('transfer-sentence')).toContainText(
    `For ${TASKS[2]}, the most transferable earlier task is`,
    {
      timeout: 60_000
    }
  )
  await app.getByText('Show as table').first().click()
  const heat = app.getByRole('table', { name: 'Transferability heatmap' })
  await expect(heat.locator('tbody tr')).toHaveCount(3)
  await expect(heat.locator('tbody tr.highlight td').first()).toHaveText(TASKS[2])
  await shot('transferability')

  await train(app, 2)
  await shot('train-candidate-3')
  await decide(app, 'Reject', 'Rejected in the e2e test')
  const history = app.getByRole('table', { name: 'Version history' })
  await expect(history.locator('tr[data-status="rejected"]')).toHaveCount(1)
  // The previous version (task 2's) is still the active one.
  await expect(history.locator('tr[data-status="active"]')).toContainText(TASKS[1])
  await app.getByRole('link', { name: 'Pipeline' }).click()
  await expect(app.getByTestId('task-state')).toHaveText(['approved', 'approved', 'rejected'])
  await shot('pipeline-after-reject')

  // Roll back to the first version.
  await app.getByRole('button', { name: `Train ${TASKS[0]}` }).click()
  await app.getByRole('textbox', { name: 'Rollback comment' }).fill('Back to the first model')
  await history.locator('tr[data-status="superseded"]').filter({ hasText: TASKS[0] }).getByRole('button').click()
  // Nothing changes before the confirmation; the toast says what happened.
  const confirm = app.getByTestId('rollback-confirm')
  await expect(confirm).toContainText(`(${TASKS[0]})?`)
  await expect(history.locator('tr[data-status="active"]')).toContainText(TASKS[1])
  await confirm.getByRole('button', { name: /^Roll back to #\d+$/ }).click()
  await expect(history.locator('tr[data-status="active"]')).toContainText(TASKS[0])
  await expect(app.getByText(/^Rolled back: version #\d+ is the active model again\.$/)).toBeVisible()
  await shot('rolled-back')

  // Export the active model of task 1.
  await app.getByRole('textbox', { name: 'Output folder' }).fill('exports/task1')
  await app.getByRole('button', { name: 'Export model' }).click()
  await expect(app.getByText(/^Exported \d+ files to/)).toBeVisible({ timeout: 60_000 })
  await shot('exported')

  // Audit log: chain verified, decisions recorded.
  await app.getByRole('link', { name: 'Audit log' }).click()
  await expect(app.getByText(/Hash chain verified/)).toBeVisible()
  const log = app.getByRole('table', { name: 'Audit log' })
  const all = await log.locator('tbody tr').count()
  await app.getByRole('textbox', { name: 'Filter' }).fill('rolled back')
  await expect(log.locator('tbody tr')).toHaveCount(1)
  await app.getByRole('textbox', { name: 'Filter' }).fill('')
  await expect(log.locator('tbody tr')).toHaveCount(all)
  await shot('audit')
  await app.getByRole('link', { name: 'Settings' }).click()
  await expect(app.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  await fillNumber(app, 'Largest allowed drop of an old task (accuracy points)', '2')
  await app.getByRole('button', { name: 'Save settings' }).click()
  await expect(app.getByText('Settings saved.')).toBeVisible()
  await shot('settings')

  // Japanese: the same screens, translated.
  await app.getByRole('button', { name: '日本語' }).click()
  await expect(app.getByRole('heading', { name: '設定', level: 1 })).toBeVisible()
  await app.getByRole('link', { name: '監査ログ' }).click()
  await expect(app.getByRole('heading', { name: '監査ログ', level: 1 })).toBeVisible()
  await expect(app.getByText(/ハッシュチェーンを検証/)).toBeVisible()
  await shot('audit-ja')
  await app.getByRole('link', { name: 'パイプライン' }).click()
  await expect(app.getByRole('heading', { name: 'パイプライン — E2E line', level: 1 })).toBeVisible()
  await expect(app.getByRole('button', { name: 'タスクを追加' })).toBeVisible()
  await shot('pipeline-ja')
  await app.getByRole('link', { name: '転移性' }).click()
  await expect(app.getByRole('heading', { name: '転移性の確認', level: 1 })).toBeVisible()
  await shot('transferability-ja')
  await app.getByRole('link', { name: '学習と承認' }).click()
  await expect(app.getByRole('heading', { name: 'バージョン履歴' })).toBeVisible()
  await shot('train-ja')
  await app.getByRole('button', { name: 'English' }).click()
})
