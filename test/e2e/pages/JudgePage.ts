import { expect, type Locator, type Page } from '@playwright/test'

/** The judge panel: the new-run form and the list of runs with their progress. */
export class JudgePage {
  readonly tab: Locator
  readonly view: Locator
  readonly baseUrl: Locator
  readonly apiModel: Locator
  readonly apiKey: Locator
  readonly concurrency: Locator
  readonly limit: Locator
  readonly name: Locator
  readonly start: Locator
  readonly runs: Locator
  readonly detail: Locator
  readonly error: Locator

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('tab-judge')
    this.view = page.getByTestId('view-judge')
    this.baseUrl = page.getByTestId('judge-base-url')
    this.apiModel = page.getByTestId('judge-api-model')
    this.apiKey = page.getByTestId('judge-api-key')
    this.concurrency = page.getByTestId('judge-concurrency')
    this.limit = page.getByTestId('judge-limit')
    this.name = page.getByTestId('judge-name')
    this.start = page.getByTestId('judge-start')
    this.runs = page.getByTestId('judge-run')
    this.detail = page.getByTestId('judge-detail')
    this.error = page.getByTestId('judge-error')
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await this.tab.click()
    await expect(this.view).toBeVisible()
  }

  async startServerRun(options: { baseUrl: string; model: string; name: string; limit?: number; concurrency?: number; apiKey?: string }): Promise<void> {
    await this.baseUrl.fill(options.baseUrl)
    await this.apiModel.fill(options.model)
    if (options.apiKey) await this.apiKey.fill(options.apiKey)
    if (options.concurrency) await this.concurrency.fill(String(options.concurrency))
    if (options.limit) await this.limit.fill(String(options.limit))
    await this.name.fill(options.name)
    await this.start.click()
  }

  run(name: string): Locator {
    return this.runs.and(this.page.locator(`[data-run-name="${name}"]`))
  }

  async expectStatus(name: string, status: string): Promise<void> {
    await expect(this.run(name)).toHaveAttribute('data-status', status, { timeout: 30_000 })
  }
}
