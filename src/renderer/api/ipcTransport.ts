import type { CastorApi, Reply } from '@shared/api/client'
import type { EventName, EventPayload } from '@shared/api/events'
import type { OperationName } from '@shared/api/operations'
import { unwrap } from './reply'

/** What the preload exposes as `window.castor`: invoke and on, nothing else. */
export interface CastorBridge {
  invoke(name: string, input: unknown): Promise<Reply<unknown>>
  on(name: string, listener: (payload: unknown) => void): () => void
}

export function findBridge(): CastorBridge | null {
  const candidate = (globalThis as { castor?: CastorBridge }).castor
  return candidate && typeof candidate.invoke === 'function' && typeof candidate.on === 'function' ? candidate : null
}

/** The desktop transport: Electron IPC through the preload bridge. */
export function createIpcApi(bridge: CastorBridge): CastorApi {
  return {
    async invoke(name: OperationName, input: unknown) {
      return unwrap(await bridge.invoke(name, input)) as never
    },
    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) {
      return bridge.on(name, listener as (payload: unknown) => void)
    },
  } as CastorApi
}
