import type { Page } from '@playwright/test'

/** Types into a Naive UI number box and leaves it, so the value is committed. */
export async function fillNumber(app: Page, name: string, value: string): Promise<void> {
  const box = app.getByRole('textbox', { name, exact: true })
  await box.fill(value)
  await box.press('Tab')
}
