import fs from 'node:fs'
import { test as base, expect } from '@playwright/test'
import { demoProjectCopy, importWithCli, servedProject, type CastorServer } from './support/castorServer'
import { docScreenshot } from './support/docScreenshot'
import { AnalyticsPage } from './pages/AnalyticsPage'
import { ProjectPage } from './pages/ProjectPage'

/**
 * The demo project plus the analytics fixture (6 instructions × 3 models × 3 criteria, experts Анна and Борис,
 * judge run judge-analytics), imported through the built CLI as a user would.
 */
const test = base.extend<{ castor: CastorServer }>({
  castor: servedProject(async () => {
    const demo = await demoProjectCopy()
    importWithCli(demo.projectPath, 'test/fixtures/analytics/scores.jsonl')
    return demo
  }),
})

test.use({ locale: 'en-US', viewport: { width: 1500, height: 1000 }, acceptDownloads: true })

test.describe('the analytics dashboard', () => {
  test('shows the agreement figures, draws every chart and explains what is undefined', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    const analytics = new AnalyticsPage(page)
    await analytics.open()

    // Both experts of the demo and of the fixture scored: counts and coefficients are there.
    await expect(analytics.figure('raters').locator('.figure-value')).toHaveText('4')
    await expect(analytics.figure('alphaOrdinal')).toHaveAttribute('data-undefined', 'false')
    await expect(analytics.figure('alphaOrdinal').locator('.figure-value')).toHaveText(/^-?\d\.\d{3}/)
    for (const id of ['agreement', 'kappa', 'confusion', 'scatter', 'ranking', 'distribution'] as const) await analytics.expectDrawn(id)
    await expect(page.locator('text=NaN')).toHaveCount(0)
    // The judges per answer model, with the model cards' Avg. row and a measure picker.
    const byModel = page.getByTestId('judges-by-model')
    await expect(byModel.locator('tr[data-model="average"] td').first()).toHaveText(/\d\.\d{3}|—/)
    await page.getByTestId('by-model-measure').selectOption('verdictConfidence')
    await expect(byModel.locator('tr[data-model="average"] td [data-value]').first()).toHaveText(/^0\.\d{3}|^1\.000/)

    // The criterion every expert scored the same: α is undefined, and the table says why.
    const constant = analytics.agreementTable.locator('tr[data-criterion="Единодушный критерий"]')
    await expect(constant.locator('[data-undefined="true"]').first()).toBeVisible()
    // …once, below the table: the cell shows a footnote marker
    await expect(constant.getByTestId('stat-note').first()).toBeVisible()
    await expect(analytics.page.getByTestId('agreement-table-notes').locator('li').first()).not.toBeEmpty()
    // No annotation carries a time: the time chart gives its reason instead of a chart.
    await expect(analytics.chart('time')).toHaveAttribute('data-drawn', 'false')
    await expect(analytics.chart('time').getByTestId('undefined-reason')).toHaveText(/recorded time/)
    // A criterion name is shown as text, never run as markup.
    await expect(analytics.agreementTable.locator('tr[data-criterion="<script>alert(\\"x\\")</script>"] th')).toHaveText('<script>alert("x")</script>')

    await docScreenshot(page, 'analytics-en.png')
  })

  test('a click on a chart lists the items behind it, and an item opens in the browse view', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    const analytics = new AnalyticsPage(page)
    await analytics.open()

    // One criterion (0–2): the confusion heatmap is 3 × 3.
    await analytics.page.getByTestId('analytics-criterion').selectOption('Точность ответа')
    await expect(page.getByRole('heading', { name: /: Точность ответа$/ })).toBeVisible()
    await expect(analytics.root).toHaveAttribute('data-loading', 'false')
    await analytics.expectDrawn('confusion')
    // The confusion heatmap: click each cell until one lists items (which cells are filled depends on the data).
    let listed = false
    for (const [x, y] of [
      [0.3, 0.25],
      [0.55, 0.45],
      [0.8, 0.62],
      [0.3, 0.45],
      [0.55, 0.25],
    ] as const) {
      await analytics.clickChartAt('confusion', x, y)
      if (await analytics.drill.isVisible()) {
        await expect(analytics.drill.getByTestId('drill-items')).not.toHaveAttribute('data-total', '')
        if ((await analytics.drillRows.count()) > 0) {
          listed = true
          break
        }
      }
    }
    expect(listed).toBe(true)
    const total = Number(await analytics.drill.getByTestId('drill-items').getAttribute('data-total'))
    expect(total).toBeGreaterThan(0)
    await expect(analytics.drillRows.first()).toContainText('Точность ответа')

    await analytics.drillRows.first().click()
    await expect(page.getByTestId('tab-browse')).toHaveAttribute('aria-selected', 'true')
    await expect(project.criterionName).toHaveText('Точность ответа')
    await expect(page.getByTestId('instruction-external-id')).toHaveText(/^an-0\d$/)
  })

  test('the disagreement browser lists where the experts differ most, and a chart exports as PNG and SVG', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    const analytics = new AnalyticsPage(page)
    await analytics.open()

    await expect(analytics.disagreementRows.first()).toBeVisible()
    const firstGap = Number(await analytics.disagreementRows.first().locator('span').last().textContent())
    expect(firstGap).toBeGreaterThan(0)
    await page.getByTestId('disagreement-mode').selectOption('judge-analytics')
    await expect(analytics.disagreementRows.first()).toBeVisible()

    await analytics.expectDrawn('agreement')
    const png = await analytics.export('agreement', 'png')
    expect(png.suggestedFilename()).toMatch(/\.png$/)
    const pngPath = await png.path()
    const bytes = fs.readFileSync(pngPath)
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(bytes.length).toBeGreaterThan(1000)

    const svg = await analytics.export('kappa', 'svg')
    expect(svg.suggestedFilename()).toMatch(/\.svg$/)
    const text = fs.readFileSync(await svg.path(), 'utf8')
    expect(text).toMatch(/^<svg[\s>]/)
    expect(text).toContain('Анна')
  })

  test('bootstrap resamples add confidence intervals to the figures', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    const analytics = new AnalyticsPage(page)
    await analytics.open()
    await expect(analytics.figure('alphaOrdinal').locator('.stat-ci')).toHaveCount(0)
    await page.getByTestId('analytics-bootstrap').click()
    await expect(analytics.figure('alphaOrdinal').locator('.stat-ci')).toHaveText(/^\s*\[-?\d\.\d{3}, -?\d\.\d{3}\]$/, { timeout: 60_000 })
    await analytics.expectDrawn('agreement')
  })
})
