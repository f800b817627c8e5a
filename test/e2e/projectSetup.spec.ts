import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test, expect } from '@playwright/test'
import { AnnotatePage } from './pages/AnnotatePage'
import { CriteriaPage } from './pages/CriteriaPage'
import { ProjectPage } from './pages/ProjectPage'
import { TeamPage } from './pages/TeamPage'
import { repoRoot, startCastorServer, type CastorServer } from './support/castorServer'
import { docScreenshot } from './support/docScreenshot'

/**
 * Issue 13's whole setup in one flow, in Russian: an empty served project, a CSV with the lead's own column names
 * through the mapping screen (one column kept as an instruction attribute), POLLUX criteria from the task tree, a
 * criterion written by hand, sets attached by task and by the attribute, an annotator who scores with the task path
 * and guidelines, the same mapping again without asking, and a Criteria tab that follows a CLI import live.
 */
test.use({ locale: 'ru-RU', viewport: { width: 1600, height: 960 } })

const cli = path.join(repoRoot, 'out/main/cli.js')
const QA = 'QA / Concept explanation'
const EDITING = 'Text Transformation / Editing'
const HAND_WRITTEN = 'Понятность объяснения'

const csv = (rows: string[][]) => rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n'
const FIRST = csv([
  ['номер', 'вопрос', 'система', 'ответ', 'источник', 'тип'],
  ['1', 'Что такое энтропия?', 'Model-X', 'Мера беспорядка, например в комнате.', 'экзамен', QA],
  ['2', 'Объясните, что такое инфляция.', 'Model-X', 'Рост цен, например на хлеб.', 'форум', QA],
  ['3', 'Исправьте ошибки: «превет мир»', 'Model-X', 'Привет, мир', 'форум', EDITING],
  ['4', 'Сократите: «очень-очень длинный текст»', 'Model-X', 'Длинный текст', 'экзамен', EDITING],
])
// The same columns in another order.
const SECOND = csv([
  ['тип', 'ответ', 'вопрос', 'номер', 'источник', 'система'],
  [QA, 'Скорость изменения функции.', 'Что такое производная?', '5', 'экзамен', 'Model-X'],
])

let dir: string
let server: CastorServer
test.beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-e2e-setup-'))
  server = await startCastorServer({ projectPath: path.join(dir, 'project.castor'), create: true })
})
test.afterEach(async () => {
  await server.stop()
  fs.rmSync(dir, { recursive: true, force: true })
})

