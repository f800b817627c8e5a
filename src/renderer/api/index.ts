import type { CastorApi } from '@shared/api/client'
import { withBusyRetry } from './busyRetry'
import { EventSocket } from './eventSocket'
import { createHttpApi, eventsUrl } from './httpTransport'
import { createIpcApi, findBridge } from './ipcTransport'

export type Platform = 'desktop' | 'web'

/** The one client of the renderer: the contract's CastorApi over IPC (desktop) or HTTP + WebSocket (browser). */
export interface CastorClient extends CastorApi {
  platform: Platform
  /** Called when the event stream came back after a drop (web only), so stores re-read what they missed. */
  onReconnect(listener: () => void): () => void
}

function createClient(): CastorClient {
  const bridge = findBridge()
  if (bridge) return { ...withBusyRetry(createIpcApi(bridge)), platform: 'desktop', onReconnect: () => () => undefined }
  const socket = new EventSocket(eventsUrl(window.location))
  return { ...withBusyRetry(createHttpApi(socket)), platform: 'web', onReconnect: (listener) => socket.onReconnect(listener) }
}

export const api: CastorClient = createClient()
export { uploadFile, type UploadProgress } from './upload'
export { downloadUrl } from './download'
export { asCastorError } from './reply'
export { busyTracker, type BusyState } from './busyRetry'
