import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { fillNumber } from './helpers'

/**
 * Browser mode brings a CSV in through the page: a file dropped on the wizard and a real CSV
 * (the beef e-nose "Round" cut shipped in resources/) chosen with the file input both stream into
 * the workspace root's imports folder with progress; the chosen one is then imported by the same
 * importer as a typed path.
 */
const ROUND = join(__dirname, '..', 'resources/demo/beef-enose/2.Round.csv')

test('upload: a dropped file and a chosen CSV are stored under imports/, the CSV is imported', async ({
  app,
  shot
}, info) => {
  test.skip(info.project.name === 'electron', 'The desktop app picks files with the system dialog; it has no upload.')
  await app.getByRole('link', { name: 'Workspaces' }).click()
  await app.getByRole('textbox', { name: 'Folder for the new workspace' }).fill('upload-line')
  await app.getByRole('button', { name: 'Create workspace' }).click()
  await expect(app.getByRole('heading', { name: /^Pipeline — /, level: 1 })).toBeVisible()

  await app.getByRole('button', { name: 'Add task' }).click()
  await app.getByText('CSV file', { exact: true }).click()
  const pathBox = app.getByRole('textbox', { name: 'CSV file path' })
  await expect(app.getByText(/or drop one file here \(up to 250 MB\)/)).toBeVisible()

  // Drag and drop: a small file made in the page, dropped on the drop zone.
  // (A string, so the page's DataTransfer and File need no DOM types in this Node-typed file.)
  const drop = await app.evaluateHandle(`(() => {
    const dt = new DataTransfer()
    dt.items.add(new File(['x,label\\n1,a\\n2,b\\n'], 'dropped.csv', { type: 'text/csv' }))
    return dt
  })()`)
  await app.getByTestId('upload-drop').first().dispatchEvent('drop', { dataTransfer: drop })
  await expect(app.getByText('Uploaded dropped.csv (16 B) as imports/dropped.csv.')).toBeVisible()
  await expect(pathBox).toHaveValue('imports/dropped.csv')

  // The file input: a real CSV, 2,220 rows.
  await app.getByLabel('Upload a CSV file').setInputFiles(ROUND)
  await expect(app.getByText(/^Uploaded 2\.Round\.csv \(18\d\.\d kB\) as imports\/2\.Round\.csv\.$/)).toBeVisible()
  await expect(pathBox).toHaveValue('imports/2.Round.csv')
  await shot('wizard-upload')
  const home = process.env.KEIZOKU_E2E_HOME!
  expect(existsSync(join(home, 'workspaces', 'imports', '2.Round.csv'))).toBe(true)

  await app.getByRole('textbox', { name: 'Label column' }).fill('Label')
  await app.getByRole('textbox', { name: 'Ignored columns' }).fill('TVC, Minute')
  await app.getByRole('textbox', { name: 'Group holdout by column' }).fill('Minute')
  await fillNumber(app, 'Group block size', '60')
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByText(/^2,220 rows, 4 classes/)).toBeVisible()
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByText(/^No errors/)).toBeVisible()
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByRole('textbox', { name: 'Task name' })).toHaveValue('2.Round')
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByText('imports/2.Round.csv', { exact: true })).toBeVisible()
  await app.getByRole('button', { name: 'Add task' }).click()
  await expect(app.getByText('“2.Round” was added')).toBeVisible({ timeout: 60_000 })
  await app.getByRole('button', { name: 'Go to the pipeline' }).click()
  await expect(app.getByText('1 task; active version')).toBeVisible()
})