test('a lead sets up a project from an empty server: mapped CSV, POLLUX and hand-written criteria, sets by task and by column, an annotator scores, the mapping is reused', async ({ browser, page }) => {
  test.setTimeout(300_000)
  await page.goto(server.url)
  await expect(page.getByTestId('served-start')).toBeVisible()
  await docScreenshot(page, 'serve-new-ru.png')
  await page.getByTestId('start-create').click()
  const project = new ProjectPage(page)
  await project.expectCount('instructions', 0)

  // The mapping screen: the lead says what each foreign column holds; "источник" stays as an instruction attribute.
  const dialog = await project.openImport()
  await dialog.chooseFile('ответы.csv', FIRST)
  await dialog.start()
  const mapping = dialog.root.getByTestId('import-mapping')
  await expect(mapping).toBeVisible()
  // Guessed from the Russian names: вопрос → instruction, ответ → answer; the rest is the lead's choice.
  await expect(mapping.getByTestId('mapping-field-вопрос')).toHaveValue('instruction')
  await expect(mapping.getByTestId('mapping-field-источник')).toHaveValue('')
  await mapping.getByTestId('mapping-field-номер').selectOption('instruction_id')
  await mapping.getByTestId('mapping-field-вопрос').selectOption('instruction')
  await mapping.getByTestId('mapping-field-система').selectOption('model')
  await mapping.getByTestId('mapping-field-ответ').selectOption('answer')
  await mapping.getByTestId('mapping-field-тип').selectOption('task')
  await mapping.getByTestId('mapping-field-источник').selectOption({ label: 'Сохранить как атрибут инструкции' })
  await expect(mapping.getByTestId('mapping-problems')).toHaveCount(0)
  // The picture shows the last columns: the attribute and the task.
  await mapping.locator('.mapping-table-wrap').evaluate((wrap) => (wrap.scrollLeft = wrap.scrollWidth))
  await docScreenshot(page, 'import-mapping-ru.png')
  await dialog.root.getByTestId('mapping-import').click()
  await expect(dialog.summary).toBeVisible()
  await dialog.close()
  await project.expectCount('instructions', 4)
  await project.expectCount('items', 0)

  // POLLUX criteria chosen from the task tree.
  await page.getByTestId('tab-criteria').click()
  await expect(page.getByTestId('view-criteria')).toBeVisible()
  await page.locator(`input[data-path="${QA}"]`).check()
  await page.getByTestId('library-add').click()
  await expect(page.getByTestId('library-added')).toContainText(/\d+/)

  // One criterion written by hand, with its own guideline.
  await page.getByTestId('setup-tab-criteria').click()
  await page.getByTestId('criterion-new').click()
  const editor = page.getByTestId('criterion-editor')
  const criteriaPage = new CriteriaPage(page)
  await editor.getByTestId('criterion-name').fill(HAND_WRITTEN)
  await editor.getByTestId('level-text-0').fill('Непонятно')
  await editor.getByTestId('level-text-1').fill('Понятно')
  await editor.getByTestId('criterion-guideline').fill('Есть ли **пример** из жизни.')
  await criteriaPage.saveEditor(editor, HAND_WRITTEN)

  // Set 1: every criterion, attached by task (instructions 1 and 2).
  await criteriaPage.saveAllAsSet('Объяснения')
  await criteriaPage.attachToTask(page.getByTestId('set-Объяснения'), 'QA', 'инструкций: 2')
  const criteriaCount = await project.countValue('criteria')
  await project.expectCount('items', 2 * criteriaCount)

  // Set 2: the hand-written criterion, attached by the imported column "источник" = "экзамен" (instructions 1 and 4;
  // 1 has its item already, so one item is new).
  await page.getByTestId('setup-tab-criteria').click()
  // Saving a set cleared the choice.
  await page.getByRole('checkbox', { name: HAND_WRITTEN, exact: true }).check()
  await page.getByTestId('set-name').fill('Экзамен')
  await page.getByTestId('set-save').click()
  await page.getByTestId('setup-tab-sets').click()
  const exam = page.getByTestId('set-Экзамен')
  await expect(exam).toContainText('критериев: 1,')
  await exam.getByTestId('attach-kind').selectOption('column')
  await exam.getByLabel('Колонка').fill('источник')
  await exam.getByLabel('Значение').fill('экзамен')
  await exam.getByTestId('attach-run').click()
  await expect(exam).toContainText('Применён к: источник = экзамен')
  await project.expectCount('items', 2 * criteriaCount + 1)

  // An annotator scores an item, seeing the task path and the task's guideline.
  const team = new TeamPage(page)
  await team.open()
  const link = await team.add('Вера', { language: 'ru' })
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1600, height: 960 } })
  const annotate = new AnnotatePage(await context.newPage())
  await annotate.open(link)
  await annotate.takeNext()
  const annotator = annotate.page
  await expect(annotator.getByTestId('wb-task-path')).toContainText(/Поиск информации › Объяснить концепт|Преобразование заданного текста › Отредактировать текст/)
  await expect(annotator.getByTestId('wb-task-guideline')).not.toBeEmpty()
  await annotate.levels.first().click()
  await annotate.rationale.fill('Оценено по инструкции.')
  await annotate.submit.click()
  await expect(annotator.getByTestId('score-panel')).toHaveAttribute('data-status', 'submitted')
  await context.close()
  await project.expectCount('annotations', 1)

  // The same columns again: the saved mapping is used without asking; the new answer gets both sets' items.
  const again = await project.openImport()
  await again.chooseFile('ещё.csv', SECOND)
  await again.start()
  await expect(again.summary).toBeVisible()
  await expect(again.root.getByTestId('mapping-used-saved')).toContainText('ответы.csv')
  await expect(again.root.getByTestId('import-mapping')).toHaveCount(0)
  await again.close()
  await project.expectCount('instructions', 5)
  await project.expectCount('items', 3 * criteriaCount + 1)

  // The Criteria tab follows a CLI import into the same file without a reload.
  await page.getByTestId('tab-criteria').click()
  await page.getByTestId('setup-tab-criteria').click()
  const scored = path.join(dir, 'scored.jsonl')
  const row = { instruction_id: '3', instruction: 'Исправьте ошибки: «превет мир»', model: 'Model-X', answer: 'Привет, мир', criterion: 'Грамотность', rubric: { '0': 'ошибки', '1': 'без ошибок' }, annotator: 'cli', score: 1 }
  fs.writeFileSync(scored, JSON.stringify(row) + '\n')
  execFileSync(process.execPath, [cli, 'import', server.projectPath, scored, '--format', 'generic-jsonl'], { cwd: dir })
  await expect(page.locator('[data-criterion-id="Грамотность"]')).toBeVisible()
})
