import { test, expect } from './support/fixtures'
import type { Locator } from '@playwright/test'
import { ProjectPage } from './pages/ProjectPage'

test.use({ locale: 'ru-RU', viewport: { width: 1400, height: 900 } })

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox()
  if (!found) throw new Error('element has no box')
  return found
}

async function expectApart(a: Locator, b: Locator): Promise<void> {
  const [one, two] = [await box(a), await box(b)]
  const overlap = one.x < two.x + two.width && two.x < one.x + one.width && one.y < two.y + two.height && two.y < one.y + one.height
  expect(overlap, `${JSON.stringify(one)} overlaps ${JSON.stringify(two)}`).toBe(false)
}

test.describe('small things a user hit', () => {
  test('the export toast stays clear of the Export menu, stays on its tab, and can be dismissed', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    await project.exportButton.click()
    const downloading = page.waitForEvent('download')
    await page.getByTestId('export-csv').click()
    await downloading
    await expect(project.exportToast).toBeVisible()
    await expectApart(project.exportToast, project.exportButton)

    await project.exportButton.click()
    await expect(project.exportMenu).toBeVisible()
    await expectApart(project.exportToast, project.exportMenu)
    await project.exportButton.click() // closes the menu
    await expect(project.exportMenu).toHaveCount(0)

    await project.openTab('team')
    await expect(project.exportToast).toHaveCount(0)
    await project.openTab('browse')
    await expect(project.exportToast).toBeVisible()
    await project.exportToast.getByTestId('export-outcome-dismiss').click()
    await expect(project.exportToast).toHaveCount(0)
  })

  test('a 2,000-character unbroken rationale wraps inside its card', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    const rationale = 'x'.repeat(2000)
    const row = {
      instruction_id: 'e2e-long',
      instruction: 'Длинное обоснование',
      model: 'e2e-model',
      answer: 'Ответ',
      criterion: 'narushenie_formata',
      annotator: 'Эксперт А',
      score: 0,
      rationale,
    }
    const dialog = await project.openImport()
    await dialog.chooseFile('long.jsonl', `${JSON.stringify(row)}\n`)
    await dialog.start()
    await expect(dialog.summary).toBeVisible()
    await dialog.close()

    await project.clickInstruction('e2e-long')
    await project.clickAnswer('e2e-model')
    await project.clickCriterion(0)
    const card = project.annotations.first()
    await expect(card.locator('.rationale')).toHaveText(rationale)
    const [panel, cardBox, textBox] = [await box(project.itemPanel), await box(card), await box(card.locator('.rationale'))]
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(panel.x + panel.width + 1)
    expect(textBox.x + textBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width + 1)
    const overflow = await project.itemPanel.evaluate((element) => {
      const scrollers = [element, ...element.querySelectorAll('*')].filter((node) => node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible')
      return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, scrollers: scrollers.length }
    })
    expect(overflow).toEqual({ page: 0, scrollers: 0 })
  })

  test('task paths and difficulty read in the UI language', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    const firstTask = project.instructionRows.first().getByTestId('instruction-row-task')
    await expect(firstTask).toHaveText('Поиск информации / Объяснить концепт')
    await project.clickInstruction('demo-01')
    await expect(page.getByTestId('instruction-task')).toHaveText('Поиск информации / Объяснить концепт')
    await expect(page.getByTestId('instruction-difficulty')).toHaveText('лёгкая')

    await project.setLanguage('en')
    await expect(page.getByTestId('instruction-task')).toHaveText('QA / Concept explanation')
    await expect(page.getByTestId('instruction-difficulty')).toHaveText('easy')
  })
})
