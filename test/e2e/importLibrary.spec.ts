import { test, expect } from './support/fixtures'
import { ProjectPage } from './pages/ProjectPage'

test.use({ locale: 'ru-RU' })

test('imports the built-in POLLUX criteria library and task taxonomy from the import dialog', async ({ page, castor }) => {
  const project = new ProjectPage(page)
  await project.open(castor.url)
  await project.expectCount('criteria', 16)

  const dialog = await project.openImport()
  await dialog.library('pollux-criteria').click()
  await expect(dialog.library('pollux-criteria')).toHaveAttribute('aria-pressed', 'true')
  await expect(dialog.root.getByTestId('import-file-name')).toHaveText('Библиотека критериев POLLUX')
  await expect(dialog.format).toBeDisabled()
  await expect(dialog.format).toHaveValue('pollux-criteria')
  await dialog.start()
  await expect(dialog.summary).toBeVisible()
  // The demo holds 16 of the 295 criteria already.
  await expect(dialog.summary.getByTestId('added-criteria')).toContainText('+279')
  await project.expectCount('criteria', 295)

  await dialog.root.getByTestId('import-again').click()
  await dialog.library('pollux-tasks').click()
  await dialog.start()
  await expect(dialog.summary).toBeVisible()
  await expect(dialog.summary.getByTestId('added-tasks')).toContainText('Задачи')
  await expect(dialog.summary.getByTestId('import-nothing-added')).toHaveCount(0)
  await dialog.close()
})
