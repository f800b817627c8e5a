import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Caller } from '@shared/api/access'

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

export function cookieValue(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
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

/** What a request proved itself with: a token (`Authorization: Bearer`, scripts) or a session secret (cookie, browsers). */
export type Credential = { kind: 'token' | 'session'; value: string }

/** Who a credential stands for now (resolved again on every use, so revocations take effect at once). */
export type ResolveCredential = (credential: Credential) => Caller | null

export type AuthResult = { status: 'ok'; caller: Caller; credential: Credential } | { status: 'unauthorized' } | { status: 'cross-origin' }

/**
 * Checks a request (or upgrade) for a credential and resolves its caller: `Authorization: Bearer` with a token, or
 * the server's session cookie. Cookie-borne requests that are not plain reads must also be same-origin.
 */
export function authenticate(
  request: IncomingMessage,
  resolve: ResolveCredential,
  options: { changesState: boolean; sessionCookie: string },
): AuthResult {
  const bearer = bearerToken(request)
  const token: Credential | null = bearer ? { kind: 'token', value: bearer } : null
  const fromBearer = token ? resolve(token) : null
  if (token && fromBearer) return { status: 'ok', caller: fromBearer, credential: token }
  const secret = cookieValue(request, options.sessionCookie)
  const session: Credential | null = secret ? { kind: 'session', value: secret } : null
  const fromCookie = session ? resolve(session) : null
  if (session && fromCookie) {
    if (options.changesState && !sameOrigin(request)) return { status: 'cross-origin' }
    return { status: 'ok', caller: fromCookie, credential: session }
  }
  return { status: 'unauthorized' }
}
