import { test as base, expect, type Locator } from '@playwright/test'
import { demoProjectCopy, importWithCli, servedProject, type CastorServer } from './support/castorServer'
import { docScreenshot } from './support/docScreenshot'
import { ProjectPage } from './pages/ProjectPage'
import { TeamPage } from './pages/TeamPage'

/** The demo project plus the quality fixture (4 experts, one of them a fast spammer; active times, N/A, revisions). */
const test = base.extend<{ castor: CastorServer }>({
  castor: servedProject(async () => {
    const demo = await demoProjectCopy()
    importWithCli(demo.projectPath, 'test/fixtures/quality/project.jsonl')
    return demo
  }),
})

test.use({ locale: 'en-US', viewport: { width: 1600, height: 1000 } })

async function columnValues(rows: Locator, column: string): Promise<(number | null)[]> {
  const values = await rows.locator(`[data-testid="quality-cell-${column}"]`).evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-value')))
  return values.map((v) => (v === '' || v === null ? null : Number(v)))
}

test('Team → Quality sorts by any column and opens the items behind a figure in Browse', async ({ page, castor }) => {
  const project = new ProjectPage(page)
  await project.open(castor.url)
  const team = new TeamPage(page)
  await team.open()
  await page.getByTestId('team-tab-quality').click()
  const table = page.getByTestId('quality-table')
  const rows = table.getByTestId('quality-row')
  // the demo's two experts and the fixture's four
  await expect(rows).toHaveCount(6)

  // MACE competence: the first click sorts descending, the second ascending; the spammer is last, then first
  await page.getByTestId('quality-sort-maceCompetence').click()
  await expect(table.locator('th[aria-sort="descending"]')).toHaveCount(1)
  const descending = await columnValues(rows, 'maceCompetence')
  expect(descending.filter((v) => v !== null)).toEqual([...descending.filter((v) => v !== null)].sort((a, b) => b! - a!))
  await expect(rows.last()).toHaveAttribute('data-annotator', 'Спамер')
  await page.getByTestId('quality-sort-maceCompetence').click()
  await expect(rows.first()).toHaveAttribute('data-annotator', 'Спамер')
  // another column, by name
  await page.getByTestId('quality-sort-annotator').click()
  const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-annotator')!))
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)))

  // the spammer scores faster than the threshold every time: the rushed share is 1, over all its items
  const spammer = table.locator('[data-testid="quality-row"][data-annotator="Спамер"]')
  await expect(spammer.getByTestId('quality-cell-rushedShare')).toHaveAttribute('data-value', '1')
  await spammer.getByTestId('quality-cell-rushedShare').getByRole('button').click()
  const items = page.getByTestId('quality-items')
  await expect(items).toHaveAttribute('data-total', '46')
  await expect(items.getByTestId('quality-item')).toHaveCount(46)
  await docScreenshot(page, 'team-quality-en.png')

  // an item opens in Browse, with its criterion shown
  const first = items.getByTestId('quality-item').first()
  const criterion = (await first.locator('td').nth(2).textContent())!
  await first.getByRole('button').click()
  await expect(page.getByTestId('tab-browse')).toHaveAttribute('aria-selected', 'true')
  await expect(project.criterionName).toHaveText(criterion)
  await expect(page).toHaveURL(/#\/browse\?/)
})

test("Analytics offers MACE's posterior label as the judges' consensus", async ({ page, castor }) => {
  const project = new ProjectPage(page)
  await project.open(castor.url)
  await page.getByTestId('tab-analytics').click()
  const judgeTable = page.getByTestId('judge-table')
  await expect(judgeTable.locator('tr[data-run="judge-a"]')).toBeVisible()
  const meanRow = (await judgeTable.locator('tr[data-run="judge-a"]').innerText()).trim()
  await page.getByTestId('judge-consensus').selectOption('mace')
  await expect(judgeTable).toHaveAttribute('data-consensus', 'mace')
  const maceRow = judgeTable.locator('tr[data-run="judge-a"]')
  await expect(maceRow).toBeVisible()
  // the fixture's 56 judged items all have expert scores, hence a MACE label
  await expect(maceRow.locator('td').first()).toHaveText('56')
  expect((await maceRow.innerText()).trim()).not.toBe(meanRow)
  await expect(page.locator('text=NaN')).toHaveCount(0)
})
