import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Caller } from '@shared/api/access'

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

/** Who a token belongs to: the owner, an annotator or lead, or nobody (null). */
export type ResolveToken = (token: string) => Caller | null

export type AuthResult = { status: 'ok'; caller: Caller; token: string } | { status: 'unauthorized' } | { status: 'cross-origin' }

/**
 * Checks a request (or upgrade) for a token and resolves its caller: `Authorization: Bearer` (scripts) or the
 * cookie (browsers). Cookie-borne requests that are not plain reads must also be same-origin.
 */
export function authenticate(request: IncomingMessage, resolve: ResolveToken, options: { changesState: boolean }): AuthResult {
  const bearer = bearerToken(request)
  const fromBearer = bearer ? resolve(bearer) : null
  if (bearer && fromBearer) return { status: 'ok', caller: fromBearer, token: bearer }
  const cookie = cookieToken(request)
  const fromCookie = cookie ? resolve(cookie) : null
  if (cookie && fromCookie) {
    if (options.changesState && !sameOrigin(request)) return { status: 'cross-origin' }
    return { status: 'ok', caller: fromCookie, token: cookie }
  }
  return { status: 'unauthorized' }
}
