import type { ImportReason } from './importReasons'

/** Error codes that cross the API boundary. The UI and scripts branch on the code, never on the message. */
export const errorCodes = [
  'invalid-input', // bad arguments or bad data in an imported file
  'not-found',
  'conflict', // the data contradicts what the project already holds
  'no-project', // the operation needs an open project
  'read-only', // the project was opened read-only
  'unauthorized',
  'forbidden',
  'unsupported', // this transport or platform cannot do it (a file dialog over HTTP, say)
  'cancelled',
  'busy', // another process holds the project's write lock; try again shortly
  'internal',
] as const
export type ErrorCode = (typeof errorCodes)[number]

/** Where in an input file an error was found; every field is optional because not every error has all of them. */
export interface ErrorLocation {
  file?: string
  line?: number // 1-based line (JSONL) or row (CSV, 1 = first data row) or record index (Parquet)
  /** What `line` counts: JSONL lines, CSV data rows, Parquet / JSON records. */
  unit?: 'line' | 'row' | 'record'
  field?: string
  /** A mapped import: the file's column that the field was read from. */
  column?: string
  value?: unknown
  /** An import error's reason as a key + parameters (importReasons.ts), for the UI to render in its language. */
  reason?: ImportReason
}

export interface SerializedError {
  code: ErrorCode
  message: string
  location?: ErrorLocation
}

export class CastorError extends Error {
  readonly code: ErrorCode
  readonly location?: ErrorLocation

  constructor(code: ErrorCode, message: string, location?: ErrorLocation) {
    super(message)
    this.name = 'CastorError'
    this.code = code
    this.location = location
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, ...(this.location ? { location: this.location } : {}) }
  }
}

export function isCastorError(error: unknown): error is CastorError {
  return error instanceof CastorError
}

/** Any thrown value as plain data; unknown errors become `internal`. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof CastorError) return error.toJSON()
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const candidate = error as { code: unknown; message: unknown; location?: ErrorLocation }
    if (typeof candidate.code === 'string' && (errorCodes as readonly string[]).includes(candidate.code)) {
      return { code: candidate.code as ErrorCode, message: String(candidate.message), location: candidate.location }
    }
  }
  if (error instanceof Error && error.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled' }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}

export function deserializeError(error: SerializedError): CastorError {
  return new CastorError(error.code, error.message, error.location)
}

/** Seconds a client should wait before repeating a request answered `busy` (HTTP Retry-After). */
export const BUSY_RETRY_AFTER_S = 1

/** The HTTP status each code maps to in `castor serve`. */
export const httpStatusOf: Record<ErrorCode, number> = {
  'invalid-input': 400,
  'not-found': 404,
  conflict: 409,
  'no-project': 409,
  'read-only': 409,
  unauthorized: 401,
  forbidden: 403,
  unsupported: 501,
  cancelled: 499,
  busy: 503,
  internal: 500,
}
