import type { EventName, EventPayload } from './events'
import type { OperationInput, OperationName, OperationOutput } from './operations'

/** What every transport gives the renderer: call an operation, listen to an event. */
export interface CastorApi {
  invoke<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>>
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void
}

/** The envelope both transports use for replies, so errors cross as data with their code. */
export type Reply<T> = { ok: true; result: T } | { ok: false; error: import('./errors').SerializedError }
