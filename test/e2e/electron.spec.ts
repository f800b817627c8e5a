import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { repoRoot } from './support/castorServer'
import { AnalyticsPage } from './pages/AnalyticsPage'
import { AnnotatePage } from './pages/AnnotatePage'
import { JudgePage } from './pages/JudgePage'
import { ProjectPage } from './pages/ProjectPage'
import { runCli } from '../helpers/cli'
import { feedbackReply, startFakeOpenAi } from '../helpers/fakeOpenAi'

// The desktop app end to end, over IPC: what the browser suite proves over HTTP, in Electron's own window.
// It needs Electron's executable: on machines installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 it reports a skip
// (CASTOR_REQUIRE_ELECTRON=1, set by .github/workflows/desktop.yml, turns that skip into a failure).
// CASTOR_ELECTRON_EXECUTABLE runs an installed build instead of the clone (the workflow's packaged-app step).

/** The packaged app's executable, or Electron's from node_modules (null when npm skipped the download). */
function desktopExecutable(): { executable: string; packaged: boolean } | null {
  const packaged = process.env.CASTOR_ELECTRON_EXECUTABLE
  if (packaged) return { executable: path.resolve(packaged), packaged: true }
  try {
    const binary = createRequire(path.join(repoRoot, 'package.json'))('electron') as unknown
    return typeof binary === 'string' && fs.existsSync(binary) ? { executable: binary, packaged: false } : null
  } catch {
    return null
  }
}

const NO_ELECTRON = 'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)'

/** The command line that starts the app: the packaged executable, or Electron with the clone as its app. */
function startCommand(projectFile?: string): { executable: string; args: string[] } {
  const desktop = desktopExecutable()
  if (!desktop) throw new Error(`${NO_ELECTRON}, and CASTOR_REQUIRE_ELECTRON is set`)
  // Chromium's own sandbox cannot start as root in a container; the page sandbox (sandbox: true) still applies.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : []
  const file = projectFile ? [projectFile] : []
  return { executable: desktop.executable, args: desktop.packaged ? [...rootArgs, ...file] : [...rootArgs, repoRoot, ...file] }
}

const appEnv = (userData: string) => ({ ...process.env, CASTOR_USER_DATA: userData, ELECTRON_RENDERER_URL: '' })

async function launch(userData: string, projectFile?: string): Promise<ElectronApplication> {
  const { executable, args } = startCommand(projectFile)
  return electron.launch({ executablePath: executable, args, env: appEnv(userData) })
}

/** A new project file made by the CLI (the demo's contents under another name). */
function demoProject(file: string): string {
  const made = runCli(['demo', '--out', file])
  if (made.status !== 0) throw new Error(`castor demo failed: ${made.stderr}`)
  return file
}

/** A one-instruction generic JSONL with two expert scores, as the browser suite imports. */
function smallJsonl(): string {
  const row = (annotator: string, score: number) => ({
    instruction_id: 'electron-01',
    instruction: 'Назови столицу Франции.',
    model: 'electron-model',
    answer: 'Столица Франции — **Париж**.',
    criterion: 'narushenie_formata',
    annotator,
    score,
    rationale: 'Формат в порядке.',
  })
  return [row('Эксперт А', 0), row('Эксперт Б', 0)].map((r) => JSON.stringify(r)).join('\n') + '\n'
}

