import { expect, type Locator, type Page } from '@playwright/test'
import { ImportDialogModel } from './ImportDialogModel'

export type CountName = 'instructions' | 'responses' | 'criteria' | 'items' | 'annotations' | 'judgments' | 'judgmentErrors'
export type ViewName = 'browse' | 'annotate' | 'team' | 'judge' | 'analytics'

/** The project screen of the web UI: top bar, instruction list, instruction pane, item panel. */
export class ProjectPage {
  readonly instructionList: Locator
  readonly instructionRows: Locator
  readonly search: Locator
  readonly instructionPane: Locator
  readonly answerList: Locator
  readonly answerRows: Locator
  readonly criterionList: Locator
  readonly criterionRows: Locator
  readonly itemPanel: Locator
  readonly answerText: Locator
  readonly criterionName: Locator
  readonly criterionPosition: Locator
  readonly rubricLevels: Locator
  readonly annotations: Locator
  readonly judgments: Locator
  readonly languageSwitch: Locator
  readonly importButton: Locator
  readonly exportButton: Locator
  readonly exportMenu: Locator
  /** The last export's outcome, in the toast area. */
  readonly exportToast: Locator

  constructor(readonly page: Page) {
    this.instructionList = page.getByTestId('instruction-list')
    this.instructionRows = page.getByTestId('instruction-row')
    this.search = page.getByTestId('instruction-search')
    this.instructionPane = page.getByTestId('instruction-pane')
    this.answerList = page.getByTestId('answer-list')
    this.answerRows = page.getByTestId('answer-row')
    this.criterionList = page.getByTestId('criterion-list')
    this.criterionRows = page.getByTestId('criterion-row')
    this.itemPanel = page.getByTestId('item-panel')
    this.answerText = page.getByTestId('answer-text')
    this.criterionName = page.getByTestId('criterion-name')
    this.criterionPosition = page.getByTestId('criterion-position')
    this.rubricLevels = page.getByTestId('rubric-level')
    this.annotations = page.getByTestId('annotation')
    this.judgments = page.getByTestId('judgment')
    this.languageSwitch = page.getByTestId('language-switch')
    this.importButton = page.getByTestId('import-button')
    this.exportButton = page.getByTestId('export-button')
    this.exportMenu = page.getByRole('menu')
    this.exportToast = page.getByTestId('export-outcome')
  }

  /** Opens the served URL (the token becomes a cookie) and waits for the instruction list to fill. */
  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await expect(this.instructionRows.first()).toBeVisible()
  }

  tab(view: ViewName): Locator {
    return this.page.getByTestId(`tab-${view}`)
  }

  /** The screen of a tab (its <main>). */
  view(view: ViewName): Locator {
    return this.page.getByTestId(`view-${view}`)
  }

  async openTab(view: ViewName): Promise<void> {
    await this.tab(view).click()
    await this.expectTab(view)
  }

  async expectTab(view: ViewName): Promise<void> {
    await expect(this.tab(view)).toHaveAttribute('aria-selected', 'true')
    await expect(this.view(view)).toBeVisible()
  }

  count(name: CountName): Locator {
    return this.page.getByTestId(`count-${name}`)
  }

  async countValue(name: CountName): Promise<number> {
    return Number(await this.count(name).getAttribute('data-value'))
  }

  async expectCount(name: CountName, value: number): Promise<void> {
    await expect(this.count(name)).toHaveAttribute('data-value', String(value))
  }

  /** The instruction pane's heading, in whatever language the UI is in. */
  paneHeading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { name, exact: typeof name === 'string' })
  }

  async setLanguage(language: 'ru' | 'en'): Promise<void> {
    await this.page.getByTestId(`language-${language}`).click()
    await expect(this.page.locator('html')).toHaveAttribute('lang', language)
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text)
  }

  /** Opens the instruction whose external id is `externalId` by clicking its row (after a search for it). */
  async clickInstruction(externalId: string): Promise<void> {
    await this.searchFor(externalId)
    const row = this.instructionRows.filter({ hasText: externalId }).first()
    await row.click()
    await expect(this.page.getByTestId('instruction-external-id')).toHaveText(externalId)
  }

  async clickAnswer(model: string): Promise<void> {
    await this.answerRows.filter({ hasText: model }).first().click()
    await expect(this.criterionList).toBeVisible()
  }

  async clickCriterion(index: number): Promise<void> {
    await this.criterionRows.nth(index).click()
    await expect(this.page.getByTestId('criterion-view')).toBeVisible()
  }

  /** Focus on a keyboard list: the pane whose data-pane is `pane`. */
  async expectFocused(pane: 'instructions' | 'answers' | 'criteria'): Promise<void> {
    await expect(this.page.locator(`[data-pane="${pane}"]`)).toBeFocused()
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key)
  }

  importDialog(): ImportDialogModel {
    return new ImportDialogModel(this.page)
  }

  async openImport(): Promise<ImportDialogModel> {
    await this.importButton.click()
    const dialog = this.importDialog()
    await expect(dialog.root).toBeVisible()
    return dialog
  }
}
