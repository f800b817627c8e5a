import fs from 'node:fs'
import { test, expect } from './support/fixtures'
import { docScreenshot } from './support/docScreenshot'
import { ProjectPage } from './pages/ProjectPage'


// Russian browser: the UI starts in Russian without any saved choice.
test.use({ locale: 'ru-RU', viewport: { width: 1600, height: 960 } })

test.describe('browsing the demo project in a browser', () => {
  test('walks instruction → answer → criterion → item with the keyboard', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru')

    await project.expectFocused('instructions')
    await project.press('Enter') // the first instruction, demo-01
    await expect(page.getByTestId('instruction-external-id')).toHaveText('demo-01')
    await project.expectFocused('answers')
    await expect(project.answerRows).toHaveCount(3)

    await project.press('Enter') // GigaChat-Max, the first answer by model name
    await project.expectFocused('criteria')
    await expect(project.criterionRows).toHaveCount(4)
    await expect(project.answerText).toContainText('Инфляция')

    await project.press('ArrowDown')
    await project.press('ArrowDown')
    await project.press('Enter') // the third criterion: «value»
    await expect(project.criterionPosition).toHaveText('Критерий 3 из 4')
    await expect(project.rubricLevels).toHaveCount(3)
    await expect(project.rubricLevels.nth(0)).toHaveAttribute('data-score', '0')
    await expect(project.rubricLevels.nth(2)).toHaveAttribute('data-score', '2')
    for (const level of await project.rubricLevels.all()) await expect(level.locator('.rubric-text')).not.toBeEmpty()

    await expect(project.annotations).toHaveCount(2)
    await expect(project.annotations.filter({ hasText: 'Эксперт А' }).getByTestId('annotation-score')).toHaveText('2')
    await expect(project.annotations.filter({ hasText: 'Эксперт Б' }).getByTestId('annotation-score')).toHaveText('1')
    await expect(project.judgments).toHaveCount(1)
    await expect(project.judgments.first()).toContainText('pollux-judge-7b')

    const third = await project.criterionName.textContent()
    await project.press('j')
    await expect(project.criterionPosition).toHaveText('Критерий 4 из 4')
    await expect(project.criterionName).not.toHaveText(third ?? '')
    await project.press('j') // already the last: stays
    await expect(project.criterionPosition).toHaveText('Критерий 4 из 4')
    await project.press('k')
    await expect(project.criterionPosition).toHaveText('Критерий 3 из 4')
    await expect(project.criterionName).toHaveText(third ?? '')
    await project.press('ArrowLeft')
    await expect(project.criterionPosition).toHaveText('Критерий 2 из 4')

    await project.press('Escape') // criteria → answers
    await project.expectFocused('answers')
    await project.press('Escape')
    await project.expectFocused('instructions')
    await project.press('ArrowDown')
    await project.press('Enter')
    await expect(page.getByTestId('instruction-external-id')).toHaveText('demo-02')
  })

  test('walks instruction → answer → criterion → item with the mouse and shows «Неприменимо»', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    await expect(project.instructionRows).toHaveCount(6)

    await project.instructionRows.filter({ hasText: 'demo-01' }).click()
    await project.clickAnswer('YandexGPT-4-Pro')
    await project.clickCriterion(3) // creativity__9: Эксперт Б found it not applicable
    await expect(project.criterionPosition).toHaveText('Критерий 4 из 4')
    await expect(project.annotations.filter({ hasText: 'Эксперт А' }).getByTestId('annotation-score')).toHaveText('0')
    await expect(project.annotations.filter({ hasText: 'Эксперт Б' }).getByTestId('annotation-score')).toHaveText('Неприменимо')
    await expect(project.rubricLevels.first()).toBeVisible()

    await page.getByTestId('criterion-prev').click()
    await expect(project.criterionPosition).toHaveText('Критерий 3 из 4')
  })

  test('switches the language from Russian to English and back, and remembers the choice', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    await project.instructionRows.filter({ hasText: 'demo-01' }).click()
    await project.clickAnswer('GigaChat-Max')
    await project.clickCriterion(2)
    await expect(project.paneHeading('Инструкции')).toBeVisible()
    await expect(project.importButton).toHaveText('Импорт')
    await docScreenshot(page, 'browse-ru.png')

    await project.setLanguage('en')
    await expect(project.paneHeading('Instructions')).toBeVisible()
    await expect(project.paneHeading('Инструкции')).toHaveCount(0)
    await expect(project.importButton).toHaveText('Import')
    await expect(project.criterionPosition).toHaveText('Criterion 3 of 4')
    // POLLUX criteria carry English texts: the criterion follows the UI's language.
    await expect(project.criterionName).not.toHaveText(/[а-яё]/i)
    await docScreenshot(page, 'browse-en.png')

    await page.reload()
    await expect(project.paneHeading('Instructions')).toBeVisible()
    await project.setLanguage('ru')
    await expect(project.paneHeading('Инструкции')).toBeVisible()
    await expect(project.importButton).toHaveText('Импорт')
  })

  test('shows HTML and scripts inside an answer as text', async ({ page, castor }) => {
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    const project = new ProjectPage(page)
    await project.open(castor.url)
    await project.clickInstruction('demo-06')
    await project.clickAnswer('YandexGPT-4-Pro')

    await expect(project.answerText).toContainText('<img src=x onerror=alert(1)>')
    await expect(project.answerText).toContainText('<script>alert(1)</script>')
    await expect(project.answerText.locator('img, script, iframe, object')).toHaveCount(0)
    expect(await page.locator('img[src="x"], img[onerror]').count()).toBe(0)
    await project.clickCriterion(0)
    await page.waitForTimeout(300) // give a stray handler the chance to fire
    expect(dialogs).toEqual([])
  })

  test('imports an uploaded generic JSONL with progress and a summary, and the counts grow', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    await project.expectCount('instructions', 6)
    await project.expectCount('annotations', 120)

    const row = (annotator: string, score: number) => ({
      instruction_id: 'e2e-01',
      instruction: 'Назови столицу Франции.',
      model: 'e2e-model',
      answer: 'Столица Франции — **Париж**.',
      criterion: 'narushenie_formata',
      annotator,
      score,
      rationale: 'Формат в порядке.',
    })
    const jsonl = [row('Эксперт А', 0), row('Эксперт Б', 0)].map((r) => JSON.stringify(r)).join('\n') + '\n'

    const dialog = await project.openImport()
    await expect(dialog.format).toHaveValue('auto')
    await dialog.chooseFile('small.jsonl', jsonl)
    await dialog.start()

    await expect(dialog.summary).toBeVisible()
    await expect(dialog.progressBar).toHaveAttribute('aria-valuenow', '100')
    await expect(dialog.percent).toHaveText('100%')
    await expect(dialog.rows).toContainText('2')
    await expect(dialog.summary.getByTestId('added-instructions')).toContainText('+1')
    await expect(dialog.summary.getByTestId('added-annotations')).toContainText('+2')

    await project.expectCount('instructions', 7)
    await project.expectCount('responses', 19)
    await project.expectCount('annotations', 122)
    await dialog.close()

    await expect(project.instructionRows).toHaveCount(7)
    await project.clickInstruction('e2e-01')
    await project.clickAnswer('e2e-model')
    await expect(project.answerText.locator('strong')).toHaveText('Париж')
  })

  test('shows the line and field of a bad import and changes nothing', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    const good = {
      instruction_id: 'e2e-bad',
      instruction: 'Текст',
      model: 'e2e-model',
      answer: 'Ответ',
      criterion: 'narushenie_formata',
      annotator: 'Эксперт А',
      score: 0,
    }
    const { model: _dropped, ...missingModel } = good
    const jsonl = `${JSON.stringify(good)}\n${JSON.stringify(missingModel)}\n`

    const dialog = await project.openImport()
    await dialog.chooseFile('bad.jsonl', jsonl)
    await dialog.start()

    await expect(dialog.error).toBeVisible()
    await expect(dialog.errorPart('file')).toContainText('bad.jsonl')
    await expect(dialog.errorPart('line')).toContainText('2')
    await expect(dialog.errorPart('field')).toContainText('model')
    // The reason reads in the UI's language (Russian here), not the CLI's English.
    await expect(dialog.error).toContainText('bad.jsonl, строка 2: поле «model» отсутствует')
    await expect(dialog.summary).toHaveCount(0)
    await dialog.close()
    await project.expectCount('instructions', 6)
    await project.expectCount('annotations', 120)
  })

  test('exports the scores as a browser download from the Export menu', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    await page.getByTestId('export-button').click()
    await expect(page.getByRole('menuitem')).toHaveCount(6)
    const downloading = page.waitForEvent('download')
    await page.getByTestId('export-jsonl').click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/\.jsonl$/)
    const file = await download.path()
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n')
    expect(lines.length).toBeGreaterThanOrEqual(120)
    expect(() => JSON.parse(lines[0])).not.toThrow()
    await expect(page.getByTestId('export-outcome')).toBeVisible()
  })
})
