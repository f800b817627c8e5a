import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test, expect } from '@playwright/test'
import { ProjectPage } from './pages/ProjectPage'
import { repoRoot, startCastorServer, type CastorServer } from './support/castorServer'
import { docScreenshot } from './support/docScreenshot'

test.use({ locale: 'en-US' })

let dir: string
let server: CastorServer
test.beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-e2e-mapping-'))
  server = await startCastorServer({ projectPath: path.join(dir, 'new.castor'), create: true })
})
test.afterEach(async () => {
  await server.stop()
  fs.rmSync(dir, { recursive: true, force: true })
})

const FIRST = 'qid,prompt,system,response,notes\n1,How much is 2+2?,GigaChat,4,checked\n1,How much is 2+2?,YandexGPT,Four,\n2,Capital of France?,GigaChat,Paris,\n'
const SECOND = 'notes,response,prompt,qid,system\n,Berlin,Capital of Germany?,3,GigaChat\n'

test('castor serve --new: the owner creates the project, imports a CSV with foreign columns through the mapping, the same columns again without asking, and a CLI import shows up live', async ({ page }) => {
  await page.goto(server.url)
  await expect(page.getByTestId('served-start')).toBeVisible()
  await expect(page.getByTestId('served-new-file')).toHaveText(path.join(dir, 'new.castor'))
  await docScreenshot(page, 'serve-new-en.png')
  await page.getByTestId('start-create').click()
  const project = new ProjectPage(page)
  await project.expectCount('instructions', 0)
  expect(fs.existsSync(server.projectPath)).toBe(true)

  const dialog = await project.openImport()
  await dialog.chooseFile('answers.csv', FIRST)
  await dialog.start()
  const mapping = dialog.root.getByTestId('import-mapping')
  await expect(mapping).toBeVisible()
  // Guessed from the names; the lead adjusts: "notes" stays skipped, "qid" is the instruction id.
  await expect(mapping.getByTestId('mapping-field-prompt')).toHaveValue('instruction')
  await expect(mapping.getByTestId('mapping-field-response')).toHaveValue('answer')
  await expect(mapping.getByTestId('mapping-field-notes')).toHaveValue('')
  await mapping.getByTestId('mapping-field-response').selectOption('')
  await expect(mapping.getByTestId('mapping-problems')).toContainText('A column for “Answer” is needed.')
  await expect(dialog.root.getByTestId('mapping-import')).toBeDisabled()
  await mapping.getByTestId('mapping-field-response').selectOption('answer')
  await mapping.getByTestId('mapping-field-system').selectOption('model')
  await mapping.getByTestId('mapping-field-qid').selectOption('instruction_id')
  await expect(mapping.getByTestId('mapping-problems')).toHaveCount(0)
  await expect(mapping.locator('tbody tr')).toHaveCount(3)
  await docScreenshot(page, 'import-mapping-en.png')
  await dialog.root.getByTestId('mapping-import').click()
  await expect(dialog.summary).toBeVisible()
  await project.expectCount('instructions', 2)
  await project.expectCount('responses', 3)

  // The same columns (another order): imported with the saved mapping, no questions.
  await dialog.root.getByTestId('import-again').click()
  await dialog.chooseFile('more.csv', SECOND)
  await dialog.start()
  await expect(dialog.summary).toBeVisible()
  await expect(dialog.root.getByTestId('mapping-used-saved')).toContainText('answers.csv')
  await expect(dialog.root.getByTestId('import-mapping')).toHaveCount(0)
  await project.expectCount('instructions', 3)

  // An error of a mapped import names the row, the field and the file's column; nothing changes.
  await dialog.root.getByTestId('import-again').click()
  await dialog.chooseFile('bad.csv', 'notes,response,prompt,qid,system\n,Rome,Capital of Italy?,5,GigaChat\n,,Capital of Spain?,6,GigaChat\n')
  await dialog.start()
  await expect(dialog.error).toContainText('bad.csv, row 2: column "response" (answer) is empty')
  await expect(dialog.errorPart('field')).toContainText('answer')
  await expect(dialog.error.getByTestId('error-column')).toContainText('response')
  await project.expectCount('instructions', 3)
  await dialog.close()

  // Another process writes to the file: the open page follows without a reload.
  const third = path.join(dir, 'third.csv')
  fs.writeFileSync(third, 'prompt,response\nWhy is the sky blue?,Rayleigh scattering.\n')
  execFileSync(process.execPath, [path.join(repoRoot, 'out/main/cli.js'), 'import', server.projectPath, third, '--map', 'instruction=prompt,answer=response'], { cwd: dir })
  await project.expectCount('instructions', 4)
  await expect(project.instructionRows.filter({ hasText: 'Why is the sky blue?' })).toBeVisible()

  // A judge run imported by the CLI appears in the open Judge tab's list of runs.
  await project.openTab('judge')
  const judged = path.join(dir, 'judged.jsonl')
  const rubric = { '0': 'Wrong.', '1': 'Right.' }
  fs.writeFileSync(judged, JSON.stringify({ qid: 2, prompt: 'Capital of France?', bot: 'GigaChat', reply: 'Paris', metric: 'Correctness', scale: rubric, by: 'cli-judge', mark: 1 }) + '\n')
  execFileSync(process.execPath, [path.join(repoRoot, 'out/main/cli.js'), 'import', server.projectPath, judged, '--map', 'instruction_id=qid,instruction=prompt,model=bot,answer=reply,criterion=metric,rubric=scale,judge=by,score=mark'], { cwd: dir })
  await expect(page.locator('[data-testid="judge-run"][data-run-name="cli-judge"]')).toBeVisible()
  await project.openTab('browse')

  // The URL carries the search and the open instruction: the link opens the same list and instruction elsewhere.
  await project.searchFor('France')
  await expect(project.instructionRows).toHaveCount(1)
  await project.instructionRows.first().click()
  await expect(page.getByTestId('instruction-external-id')).toHaveText('2')
  await expect(page).toHaveURL(/#\/browse\?instruction=\d+&q=France$/)
  const other = await page.context().newPage()
  await other.goto(page.url())
  await expect(other.getByTestId('instruction-search')).toHaveValue('France')
  await expect(other.getByTestId('instruction-row')).toHaveCount(1)
  await expect(other.getByTestId('instruction-external-id')).toHaveText('2')
})
