import { expect, type Locator, type Page } from '@playwright/test'

/** The lead's Criteria tab: the criteria list and editor, criteria sets and where they apply. */
export class CriteriaPage {
  constructor(readonly page: Page) {}

  /** Saves every criterion of the project as one set and opens the sets panel; returns the set's card. */
  async saveAllAsSet(name: string): Promise<Locator> {
    await this.page.getByTestId('criteria-select-all').click()
    await this.page.getByTestId('set-name').fill(name)
    await this.page.getByTestId('set-save').click()
    await this.page.getByTestId('setup-tab-sets').click()
    return this.page.getByTestId(`set-${name}`)
  }

  /** Attaches a set to the instructions under a task path and waits until it says so. */
  async attachToTask(set: Locator, task: string, attachedText: string): Promise<void> {
    await set.getByTestId('attach-task').fill(task)
    await set.getByTestId('attach-run').click()
    await expect(this.page.getByTestId('set-attached')).toContainText(attachedText)
    await expect(set).toContainText(`Применён к: ${task}`)
  }

  /** Saves the open criterion editor and waits for the criterion in the list. */
  async saveEditor(editor: Locator, externalId: string): Promise<void> {
    await editor.getByTestId('criterion-save').click()
    await expect(editor).toHaveCount(0)
    await expect(this.page.locator(`[data-criterion-id="${externalId}"]`)).toBeVisible()
  }
}