test.describe('the desktop app', () => {
  test.skip(desktopExecutable() === null && !process.env.CASTOR_REQUIRE_ELECTRON, NO_ELECTRON)
  test.setTimeout(180_000)

  let userData: string
  let app: ElectronApplication
  let page: Page
  let launched: ElectronApplication | null = null

  test.beforeEach(async ({}, testInfo) => {
    userData = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-electron-'))
    // The double-click test starts the app on a project of its own.
    const projectFile = testInfo.title.includes('double-clicked') ? demoProject(path.join(userData, 'Исследование 1.castor')) : undefined
    app = launched = await launch(userData, projectFile)
    page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
  })

  test.afterEach(async () => {
    await launched?.close()
    launched = null
    fs.rmSync(userData, { recursive: true, force: true })
  })

  test('opens one isolated, locked-down window on the demo project at first start', async () => {
    expect(await page.title()).toMatch(/Castor/)
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)

    // The renderer runs in Chromium's OS sandbox (sandbox: true): Electron reports it on macOS and Windows; on Linux
    // the renderer is under seccomp-bpf (Chromium's own sandbox is off only where the test runs as root).
    const renderer = await app.evaluate(({ app: electronApp, BrowserWindow }) => {
      const pid = BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId()
      return { pid, sandboxed: electronApp.getAppMetrics().find((metric) => metric.pid === pid)?.sandboxed ?? null }
    })
    if (renderer.sandboxed !== null) expect(renderer.sandboxed).toBe(true)
    else if (process.platform === 'linux' && process.getuid?.() !== 0) {
      expect(fs.readFileSync(`/proc/${renderer.pid}/status`, 'utf8')).toMatch(/^Seccomp:\s+2$/m)
    }

    // No Node in the page; contextBridge (which refuses to work without context isolation) exposes only the bridge.
    const isolation = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      castor: typeof window.castor,
      castorKeys: Object.keys(window.castor ?? {}).sort(),
    }))
    expect(isolation).toEqual({ require: 'undefined', process: 'undefined', castor: 'object', castorKeys: ['invoke', 'on'] })

    const state = await page.evaluate(() => window.castor!.invoke('app-state', {}))
    expect(state).toMatchObject({ ok: true, result: { transport: 'desktop', canSwitchProjects: true } })
    const project = state.ok ? state.result.project : null
    expect(project?.path).toBe(path.join(userData, 'demo.castor'))
    expect(project?.counts.instructions).toBeGreaterThan(0)

    // The CSP is in force: an injected inline script does not run, and the page cannot reach other origins.
    const csp = await page.evaluate(
      () =>
        new Promise<{ directive: string; ran: boolean }>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve({ directive: event.effectiveDirective, ran: 'injected' in window }), { once: true })
          const script = document.createElement('script')
          script.textContent = 'window.injected = true'
          document.head.append(script)
        }),
    )
    expect(csp).toEqual({ directive: 'script-src-elem', ran: false })
    const fetched = await page.evaluate(() => fetch('https://example.com/').then(() => 'reached', () => 'blocked'))
    expect(fetched).toBe('blocked')

    // window.open and navigation away from the app are refused.
    await page.evaluate(() => window.open('https://example.com/'))
    await page.evaluate(() => void (location.href = 'https://example.com/'))
    await page.waitForTimeout(500)
    expect(app.windows()).toHaveLength(1)
    expect(page.url()).toMatch(/^file:.*\/out\/renderer\/index\.html/)
  })

  test('browses to an item, imports through the native dialog, scores, judges and shows analytics', async () => {
    const project = new ProjectPage(page)
    await expect(project.instructionRows.first()).toBeVisible()
    const instructionsBefore = await project.countValue('instructions')
    const annotationsBefore = await project.countValue('annotations')

    await test.step('walk to an item', async () => {
      await project.instructionRows.first().click()
      await project.answerRows.first().click()
      await expect(project.criterionList).toBeVisible()
      await project.clickCriterion(0)
      await expect(project.itemPanel).toBeVisible()
      await expect(project.rubricLevels.first()).toBeVisible()
    })

    await test.step('import a file chosen in the (stubbed) native open dialog', async () => {
      const file = path.join(userData, 'small.jsonl')
      fs.writeFileSync(file, smallJsonl())
      await app.evaluate(({ dialog }, chosen) => {
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [chosen] })) as typeof dialog.showOpenDialog
      }, file)
      const importDialog = await project.openImport()
      await importDialog.fileInput.click()
      await expect(importDialog.root).toContainText('small.jsonl')
      await importDialog.start()
      await expect(importDialog.summary).toBeVisible()
      await expect(importDialog.summary.getByTestId('added-instructions')).toContainText('+1')
      await project.expectCount('instructions', instructionsBefore + 1)
      await project.expectCount('annotations', annotationsBefore + 2)
      await importDialog.close()
    })

    await test.step('score an item and submit it', async () => {
      const annotate = new AnnotatePage(page)
      await page.getByTestId('tab-annotate').click()
      await expect(annotate.view).toBeVisible()
      await annotate.takeNext()
      await annotate.levels.first().click()
      await annotate.expectSaved()
      await annotate.submit.click()
      await expect(annotate.reveal).toBeVisible()
      const progress = await page.evaluate(() => window.castor!.invoke('app-state', {}))
      expect(progress.ok && progress.result.project!.counts.annotations).toBeGreaterThan(annotationsBefore + 2)
    })

    await test.step('run a judge on an OpenAI-compatible server', async () => {
      const server = await startFakeOpenAi((request) => feedbackReply(Number(/\n(\d+): [^\n]*\n$/.exec(request.prompt)?.[1] ?? 0)))
      try {
        const judge = new JudgePage(page)
        await judge.tab.click()
        await expect(judge.view).toBeVisible()
        await judge.startServerRun({ baseUrl: server.url, model: 'ai-forever/pollux-judge-7b', name: 'electron-7b', limit: 4, concurrency: 2 })
        await judge.expectStatus('electron-7b', 'done')
        expect(new Set(server.requests.map((request) => request.prompt)).size).toBe(4)
      } finally {
        await server.close()
      }
    })

    await test.step('open Analytics', async () => {
      const analytics = new AnalyticsPage(page)
      await analytics.open()
      await analytics.expectDrawn('agreement')
    })
  })

  test('opens a double-clicked project, at start and in the running app (second start)', async () => {
    const projectPath = async () => {
      const state = await page.evaluate(() => window.castor!.invoke('app-state', {}))
      return state.ok ? state.result.project?.path : null
    }
    const first = path.join(userData, 'Исследование 1.castor')
    expect(await projectPath()).toBe(first)
    // Nothing opened before, but a file was given: no demo project is made.
    expect(fs.existsSync(path.join(userData, 'demo.castor'))).toBe(false)

    // A second start (another double-click) hands its file to the running app and exits.
    const second = demoProject(path.join(userData, 'second.castor'))
    const { executable, args } = startCommand(second)
    const secondStart = spawn(executable, args, { env: appEnv(userData), stdio: 'ignore' })
    const exitCode = await new Promise<number | null>((resolve) => secondStart.once('exit', resolve))
    expect(exitCode).toBe(0)
    await expect.poll(projectPath, { timeout: 20_000 }).toBe(second)
    await expect(new ProjectPage(page).instructionRows.first()).toBeVisible()
    expect(app.windows()).toHaveLength(1)
  })
})
