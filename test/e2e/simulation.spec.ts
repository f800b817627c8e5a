import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test as base, expect } from '@playwright/test'
import { repoRoot, servedProject, type CastorServer } from './support/castorServer'
import { AnalyticsPage } from './pages/AnalyticsPage'
import { ProjectPage } from './pages/ProjectPage'

/** A complete generated project (every item has its 3 expert scores; judge runs "judge" and "noise" with probabilities). */
const test = base.extend<{ castor: CastorServer }>({
  castor: servedProject(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-e2e-sim-'))
    const projectPath = path.join(dir, 'complete.castor')
    execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/e2e/support/writeCompleteProject.ts'), projectPath], { cwd: repoRoot, stdio: 'pipe' })
    return { dir, projectPath }
  }),
})

test.use({ locale: 'en-US', viewport: { width: 1500, height: 1000 } })

test('Analytics: the estimates table and a simulation run from the panel', async ({ page, castor }) => {
  await new ProjectPage(page).open(castor.url)
  const analytics = new AnalyticsPage(page)
  await analytics.open()
  // every item has experts: three models, ranked
  await expect(page.getByTestId('estimates-table').locator('tr[data-model]')).toHaveCount(3)

  const panel = page.getByTestId('simulation-panel')
  await panel.getByTestId('simulation-judge').selectOption('judge')
  await panel.getByTestId('simulation-repeats').fill('30')
  await panel.getByTestId('simulation-calibration').fill('120')
  await panel.getByTestId('simulation-run').click()
  const figures = panel.getByTestId('simulation-figures')
  await expect(figures).toBeVisible({ timeout: 60_000 })
  await expect(figures).toContainText('Calibration: 120 answers (set)')
  await expect(figures).toContainText(/Expert scores: \d+ of 1440 \(saved \d/)
  await expect(panel.getByTestId('simulation-table').locator('tr[data-criterion]')).toHaveCount(3)
})
