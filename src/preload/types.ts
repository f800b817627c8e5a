import type { Reply } from '@shared/api/client'
import type { EventName, EventPayload } from '@shared/api/events'
import type { OperationInput, OperationName, OperationOutput } from '@shared/api/operations'

/**
 * What the preload exposes as `window.castor` in the desktop app (absent in a browser on `castor serve`).
 * The renderer's client (src/renderer/api) turns it into the contract's CastorApi by unwrapping the replies.
 */
export interface CastorBridge {
  invoke<K extends OperationName>(name: K, input: OperationInput<K>): Promise<Reply<OperationOutput<K>>>
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void
}

declare global {
  interface Window {
    castor?: CastorBridge
  }
}
