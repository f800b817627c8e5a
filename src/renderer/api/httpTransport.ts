import type { CastorApi, Reply } from '@shared/api/client'
import { CastorError, httpStatusOf, type ErrorCode } from '@shared/api/errors'
import type { EventName, EventPayload } from '@shared/api/events'
import type { OperationName } from '@shared/api/operations'
import { EventSocket } from './eventSocket'
import { unwrap } from './reply'

/** The browser transport of `castor serve`: POST /api/<operation>, events on the /api/events WebSocket. */
export function createHttpApi(socket: EventSocket): CastorApi {
  return {
    async invoke(name: OperationName, input: unknown) {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      })
      return unwrap(await readReply(response)) as never
    },
    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) {
      return socket.on(name, listener as (payload: unknown) => void)
    },
  } as CastorApi
}

export function eventsUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`
}

/** The envelope of an HTTP reply; a body that is not one (a proxy's error page, say) becomes an error by status. */
export async function readReply(response: Response): Promise<Reply<unknown>> {
  const text = await response.text()
  try {
    const parsed = JSON.parse(text) as Reply<unknown>
    if (parsed && typeof parsed === 'object' && 'ok' in parsed) return parsed
  } catch {
    // fall through: not JSON
  }
  throw new CastorError(codeOfStatus(response.status), `HTTP ${response.status}: ${text.slice(0, 200) || response.statusText}`)
}

function codeOfStatus(status: number): ErrorCode {
  const match = (Object.entries(httpStatusOf) as [ErrorCode, number][]).find(([, s]) => s === status)
  return match ? match[0] : 'internal'
}
