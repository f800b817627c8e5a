import type { ServerResponse } from 'node:http'
import type { Reply } from '@shared/api/client'
import { BUSY_RETRY_AFTER_S, httpStatusOf, type ErrorCode, type SerializedError } from '@shared/api/errors'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Sent with every response, API and static alike. */
export function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  response.setHeader('X-Content-Type-Options', 'nosniff')
  response.setHeader('Referrer-Policy', 'no-referrer')
  response.setHeader('X-Frame-Options', 'DENY')
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  response.end(text)
}

export function sendReply(response: ServerResponse, reply: Reply<unknown>): void {
  if (!reply.ok) setRetryAfter(response, reply.error.code)
  sendJson(response, reply.ok ? 200 : httpStatusOf[reply.error.code], reply)
}

export function sendError(response: ServerResponse, code: ErrorCode, message: string, status = httpStatusOf[code]): void {
  const error: SerializedError = { code, message }
  if (response.headersSent) return void response.destroy()
  setRetryAfter(response, code)
  sendJson(response, status, { ok: false, error } satisfies Reply<never>)
}

function setRetryAfter(response: ServerResponse, code: ErrorCode): void {
  if (code === 'busy') response.setHeader('Retry-After', String(BUSY_RETRY_AFTER_S))
}
