import { createHash, randomBytes } from 'node:crypto'
import type { Caller } from '@shared/api/access'
import { CastorError } from '@shared/api/errors'
import type { SignInLink } from '@shared/api/workbenchModels'
import type { Db } from '../db'
import { nowIso } from './settings'
import { stmt } from './statements'

/** What is stored of a sign-in token: its SHA-256, hex. The token itself never reaches the project file. */
export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

const newToken = (): string => randomBytes(32).toString('base64url')

/** Issues a new sign-in link for an annotator, revoking every earlier one. Call inside a write transaction. */
export function issueLink(db: Db, annotatorId: number): SignInLink {
  const row = stmt(db, 'SELECT removed_at AS removedAt FROM annotators WHERE id = ?').get(annotatorId) as { removedAt: string | null } | undefined
  if (!row) throw new CastorError('not-found', `No annotator ${annotatorId}`)
  if (row.removedAt) throw new CastorError('conflict', `Annotator ${annotatorId} was removed; add them again to give them a link`)
  const issuedAt = nowIso()
  revokeLinks(db, annotatorId, issuedAt)
  const token = newToken()
  stmt(db, 'INSERT INTO annotator_tokens (annotator_id, token_sha256, created_at) VALUES (?, ?, ?)').run(annotatorId, tokenHash(token), issuedAt)
  return { annotatorId, token, path: `/?token=${token}`, issuedAt }
}

export function revokeLinks(db: Db, annotatorId: number, at = nowIso()): number {
  return stmt(db, 'UPDATE annotator_tokens SET revoked_at = ? WHERE annotator_id = ? AND revoked_at IS NULL').run(at, annotatorId).changes
}

const lookup = (db: Db) =>
  stmt(db, 
    `SELECT an.id, an.name, an.role FROM annotator_tokens t JOIN annotators an ON an.id = t.annotator_id
      WHERE t.token_sha256 = ? AND t.revoked_at IS NULL AND an.removed_at IS NULL`,
  )

/**
 * The caller a sign-in token belongs to, or null (unknown, revoked, or the annotator was removed). Looked up by
 * SHA-256 on every request, so a revocation takes effect at once.
 */
export function callerForToken(db: Db, token: string): Caller | null {
  if (!token || token.length > 200) return null
  return callerForTokenHash(db, tokenHash(token))
}

/** The caller of a sign-in token known by its SHA-256 (a browser session remembers only that). */
export function callerForTokenHash(db: Db, sha256: string): Caller | null {
  const row = lookup(db).get(sha256) as { id: number; name: string; role: string } | undefined
  if (!row) return null
  const role = row.role === 'lead' || row.role === 'owner' ? 'lead' : 'annotator'
  return { role, annotatorId: row.id, name: row.name }
}

/** The caller's annotator id; an owner's is their own 'owner' annotator row, made on first need when `create`. */
export function actorId(db: Db, caller: Caller, create: boolean): number | null {
  if (caller.role !== 'owner') {
    const live = stmt(db, 'SELECT 1 FROM annotators WHERE id = ? AND removed_at IS NULL').pluck().get(caller.annotatorId)
    if (!live) throw new CastorError('unauthorized', 'This sign-in is no longer valid')
    return caller.annotatorId
  }
  const existing = stmt(db, "SELECT id FROM annotators WHERE role = 'owner' AND removed_at IS NULL ORDER BY id LIMIT 1").pluck().get() as number | undefined
  if (existing !== undefined || !create) return existing ?? null
  const taken = stmt(db, 'SELECT 1 FROM annotators WHERE name = ?').pluck()
  let name = 'Owner'
  for (let n = 2; taken.get(name); n++) name = `Owner ${n}`
  return Number(stmt(db, "INSERT INTO annotators (name, role) VALUES (?, 'owner')").run(name).lastInsertRowid)
}

/** The caller's annotator id for a write: throws for an owner only when `create` could not make one. */
export function requireActor(db: Db, caller: Caller): number {
  const id = actorId(db, caller, true)
  if (id === null) throw new CastorError('internal', 'No annotator identity for the owner')
  return id
}
