import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { CastorBridge } from './types'

// Kept in step with src/main/transports/ipc.ts; a sandboxed preload cannot import main-process modules.
const INVOKE_CHANNEL = 'castor:invoke'
const EVENT_CHANNEL = 'castor:event'

/**
 * `window.castor`: invoke an operation, listen to an event. Nothing else of Electron reaches the page.
 * `invoke` resolves with the reply envelope: an error crosses the context bridge as plain data with its code
 * (a thrown Error would lose its fields there), and src/renderer/api unwraps it.
 */
const bridge: CastorBridge = {
  invoke: (name, input) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input),
  on(name, listener) {
    const forward = (_event: IpcRendererEvent, eventName: unknown, payload: unknown) => {
      if (eventName === name) listener(payload as never)
    }
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward)
    }
  },
}

contextBridge.exposeInMainWorld('castor', bridge)
