import { expect, type Locator, type Page, type Response } from '@playwright/test'

/** The annotation workbench as an annotator sees it: queue, answer, one criterion, rationale, reveal. */
export class AnnotatePage {
  readonly view: Locator
  readonly queueRows: Locator
  readonly next: Locator
  readonly noMoreWork: Locator
  readonly instruction: Locator
  readonly reference: Locator
  readonly answerText: Locator
  readonly criterionName: Locator
  readonly position: Locator
  readonly levels: Locator
  readonly notApplicable: Locator
  readonly rationale: Locator
  readonly submit: Locator
  readonly status: Locator
  readonly saveState: Locator
  readonly problem: Locator
  readonly reveal: Locator
  readonly revealHidden: Locator
  readonly revealExperts: Locator
  readonly revealJudges: Locator
  readonly shortcuts: Locator
  readonly tabs: Locator

  /** Every /api/ response body this page received, in order, for leak checks. */
  readonly apiBodies: { url: string; status: number; body: string }[] = []

  constructor(readonly page: Page) {
    this.view = page.getByTestId('view-annotate')
    this.queueRows = page.getByTestId('wb-queue-row')
    this.next = page.getByTestId('wb-next')
    this.noMoreWork = page.getByTestId('wb-no-more-work')
    this.instruction = page.getByTestId('wb-instruction')
    this.reference = page.getByTestId('wb-reference')
    this.answerText = page.getByTestId('wb-answer-text')
    this.criterionName = page.getByTestId('wb-criterion-name')
    this.position = page.getByTestId('wb-criterion-position')
    this.levels = page.getByTestId('wb-level')
    this.notApplicable = page.getByTestId('wb-not-applicable')
    this.rationale = page.getByTestId('wb-rationale')
    this.submit = page.getByTestId('wb-submit')
    this.status = page.getByTestId('wb-status')
    this.saveState = page.getByTestId('wb-save-state')
    this.problem = page.getByTestId('wb-problem')
    this.reveal = page.getByTestId('reveal-panel')
    this.revealHidden = page.getByTestId('reveal-hidden')
    this.revealExperts = page.getByTestId('reveal-expert')
    this.revealJudges = page.getByTestId('reveal-judge')
    this.shortcuts = page.getByTestId('shortcut-legend')
    this.tabs = page.getByRole('tab')
  }

  /** Records every API response body (call before opening the page). */
  captureApi(): void {
    this.page.on('response', (response: Response) => {
      if (!new URL(response.url()).pathname.startsWith('/api/')) return
      void response
        .text()
        .then((body) => this.apiBodies.push({ url: response.url(), status: response.status(), body }))
        .catch(() => undefined)
    })
  }

  /** Opens a personal sign-in link and waits for the workbench. */
  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await expect(this.view).toBeVisible()
  }

  async takeNext(): Promise<void> {
    await this.next.click()
    await expect(this.criterionName).toBeVisible()
  }

  level(score: number): Locator {
    return this.page.locator(`[data-testid="wb-level"][data-score="${score}"]`)
  }

  async expectChosen(score: number | 'na'): Promise<void> {
    const target = score === 'na' ? this.notApplicable : this.level(score)
    await expect(target).toHaveAttribute('aria-checked', 'true')
  }

  async expectPosition(index: number, total: number, language: 'ru' | 'en' = 'ru'): Promise<void> {
    await expect(this.position).toHaveText(language === 'ru' ? `Критерий ${index} из ${total}` : `Criterion ${index} of ${total}`)
  }

  /** Waits until the debounced draft reached the server. */
  async expectSaved(): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-state', 'saved')
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key)
  }

  /** Bodies of API responses received so far that contain `text`. */
  bodiesContaining(text: string): string[] {
    return this.apiBodies.filter((entry) => entry.body.includes(text)).map((entry) => `${entry.url}: ${entry.body.slice(0, 300)}`)
  }
}
