import type { Reply } from '@shared/api/client'
import { CastorError, deserializeError, errorCodes, type ErrorCode } from '@shared/api/errors'

/** The result of a reply envelope, or its error thrown as a CastorError. */
export function unwrap<T>(reply: Reply<T>): T {
  if (reply && typeof reply === 'object' && 'ok' in reply) {
    if (reply.ok) return reply.result
    return throwError(reply.error)
  }
  throw new CastorError('internal', 'The host sent a reply without an envelope')
}

function throwError(error: { code: string; message: string; location?: unknown }): never {
  const code = (errorCodes as readonly string[]).includes(error?.code) ? (error.code as ErrorCode) : 'internal'
  throw deserializeError({ ...error, code } as Parameters<typeof deserializeError>[0])
}

/** Any thrown value as a CastorError, for stores that keep the last error. */
export function asCastorError(error: unknown): CastorError {
  if (error instanceof CastorError) return error
  if (error instanceof Error && error.name === 'AbortError') return new CastorError('cancelled', 'Cancelled')
  return new CastorError('internal', error instanceof Error ? error.message : String(error))
}
