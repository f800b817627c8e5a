import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test, expect } from './support/fixtures'
import { repoRoot, startCastorServer } from './support/castorServer'
import { docScreenshot } from './support/docScreenshot'
import { AnnotatePage } from './pages/AnnotatePage'
import { CriteriaPage } from './pages/CriteriaPage'
import { TeamPage } from './pages/TeamPage'

const cli = path.join(repoRoot, 'out/main/cli.js')
const TASK = 'QA / Concept explanation'
const HAND_WRITTEN = 'Понятность объяснения'

test.use({ locale: 'ru-RU', viewport: { width: 1600, height: 960 } })

/** Two answers to instructions of one POLLUX task, imported with the generic importer into an empty project. */
function emptyProjectWithAnswers(): { dir: string; projectPath: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-criteria-e2e-'))
  const projectPath = path.join(dir, 'setup.castor')
  const rows = ['Что такое энтропия?', 'Объясните, что такое инфляция.'].map((instruction, index) => ({
    instruction_id: `c-${index + 1}`,
    instruction,
    model: 'Model-X',
    answer: `Ответ ${index + 1}: объяснение с примером.`,
    criterion: 'Общее впечатление',
    rubric: { '0': 'плохо', '1': 'хорошо' },
    task: TASK,
  }))
  const input = path.join(dir, 'rows.jsonl')
  fs.writeFileSync(input, rows.map((row) => JSON.stringify(row)).join('\n') + '\n')
  execFileSync(process.execPath, [cli, 'init', projectPath], { cwd: repoRoot })
  execFileSync(process.execPath, [cli, 'import', projectPath, input, '--format', 'generic-jsonl'], { cwd: repoRoot })
  return { dir, projectPath }
}

test('a lead attaches POLLUX criteria from the task tree and a hand-written one; the annotator scores with the task path and guidelines', async ({ browser, page }) => {
  test.setTimeout(240_000)
  const project = emptyProjectWithAnswers()
  const server = await startCastorServer({ projectPath: project.projectPath })
  try {
    await page.goto(server.url)
    await page.getByTestId('tab-criteria').click()
    await expect(page.getByTestId('view-criteria')).toBeVisible()

    // Library: the task's criteria come with the task tree.
    await page.locator(`input[data-path="${TASK}"]`).check()
    await page.getByRole('searchbox').fill('цензор')
    await expect(page.getByTestId('library-criteria').locator('li').first()).toBeVisible()
    await docScreenshot(page, 'criteria-library.png')
    await page.getByTestId('library-add').click()
    await expect(page.getByTestId('library-added')).toContainText(/\d+/)

    // A criterion written by hand: three levels, no N/A, its own guideline.
    await page.getByTestId('setup-tab-criteria').click()
    await page.getByTestId('criterion-new').click()
    const editor = page.getByTestId('criterion-editor')
    const criteriaPage = new CriteriaPage(page)
    await editor.getByTestId('criterion-name').fill(HAND_WRITTEN)
    await editor.getByTestId('criterion-description').fill('Понятно ли объяснение читателю без подготовки.')
    await editor.getByTestId('level-text-0').fill('Непонятно')
    await editor.getByTestId('level-text-1').fill('Местами понятно')
    await editor.getByTestId('level-add').click()
    await editor.getByTestId('level-text-2').fill('Понятно')
    await editor.getByTestId('criterion-na').uncheck()
    await editor.getByTestId('criterion-guideline').fill('Смотрите, есть ли **пример** из жизни.')
    await docScreenshot(page, 'criterion-editor.png')
    await criteriaPage.saveEditor(editor, HAND_WRITTEN)

    // Everything in the project becomes one set, attached to the task.
    const set = await criteriaPage.saveAllAsSet('Объяснения')
    await criteriaPage.attachToTask(set, 'QA', 'инструкций: 2')
    await docScreenshot(page, 'criteria-sets.png')

    // The project guideline.
    await page.getByTestId('setup-tab-guidelines').click()
    await page.getByTestId('guideline-project-text').fill('# Правила проекта\n\nОценивайте только ответ. <b>без HTML</b>')
    await page.getByTestId('guideline-project-save').click()
    await expect(page.getByTestId('guideline-project')).toContainText('версия 1')
    await docScreenshot(page, 'guidelines.png')

    // An annotator.
    const team = new TeamPage(page)
    await team.open()
    const link = await team.add('Вера', { language: 'ru' })

    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1600, height: 960 } })
    const annotate = new AnnotatePage(await context.newPage())
    annotate.captureApi()
    await annotate.open(link)
    await annotate.takeNext()
    const annotator = annotate.page
    await expect(annotator.getByTestId('wb-task-path')).toContainText('Поиск информации › Объяснить концепт')
    await expect(annotator.getByTestId('wb-task-guideline')).toContainText('Объяснить концепт, теорию')

    for (let step = 0; step < 40 && (await annotate.criterionName.textContent()) !== HAND_WRITTEN; step++) await annotate.press('j')
    await expect(annotate.criterionName).toHaveText(HAND_WRITTEN)
    const criterionGuideline = annotator.getByTestId('wb-criterion-guideline')
    await criterionGuideline.locator('summary').click()
    await expect(criterionGuideline.locator('strong')).toHaveText('пример')
    await expect(annotate.notApplicable).toHaveCount(0)

    // `?` opens the project guideline, rendered inert.
    await annotate.press('?')
    const dialog = annotator.getByTestId('wb-project-guideline')
    await expect(dialog.locator('h1')).toHaveText('Правила проекта')
    await expect(dialog).toContainText('<b>без HTML</b>')
    await annotate.press('Escape')
    await expect(dialog).toHaveCount(0)

    await annotate.press('2')
    await annotate.rationale.fill('Есть пример, всё понятно.')
    await docScreenshot(annotator, 'annotate-guidance.png')
    await annotate.submit.click()
    await expect(annotator.getByTestId('score-panel')).toHaveAttribute('data-status', 'submitted')

    // The lead edits the project guideline: on the next item the annotator sees "updated".
    await page.getByTestId('tab-criteria').click()
    await page.getByTestId('setup-tab-guidelines').click()
    await page.getByTestId('guideline-project-text').fill('# Правила проекта\n\nОценивайте только ответ, не вопрос.')
    await page.getByTestId('guideline-project-save').click()
    await expect(page.getByTestId('guideline-project')).toContainText('версия 2')
    await annotator.reload()
    await annotate.queueRows.first().click()
    await expect(annotator.getByTestId('wb-task-path')).toContainText('обновлено')

    // The scored criterion keeps its scale: the editor says why and offers a duplicate.
    await page.getByTestId('tab-criteria').click()
    await page.getByTestId('setup-tab-criteria').click()
    await page.locator(`[data-criterion-id="${HAND_WRITTEN}"]`).getByRole('button').click()
    const scored = page.getByTestId('criterion-editor')
    await expect(scored.getByTestId('criterion-locked')).toContainText('(1)')
    await expect(scored.getByTestId('level-score-0')).toBeDisabled()
    await scored.getByTestId('criterion-duplicate').click()
    await expect(page.locator(`[data-criterion-id="${HAND_WRITTEN} #2"]`)).toBeVisible()

    // Guidance never carried a score.
    expect(annotate.bodiesContaining('"experts"').filter((body) => body.includes('guidance-get'))).toEqual([])
    await context.close()
  } finally {
    await server.stop()
    fs.rmSync(project.dir, { recursive: true, force: true })
  }
})
