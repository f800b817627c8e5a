import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const TOKEN_COOKIE = 'castor_token'

/** 256 random bits, URL-safe: the one secret that guards `castor serve`. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/** Compares in constant time; hashing first makes both sides the same length whatever was sent. */
export function tokenMatches(expected: string, candidate: string | undefined | null): boolean {
  if (!candidate) return false
  return timingSafeEqual(digest(expected), digest(candidate))
}

export function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
  return match?.[1]
}

export function cookieToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === TOKEN_COOKIE) return part.slice(eq + 1).trim()
  }
  return undefined
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
}

/**
 * A browser sends the cookie with any request to this host, even one another site started, so requests that
 * change something (and WebSocket upgrades) must come from a page of this server: Origin has to name our Host.
 */
export function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin
  const host = request.headers.host
  if (!origin || !host) return false
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase()
  } catch {
    return false
  }
}

export type AuthResult = 'ok' | 'unauthorized' | 'cross-origin'

/**
 * Checks a request (or upgrade) for the token: `Authorization: Bearer` (scripts) or the cookie (browsers).
 * Cookie-borne requests that are not plain reads must also be same-origin.
 */
export function authenticate(request: IncomingMessage, token: string, options: { changesState: boolean }): AuthResult {
  if (tokenMatches(token, bearerToken(request))) return 'ok'
  if (tokenMatches(token, cookieToken(request))) {
    if (options.changesState && !sameOrigin(request)) return 'cross-origin'
    return 'ok'
  }
  return 'unauthorized'
}
