import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserWindow, app, dialog, session } from 'electron'
import type { HostContext } from './host/context'
import { createHost, languageFromLocale } from './host/createHost'
import { useNativeBinding } from './services/db'
import { createDemoProject } from './services/demo/demoProject'
import { electronDialogs } from './transports/desktop/dialogs'
import { electronSqliteBinding } from './transports/desktop/nativeBinding'
import { recentProjectsFile } from './transports/desktop/recentProjects'
import { hardenSession, lockContents } from './transports/desktop/security'
import { registerIpc } from './transports/ipc'
import { appUrlMatcher } from './transports/ipcSender'

// The desktop app: one hardened window over the same handlers that `castor` and `castor serve` run.

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
const indexHtml = fileURLToPath(new URL('../renderer/index.html', import.meta.url))

// Tests (and anyone who wants a second profile) point the app at another user-data folder.
if (process.env.CASTOR_USER_DATA) app.setPath('userData', path.resolve(process.env.CASTOR_USER_DATA))
app.enableSandbox()

const isAppUrl = appUrlMatcher({ devServerUrl, indexHtml })

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Castor',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(indexHtml)
  return window
}

/** On first start (nothing opened before) the app opens the demo project, so there is something to look at. */
async function openFirstProject(context: HostContext): Promise<void> {
  if (!context.recent || context.recent.list().length > 0) return
  try {
    if (!fs.existsSync(context.demoProjectPath)) await createDemoProject(context.demoProjectPath)
    const info = context.project.open(context.demoProjectPath)
    context.recent.touch(info.path, info.name)
  } catch (error) {
    // The start screen still works; the user can open the demo or a project from there.
    console.error('Castor: could not open the demo project:', (error as Error).message)
  }
}

async function start(): Promise<void> {
  const binding = electronSqliteBinding(app.getAppPath())
  if (!binding) {
    dialog.showErrorBox('Castor cannot start', 'better-sqlite3 is not built for Electron yet. Run: node scripts/electron-native.js')
    app.exit(1)
    return
  }
  useNativeBinding(binding)
  hardenSession(session.defaultSession, { dev: Boolean(devServerUrl) })

  let window: BrowserWindow | null = null
  const userData = app.getPath('userData')
  const context = createHost({
    transport: 'desktop',
    canSwitchProjects: true,
    recent: recentProjectsFile(path.join(userData, 'recent.json')),
    dialogs: electronDialogs(() => window),
    demoProjectPath: path.join(userData, 'demo.castor'),
    suggestedLanguage: languageFromLocale(app.getLocale()),
  })
  await openFirstProject(context)

  window = createWindow()
  const unregister = registerIpc(context, window, isAppUrl)
  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.once('will-quit', () => {
    unregister()
    for (const job of context.jobs.list()) if (job.status === 'running') context.jobs.cancel(job.id)
    context.project.close()
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('web-contents-created', (_event, contents) => lockContents(contents))
  app.on('window-all-closed', () => app.quit())
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Castor cannot start', (error as Error).message)
      app.exit(1)
    })
}
