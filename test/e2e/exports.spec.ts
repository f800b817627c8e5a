import fs from 'node:fs'
import { test as base, expect } from '@playwright/test'
import { openProject } from '../../src/main/services/db'
import { demoProjectCopy, servedProject, type CastorServer } from './support/castorServer'
import { ProjectPage } from './pages/ProjectPage'

const FAILURE = 'the prompt (841 tokens) plus 4096 output tokens does not fit'

/** The demo with the judge's four judgments of demo-01 / GigaChat-Max's first criteria failed. */
const test = base.extend<{ castor: CastorServer }>({
  castor: servedProject(async () => {
    const demo = await demoProjectCopy()
    const db = openProject(demo.projectPath)
    db.prepare(
      `UPDATE judgments SET score = NULL, error = ? WHERE item_id IN (
         SELECT it.id FROM items it JOIN responses r ON r.id = it.response_id JOIN instructions i ON i.id = r.instruction_id
          WHERE i.external_id = 'demo-01' AND r.model = 'GigaChat-Max')`,
    ).run(FAILURE)
    db.close()
    return demo
  }),
})

test.use({ locale: 'en-US', viewport: { width: 1600, height: 960 } })

test('failed judgments are counted apart and shown as errors, and CSV downloads with a BOM and neutralised cells', async ({ page, castor }) => {
  const project = new ProjectPage(page)
  await project.open(castor.url)
  await project.expectCount('judgments', 56)
  await project.expectCount('judgmentErrors', 4)

  await project.expectFocused('instructions')
  await project.press('Enter') // demo-01
  await expect(page.getByTestId('instruction-external-id')).toHaveText('demo-01')
  await project.expectFocused('answers')
  await expect(page.getByTestId('judgment-errors').first()).toHaveText('4 failed')
  await project.press('Enter') // GigaChat-Max
  await project.expectFocused('criteria')
  await project.press('Enter') // its first criterion
  await expect(project.judgments).toHaveCount(1)
  await expect(project.judgments.first().getByTestId('judgment-error')).toHaveAttribute('title', FAILURE)
  await expect(project.judgments.first().getByTestId('judgment-score')).toHaveCount(0)

  await page.getByTestId('export-button').click()
  await expect(page.getByTestId('export-bom')).toBeChecked()
  await expect(page.getByTestId('export-raw-csv')).not.toBeChecked()
  const downloading = page.waitForEvent('download')
  await page.getByTestId('export-csv').click()
  const bytes = fs.readFileSync(await (await downloading).path())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = bytes.toString('utf8')
  expect(text).toContain(FAILURE)
  expect(text).toContain(',error,')
})
