import { ipcMain, type BrowserWindow } from 'electron'
import type { Reply } from '@shared/api/client'
import { dispatch } from '../handlers/dispatch'
import type { HostContext } from '../host/context'
import { isTrustedSender } from './ipcSender'

export const INVOKE_CHANNEL = 'castor:invoke'
export const EVENT_CHANNEL = 'castor:event'

/** Carries operations from the preload to `dispatch` and host events back to the window. */
export function registerIpc(context: HostContext, window: BrowserWindow, isAppUrl: (url: string) => boolean): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name: unknown, input: unknown): Promise<Reply<unknown>> => {
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
