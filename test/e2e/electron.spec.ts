import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { repoRoot } from './support/castorServer'

/** The Electron executable, or null where npm installed the package without it (ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
function electronBinary(): string | null {
  try {
    const binary = createRequire(path.join(repoRoot, 'package.json'))('electron') as unknown
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

test('the desktop app opens one isolated window on the demo project at first start', async () => {
  const binary = electronBinary()
  test.skip(binary === null, 'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)')

  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-electron-'))
  // Chromium's own sandbox cannot start as root in a container; the page sandbox (sandbox: true) still applies.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : []
  const app = await electron.launch({
    executablePath: binary!,
    args: [...rootArgs, repoRoot],
    env: { ...process.env, CASTOR_USER_DATA: userData, ELECTRON_RENDERER_URL: '' },
  })
  try {
    const page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
    expect(await page.title()).toMatch(/Castor/)

    const isolation = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      castor: typeof window.castor,
      castorKeys: Object.keys(window.castor ?? {}).sort(),
    }))
    expect(isolation).toEqual({ require: 'undefined', process: 'undefined', castor: 'object', castorKeys: ['invoke', 'on'] })

    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)

    const state = await page.evaluate(() => window.castor!.invoke('app-state', {}))
    expect(state).toMatchObject({ ok: true, result: { transport: 'desktop', canSwitchProjects: true } })
    const project = state.ok ? state.result.project : null
    expect(project?.path).toBe(path.join(userData, 'demo.castor'))
    expect(project?.counts.instructions).toBeGreaterThan(0)

    // window.open and navigation away from the app are refused.
    await page.evaluate(() => window.open('https://example.com/'))
    await page.evaluate(() => void (location.href = 'https://example.com/'))
    await page.waitForTimeout(500)
    expect(app.windows()).toHaveLength(1)
    expect(page.url()).toMatch(/^file:.*\/out\/renderer\/index\.html/)
  } finally {
    await app.close()
    fs.rmSync(userData, { recursive: true, force: true })
  }
})
