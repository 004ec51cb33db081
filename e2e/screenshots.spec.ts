import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * Every screen (the wizard with a problem, its source step and an upload; the versions' history,
 * comparison and one version's page among them) in English and Japanese, light and dark, at 1280×800 and 1024×700, saved under
 * e2e/screenshots/screens/<lang>-<theme>-<width>/ (ignored by git) for a person to look at. One Split-MNIST demo
 * workspace is trained once (two approved tasks, a third waiting as candidate, transferability
 * computed) and every variant photographs it; each variant is a reload with the language and
 * theme the app keeps in localStorage.
 */
// Not under test-results/: Playwright empties that folder when the next run starts.
const OUT = join(__dirname, 'screenshots', 'screens')
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 }
]
const LANGS = ['en', 'ja'] as const
const THEMES = ['light', 'dark'] as const
const SCREENS: Array<{ name: string; hash: string; heading: { en: RegExp; ja: RegExp } }> = [
  { name: 'workspaces', hash: '#/workspaces', heading: { en: /^Workspaces$/, ja: /^ワークスペース$/ } },
  { name: 'pipeline', hash: '#/pipeline', heading: { en: /^Pipeline — /, ja: /^パイプライン — / } },
  { name: 'transfer', hash: '#/transfer', heading: { en: /^Transferability review$/, ja: /^転移性の確認$/ } },
  { name: 'train', hash: '#/train', heading: { en: /^Train & approve: /, ja: /^学習と承認：/ } },
  { name: 'versions', hash: '#/versions', heading: { en: /^Versions$/, ja: /^バージョン$/ } },
  { name: 'versions-compare', hash: '#/versions?compare=1,2', heading: { en: /^Versions$/, ja: /^バージョン$/ } },
  {
    name: 'version-detail',
    hash: '#/versions/2',
    heading: { en: /^Version #2 \(Digits 2 vs 3\)$/, ja: /^バージョン #2（Digits 2 vs 3）$/ }
  },
  { name: 'audit', hash: '#/audit', heading: { en: /^Audit log$/, ja: /^監査ログ$/ } },
  { name: 'settings', hash: '#/settings', heading: { en: /^Settings$/, ja: /^設定$/ } },
  { name: 'system', hash: '#/system', heading: { en: /^System$/, ja: /^システム$/ } }
]

async function fillNumber(app: Page, name: string, value: string): Promise<void> {
  const box = app.getByRole('textbox', { name, exact: true })
  await box.fill(value)
  await box.press('Tab')
}

async function trainAndDecide(app: Page, task: string, approve: boolean): Promise<void> {
  await app.getByText(`${task} (registered)`).click()
  await expect(app.getByRole('heading', { name: `Train & approve: ${task}`, level: 1 })).toBeVisible()
  await fillNumber(app, 'Training steps', '60')
  await fillNumber(app, 'Embedding fit steps', '100')
  await app.getByRole('button', { name: 'Start training' }).click()
  await expect(app.getByRole('heading', { name: new RegExp(`^Candidate version \\d+ \\(${task}\\)`) })).toBeVisible({
    timeout: 200_000
  })
  if (!approve) return
  const override = app.getByText('Approve despite the failed policy checks')
  if (await override.isVisible()) await override.click()
  await app.getByRole('textbox', { name: 'Comment', exact: true }).fill(`${task} looks good`)
  await app.getByRole('button', { name: 'Approve', exact: true }).click()
  await expect(app.getByRole('heading', { name: /^Candidate version/ })).toHaveCount(0, { timeout: 30_000 })
}

/** Waits until the screen's heading shows and its charts have drawn, then saves the whole page. */
async function photograph(app: Page, dir: string, name: string): Promise<void> {
  // Charts draw without animation; a short pause lets Naive UI finish its transitions.
  await app.waitForTimeout(500)
  await app.screenshot({ path: join(dir, `${name}.png`), fullPage: true, timeout: 60_000 })
  console.log(`[screenshots] ${new Date().toISOString().slice(11, 19)} ${dir.split('/').at(-1)}/${name}.png`)
}

test('screenshots of every screen: en/ja × light/dark × 1280×800/1024×700', async ({ app }) => {
  test.setTimeout(900_000)
  const home = process.env.KEIZOKU_E2E_HOME
  if (!home) throw new Error('KEIZOKU_E2E_HOME is not set: e2e/global-setup.ts did not run')
  // A CSV without the label column the wizard is told to use: its preview shows a problem.
  mkdirSync(join(home, 'workspaces', 'imports'), { recursive: true })
  const rows = [
    'Minute,s1,s2,cut',
    ...Array.from({ length: 120 }, (_, i) => `${i + 1},${i % 7},${(i * 3) % 5},${i % 2 ? 'loin' : 'round'}`)
  ]
  writeFileSync(join(home, 'workspaces', 'imports', 'shots-line.csv'), rows.join('\n') + '\n')

  // One trained workspace for every variant.
  await app.evaluate("localStorage.setItem('keizoku.locale', 'en')")
  await app.reload()
  await app.getByRole('link', { name: 'Workspaces' }).click()
  await app.getByRole('textbox', { name: 'Your name' }).fill('Screenshot Tester')
  await app.getByRole('textbox', { name: 'Folder prefix for the demo' }).fill('shots')
  await app.getByRole('button', { name: 'Create demo workspace: Split-MNIST' }).click()
  await expect(app.getByRole('heading', { name: /^Pipeline — /, level: 1 })).toBeVisible({ timeout: 60_000 })
  await app.getByRole('link', { name: 'Train & approve' }).click()
  await trainAndDecide(app, 'Digits 0 vs 1', true)
  await trainAndDecide(app, 'Digits 2 vs 3', true)
  await trainAndDecide(app, 'Digits 4 vs 5', false)
  await app.getByRole('link', { name: 'Transferability' }).click()
  await app.getByRole('button', { name: 'Compute transferability' }).click()
  await expect(app.getByTestId('transfer-sentence')).toContainText(/^For Digits/, { timeout: 90_000 })

  for (const size of SIZES) {
    await app.setViewportSize(size)
    for (const theme of THEMES) {
      for (const lang of LANGS) {
        const dir = join(OUT, `${lang}-${theme}-${size.width}`)
        mkdirSync(dir, { recursive: true })
        // The wizard is driven in English; the language switches once its preview shows.
        await app.evaluate(
          `localStorage.setItem('keizoku.locale', 'en'); localStorage.setItem('keizoku.theme', '${theme}')`
        )
        await app.goto(app.url().replace(/#.*$/, '#/tasks/new'))
        await app.reload()
        await expect(app.getByRole('heading', { name: 'Add a task', level: 1 })).toBeVisible()
        await app.getByText('CSV file', { exact: true }).click()
        await app.getByRole('textbox', { name: 'CSV file path' }).fill('imports/shots-line.csv')
        await app.getByRole('textbox', { name: 'Label column' }).fill('class')
        await app.getByRole('button', { name: 'Next' }).click()
        await expect(app.getByText('shots-line.csv has no column “class” to use as the label.')).toBeVisible()
        if (lang === 'ja') {
          await app.getByRole('button', { name: '日本語' }).click()
          await expect(app.getByText('shots-line.csv にはラベルに使う列「class」がありません。')).toBeVisible()
        }
        await photograph(app, dir, 'wizard-preview-problem')
        await app.getByRole('button', { name: lang === 'ja' ? '戻る' : 'Back' }).click()
        // Naive UI's own texts follow the app's language (here an empty number box's placeholder).
        await expect(
          app.getByRole('textbox', { name: lang === 'ja' ? 'グループのブロック幅' : 'Group block size', exact: true })
        ).toHaveAttribute('placeholder', lang === 'ja' ? '入力してください' : 'Please Input')
        // At 1280 wide the header is one line: the language buttons sit level with the brand.
        if (size.width === 1280) {
          const brand = await app.locator('.brand').boundingBox()
          const languages = await app.getByRole('group', { name: lang === 'ja' ? '言語' : 'Language' }).boundingBox()
          expect(Math.abs(brand!.y + brand!.height / 2 - (languages!.y + languages!.height / 2))).toBeLessThan(8)
        }
        await photograph(app, dir, 'wizard-source')
        // Browser mode's upload: the drop zone after a CSV went through it.
        const drop = app.getByTestId('upload-drop').first()
        await drop.locator('input[type=file]').setInputFiles(join(home, 'workspaces', 'imports', 'shots-line.csv'))
        await expect(drop.locator('.n-alert')).toContainText('shots-line')
        await photograph(app, dir, 'wizard-upload')

        for (const s of SCREENS) {
          await app.evaluate(`location.hash = '${s.hash}'`)
          await expect(app.getByRole('heading', { name: s.heading[lang], level: 1 })).toBeVisible()
          // The audit log with one approval's details open (named fields, policy checks in words).
          if (s.name === 'audit')
            await app.locator('tr', { hasText: 'version.approved' }).first().locator('summary').click()
          // The app's own actor and subject names in the UI's language too.
          if (s.name === 'audit')
            await expect(app.locator('tr', { hasText: 'registry.sealed' }).first()).toContainText(
              lang === 'ja' ? /システム.*登録記録/ : /system.*registry/
            )
          // Two versions side by side, their curves overlaid; one version's page with its curves.
          if (s.name === 'versions-compare')
            await expect(
              app.getByRole('region', {
                name: lang === 'ja' ? 'バージョン #1 と #2 の比較' : 'Version #1 and version #2 side by side'
              })
            ).toBeVisible()
          // Links in the theme's colour, not the browser's dark blue (unreadable on the dark theme).
          if (s.name === 'versions')
            await expect(app.getByRole('link', { name: /^(Details of version|バージョン) 1/ })).toHaveCSS(
              'color',
              theme === 'dark' ? 'rgb(112, 192, 232)' : 'rgb(32, 128, 240)'
            )
          if (s.name === 'version-detail')
            await expect(
              app.getByRole('figure', { name: lang === 'ja' ? '学習の損失' : 'Training losses' })
            ).toBeVisible()
          await photograph(app, dir, s.name)
        }
        await app.evaluate("location.hash = '#/reports'")
        await expect(app.getByRole('heading', { name: lang === 'ja' ? 'レポート' : 'Reports', level: 1 })).toBeVisible()
        await app.getByRole('button', { name: lang === 'ja' ? 'プレビュー' : 'Preview', exact: true }).click()
        await expect(app.frameLocator('iframe').locator('body')).toContainText(
          lang === 'ja' ? '平均精度' : 'Average accuracy',
          { timeout: 60_000 }
        )
        await photograph(app, dir, 'reports')
      }
    }
  }
})
