import fs from 'node:fs'
import path from 'node:path'
import { test, type Page } from '@playwright/test'
import { repoRoot } from './castorServer'

/** The README's screenshots; written only by `npm run screenshots` (CASTOR_SCREENSHOTS=1). */
export const screenshotsDir = path.join(repoRoot, 'docs/screenshots')

/**
 * Takes a README screenshot. A normal test run must not rewrite tracked files, so without CASTOR_SCREENSHOTS=1 the
 * picture goes into the test's own output folder instead of docs/screenshots.
 */
export async function docScreenshot(page: Page, name: string): Promise<void> {
  const target = process.env.CASTOR_SCREENSHOTS === '1' ? path.join(screenshotsDir, name) : test.info().outputPath(name)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  await page.screenshot({ path: target })
}
