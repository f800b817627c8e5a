import { expect, type Locator, type Page } from '@playwright/test'

/** The import dialog: file, format, start, then progress and the summary or the error. */
export class ImportDialogModel {
  readonly root: Locator
  readonly fileInput: Locator
  readonly format: Locator
  readonly startButton: Locator
  readonly closeButton: Locator
  readonly progress: Locator
  readonly progressBar: Locator
  readonly percent: Locator
  readonly rows: Locator
  readonly summary: Locator
  readonly error: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('import-dialog')
    this.fileInput = this.root.getByTestId('import-file')
    this.format = this.root.getByTestId('import-format')
    this.startButton = this.root.getByTestId('import-start')
    this.closeButton = this.root.getByTestId('import-close')
    this.progress = this.root.getByTestId('import-progress')
    this.progressBar = this.root.getByTestId('progress-bar')
    this.percent = this.root.getByTestId('import-percent')
    this.rows = this.root.getByTestId('import-rows')
    this.summary = this.root.getByTestId('import-summary')
    this.error = this.root.getByTestId('import-error')
  }

  /** Chooses an in-memory file, as the browser's file picker would. */
  async chooseFile(name: string, content: string): Promise<void> {
    await this.fileInput.setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content, 'utf8') })
  }

  /** One of the POLLUX taxonomies shipped with Castor, chosen instead of a file. */
  library(name: 'pollux-criteria' | 'pollux-tasks'): Locator {
    return this.root.getByTestId(`import-library-${name}`)
  }

  async start(): Promise<void> {
    await expect(this.startButton).toBeEnabled()
    await this.startButton.click()
  }

  errorPart(part: 'file' | 'line' | 'field' | 'value'): Locator {
    return this.error.getByTestId(`error-${part}`)
  }

  async close(): Promise<void> {
    await this.closeButton.click()
    await expect(this.root).toBeHidden()
  }
}
