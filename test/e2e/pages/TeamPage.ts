import { expect, type Locator, type Page } from '@playwright/test'

/** The lead's team screen: annotators and their sign-in links, settings, progress, review, adjudication. */
export class TeamPage {
  readonly view: Locator
  readonly rows: Locator

  constructor(readonly page: Page) {
    this.view = page.getByTestId('view-team')
    this.rows = page.getByTestId('annotator-row')
  }

  async open(): Promise<void> {
    await this.page.getByTestId('tab-team').click()
    await expect(this.view).toBeVisible()
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="annotator-row"][data-name="${name}"]`)
  }

  /** Adds an annotator through the form and returns the sign-in link shown for them. */
  async add(name: string, options: { role?: 'annotator' | 'lead'; language?: 'ru' | 'en' } = {}): Promise<string> {
    await this.page.getByTestId('annotator-name').fill(name)
    await this.page.getByTestId('annotator-role').selectOption(options.role ?? 'annotator')
    await this.page.getByTestId('annotator-language').selectOption(options.language ?? '')
    await this.page.getByTestId('annotator-add-submit').click()
    const link = this.row(name).getByTestId('annotator-link')
    await expect(link).toHaveValue(/\?token=/)
    return link.inputValue()
  }

  async section(name: 'people' | 'progress' | 'review' | 'adjudication' | 'controls'): Promise<void> {
    await this.page.getByTestId(`team-tab-${name}`).click()
  }

  progressRow(name: string): Locator {
    return this.page.locator(`[data-testid="progress-row"][data-name="${name}"]`)
  }
}
