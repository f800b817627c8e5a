import { expect, type Locator, type Page } from '@playwright/test'

export type ChartId = 'agreement' | 'kappa' | 'confusion' | 'scatter' | 'ranking' | 'distribution' | 'time'

/** The analytics tab: figures, charts (canvas), the item list behind a click, the disagreement browser. */
export class AnalyticsPage {
  readonly tab: Locator
  readonly root: Locator
  readonly figures: Locator
  readonly drill: Locator
  readonly drillRows: Locator
  readonly disagreementRows: Locator
  readonly agreementTable: Locator
  readonly judgeTable: Locator

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('tab-analytics')
    this.root = page.getByTestId('view-analytics')
    this.figures = page.getByTestId('analytics-figures')
    this.drill = page.getByTestId('drill')
    this.drillRows = this.drill.getByTestId('item-row')
    this.disagreementRows = page.getByTestId('disagreement-items').getByTestId('item-row')
    this.agreementTable = page.getByTestId('agreement-table')
    this.judgeTable = page.getByTestId('judge-table')
  }

  /** Opens the tab and waits until the report is computed and drawn. */
  async open(): Promise<void> {
    await this.tab.click()
    await expect(this.figures).toBeVisible({ timeout: 30_000 })
    await expect(this.root).toHaveAttribute('data-loading', 'false')
  }

  chart(id: ChartId): Locator {
    return this.page.getByTestId(`chart-${id}`)
  }

  figure(id: string): Locator {
    return this.page.getByTestId(`figure-${id}`)
  }

  /** Waits until the chart is drawn on its canvas. */
  async expectDrawn(id: ChartId): Promise<void> {
    await expect(this.chart(id)).toHaveAttribute('data-drawn', 'true')
    await expect(this.chart(id).locator('canvas').first()).toBeVisible()
  }

  /** Clicks a chart's canvas at a point given as fractions of its width and height. */
  async clickChartAt(id: ChartId, x: number, y: number): Promise<void> {
    // ECharts stacks a hover canvas over the drawing: click the element that holds both.
    const surface = this.chart(id).locator('.chart-canvas')
    const box = await surface.boundingBox()
    if (!box) throw new Error(`chart ${id} has no box`)
    await surface.click({ position: { x: box.width * x, y: box.height * y } })
  }

  /** Clicks the PNG (or SVG) export of a chart and returns the download. */
  async export(id: ChartId, type: 'png' | 'svg') {
    const download = this.page.waitForEvent('download')
    await this.page.getByTestId(`chart-${id}-${type}`).click()
    return download
  }
}
