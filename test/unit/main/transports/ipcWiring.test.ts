import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { Reply } from '../../../../src/shared/api/client'
import { operations } from '../../../../src/shared/api/operations'
import { createHost } from '../../../../src/main/host/createHost'
import type { HostContext } from '../../../../src/main/host/context'
import { EVENT_CHANNEL, INVOKE_CHANNEL, registerIpc, type IpcMainLike, type IpcWindow } from '../../../../src/main/transports/ipc'
import { appUrlMatcher, type SenderFacts } from '../../../../src/main/transports/ipcSender'
import { tempDir } from '../../../helpers/tempDir'

// IPC wiring: registerIpc driven through small in-process stand-ins for ipcMain and a window's webContents.
// This checks the transport's own code (registration, the sender check, forwarding to dispatch, events out);
// Electron itself is exercised only by test/e2e/electron.spec.ts where its binary can run.

type Listener = (event: SenderFacts, ...args: unknown[]) => Promise<unknown>

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>()
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  /** What ipcRenderer.invoke(channel, ...args) would resolve with in the renderer. */
  async invoke(event: SenderFacts, channel: string, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel)
    if (!listener) throw new Error(`No handler registered for '${channel}'`)
    return listener(event, ...args)
  }
}

class FakeWindow implements IpcWindow {
  destroyed = false
  readonly sent: unknown[][] = []
  readonly webContents
  constructor(id: number) {
    this.webContents = { id, send: (channel: string, ...args: unknown[]) => void this.sent.push([channel, ...args]) }
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

const indexHtml = path.resolve('/opt/castor/out/renderer/index.html')
const appUrl = pathToFileURL(indexHtml).href
const isAppUrl = appUrlMatcher({ indexHtml })

const fromWindow = (window: FakeWindow, url = appUrl, parent: unknown = null): SenderFacts => ({
  sender: { id: window.webContents.id },
  senderFrame: { url, parent },
})

const hosts: HostContext[] = []
function setUp() {
  const host = createHost({ transport: 'desktop', canSwitchProjects: true, demoProjectPath: path.join(tempDir(), 'demo.castor'), suggestedLanguage: 'en' })
  hosts.push(host)
  const ipcMain = new FakeIpcMain()
  const window = new FakeWindow(7)
  const unregister = registerIpc(ipcMain, host, window, isAppUrl)
  const call = (name: string, input?: unknown, event = fromWindow(window)) =>
    ipcMain.invoke(event, INVOKE_CHANNEL, name, input) as Promise<Reply<unknown>>
  return { host, ipcMain, window, unregister, call }
}

afterEach(() => {
  for (const host of hosts.splice(0)) host.project.close()
})

describe('IPC wiring', () => {
  it('registers one invoke handler and removes it (and its event subscription) on unregister', async () => {
    const { ipcMain, window, unregister, host } = setUp()
    expect([...ipcMain.handlers.keys()]).toEqual([INVOKE_CHANNEL])
    unregister()
    expect(ipcMain.handlers.size).toBe(0)
    host.events.emit('project-changed', null)
    expect(window.sent).toEqual([])
  })

  it('reaches every operation of the contract by name, and validates its input there', async () => {
    const { call } = setUp()
    const names = Object.keys(operations)
    expect(names.length).toBeGreaterThan(30)
    for (const name of names) {
      // A number is no operation's input: the reply names the operation whose schema refused it, so the call was
      // routed to that operation (an unknown name is `not-found`), and no handler ran.
      const reply = await call(name, 42)
      expect(reply, name).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
      expect(!reply.ok && reply.error.message.startsWith(`${name}: `), name).toBe(true)
    }
    expect(await call('no-such-operation', {})).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await call(12 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('answers a valid call with the handler’s result, as the owner', async () => {
    const { call } = setUp()
    expect(await call('app-state', {})).toMatchObject({ ok: true, result: { transport: 'desktop', canSwitchProjects: true, project: null } })
    expect(await call('project-info', undefined)).toMatchObject({ ok: false, error: { code: 'no-project' } })
    expect(await call('project-open', { path: 7 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('refuses calls from another window, a subframe, a foreign page or a destroyed window', async () => {
    const { call, window } = setUp()
    const other = new FakeWindow(8)
    const refused = { ok: false, error: { code: 'forbidden' } }
    expect(await call('app-state', {}, fromWindow(other))).toMatchObject(refused)
    expect(await call('app-state', {}, fromWindow(window, appUrl, { url: appUrl }))).toMatchObject(refused)
    expect(await call('app-state', {}, fromWindow(window, 'https://example.com/'))).toMatchObject(refused)
    expect(await call('app-state', {}, { sender: { id: 7 }, senderFrame: null })).toMatchObject(refused)
    expect(await call('app-state', {})).toMatchObject({ ok: true })
    window.destroyed = true
    expect(await call('app-state', {})).toMatchObject(refused)
  })

  it('sends host events to its own window only, and nothing once that window is destroyed', async () => {
    const { call, window, host } = setUp()
    const second = setUp()
    const opened = await call('project-open-demo', {})
    expect(opened).toMatchObject({ ok: true })
    const projectEvents = window.sent.filter(([, name]) => name === 'project-changed')
    expect(projectEvents).toEqual([[EVENT_CHANNEL, 'project-changed', opened.ok ? opened.result : null]])
    expect(second.window.sent).toEqual([])

    const before = window.sent.length
    window.destroyed = true
    host.events.emit('project-changed', null)
    expect(window.sent).toHaveLength(before)
  })
})
