import { test as base } from '@playwright/test'
import { startCastorServer, type CastorServer } from './castorServer'

/**
 * Playwright's `test` with a `castor` fixture: `castor serve` on a fresh demo project, stopped after the test.
 * Open the app with `await page.goto(castor.url)` (the server swaps the token for a cookie and redirects to /).
 */
export const test = base.extend<{ castor: CastorServer }>({
  castor: async ({}, use) => {
    const server = await startCastorServer()
    try {
      await use(server)
    } finally {
      await server.stop()
    }
  },
})

export { expect } from '@playwright/test'
