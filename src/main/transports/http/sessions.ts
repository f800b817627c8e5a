import { createHash, randomBytes } from 'node:crypto'

/**
 * Who a browser session stands for: this run's owner, or the holder of an annotator's sign-in link (kept as the
 * link's SHA-256, the same value the project file stores, so revoking or replacing the link ends the session).
 */
export type SessionSubject = { kind: 'owner' } | { kind: 'link'; tokenSha256: string }

const DEFAULT_MAX_SESSIONS = 10_000

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex')

/**
 * Browser sessions of one `castor serve` run, in memory only: signing in swaps the link's token for a fresh random
 * secret, so the token never travels again and a cookie leaked to another local service is worth nothing once
 * this server stops. Secrets are kept by SHA-256; the oldest sessions go past `max`.
 */
export class Sessions {
  private readonly subjects = new Map<string, SessionSubject>()

  constructor(private readonly max = DEFAULT_MAX_SESSIONS) {}

  create(subject: SessionSubject): string {
    const secret = randomBytes(32).toString('base64url')
    this.subjects.set(digest(secret), subject)
    if (this.subjects.size > this.max) this.subjects.delete(this.subjects.keys().next().value as string)
    return secret
  }

  subjectOf(secret: string): SessionSubject | null {
    if (!secret || secret.length > 200) return null
    return this.subjects.get(digest(secret)) ?? null
  }
}

/**
 * Cookies are not port-scoped: every server on 127.0.0.1 receives every cookie of that host. Naming the cookie after
 * the port (as Jupyter does) keeps two `castor serve` runs from overwriting each other's sessions.
 */
export const sessionCookieName = (port: number): string => `castor_session_${port}`

export function sessionCookie(port: number, secret: string): string {
  return `${sessionCookieName(port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`
}
