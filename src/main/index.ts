import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserWindow, Menu, app, clipboard, dialog, ipcMain, session, type MessageBoxOptions } from 'electron'
import { dispatch } from './handlers/dispatch'
import type { HostContext } from './host/context'
import { createHost, languageFromLocale } from './host/createHost'
import { watchProjectData } from './host/dataWatch'
import { useNativeBinding } from './services/db'
import { createDemoProject } from './services/demo/demoProject'
import { desktopText, type DesktopText } from './transports/desktop/desktopText'
import { electronDialogs } from './transports/desktop/dialogs'
import { applicationMenu, terminalHelp } from './transports/desktop/menu'
import { electronSqliteBinding } from './transports/desktop/nativeBinding'
import { projectFileFromArgs } from './transports/desktop/projectArguments'
import { recentProjectsFile } from './transports/desktop/recentProjects'
import { hardenSession, lockContents } from './transports/desktop/security'
import { terminalCommand } from './transports/desktop/terminalCommand'
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

/**
 * A double-clicked project: Windows and Linux pass it on the command line, macOS sends `open-file` (before `ready`
 * when it starts the app for it). Until the host is up the file waits here.
 */
let pendingProjectFile = projectFileFromArgs(process.argv, process.cwd())
let openProjectFile: ((file: string) => void) | null = null
app.on('open-file', (event, file) => {
  event.preventDefault()
  if (openProjectFile) openProjectFile(file)
  else pendingProjectFile = file
})

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

/** Opens a project the OS handed us, as the start screen would (same checks, same recent list). */
async function openHandedProject(context: HostContext, file: string, text: DesktopText): Promise<void> {
  const reply = await dispatch(context, 'project-open', { path: file })
  if (!reply.ok) dialog.showErrorBox(text.openFailed, `${file}\n\n${reply.error.message}`)
}

async function showTerminalHelp(window: BrowserWindow | null, text: DesktopText): Promise<void> {
  const command = terminalCommand({
    platform: process.platform,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    appImage: process.env.APPIMAGE,
  })
  const { detail, example } = terminalHelp(command, text)
  const options: MessageBoxOptions = {
    type: 'info',
    title: text.terminalTitle,
    message: text.terminalTitle,
    detail,
    buttons: [text.copy, text.ok],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  }
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options)
  if (response === 0) clipboard.writeText(example)
}

function bringToFront(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.focus()
}

async function start(text: DesktopText): Promise<void> {
  const binding = electronSqliteBinding({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath })
  if (!binding) {
    dialog.showErrorBox(text.startFailed, text.nativeMissing)
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
  // The CLI may write the open project meanwhile (import, judge): the views follow it.
  watchProjectData(context.project, context.events)
  if (pendingProjectFile) await openHandedProject(context, pendingProjectFile, text)
  else await openFirstProject(context)
  pendingProjectFile = null

  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu(process.platform, text, () => void showTerminalHelp(window, text))))
  window = createWindow()
  const unregister = registerIpc(ipcMain, context, window, isAppUrl)
  openProjectFile = (file) => {
    bringToFront(window)
    void openHandedProject(context, file, text)
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    bringToFront(window)
    const file = projectFileFromArgs(argv, workingDirectory)
    if (file) openProjectFile?.(file)
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
  const text = () => desktopText[languageFromLocale(app.getLocale())]
  app
    .whenReady()
    .then(() => start(text()))
    .catch((error: unknown) => {
      dialog.showErrorBox(text().startFailed, (error as Error).message)
      app.exit(1)
    })
}
