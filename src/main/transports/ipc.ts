import type { Reply } from '@shared/api/client'
import { dispatch } from '../handlers/dispatch'
import type { HostContext } from '../host/context'
import { isTrustedSender, type SenderFacts, type WindowFacts } from './ipcSender'

export const INVOKE_CHANNEL = 'castor:invoke'
export const EVENT_CHANNEL = 'castor:event'

/** The part of Electron's `ipcMain` this transport uses (the IPC wiring test passes a stand-in). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderFacts, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/** The part of a BrowserWindow this transport uses. */
export interface IpcWindow extends WindowFacts {
  webContents: WindowFacts['webContents'] & { send(channel: string, ...args: unknown[]): void }
}

/** Carries operations from the preload to `dispatch` and host events back to the window. */
export function registerIpc(
  ipcMain: IpcMainLike,
  context: HostContext,
  window: IpcWindow,
  isAppUrl: (url: string) => boolean,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name, input): Promise<Reply<unknown>> => {
    if (!isTrustedSender(event, window, isAppUrl)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the Castor window' } }
    }
    return dispatch(context, typeof name === 'string' ? name : '', input)
  })
  const unsubscribe = context.events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload)
  })
  return () => {
    unsubscribe()
    ipcMain.removeHandler(INVOKE_CHANNEL)
  }
}
