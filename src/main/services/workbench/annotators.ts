import { CastorError } from '@shared/api/errors'
import type { Language } from '@shared/api/models'
import type { Annotator, AnnotatorFilters, AnnotatorRole, SignInLink } from '@shared/api/workbenchModels'
import type { Db } from '../db'
import { IdentitySpellings } from '../project/identitySpellings'
import { issueLink, revokeLinks } from './identity'
import { nowIso } from './settings'
import { stmt } from './statements'

interface AnnotatorDbRow {
  id: number
  name: string
  role: Annotator['role']
  language: string | null
  quota: number | null
  filters: string | null
  removedAt: string | null
  createdAt: string
  linkIssuedAt: string | null
  assigned: number
  done: number
}

const select = `
  SELECT an.id, an.name, an.role, an.ui_language AS language, an.quota, an.filters, an.removed_at AS removedAt, an.created_at AS createdAt,
         (SELECT max(t.created_at) FROM annotator_tokens t WHERE t.annotator_id = an.id AND t.revoked_at IS NULL) AS linkIssuedAt,
         (SELECT count(*) FROM assignments a WHERE a.annotator_id = an.id) AS assigned,
         (SELECT count(*) FROM assignments a WHERE a.annotator_id = an.id AND a.completed_at IS NOT NULL) AS done
    FROM annotators an`

export function parseFilters(json: string | null): AnnotatorFilters {
  if (!json) return {}
  try {
    return JSON.parse(json) as AnnotatorFilters
  } catch {
    return {}
  }
}

/** Drops empty lists so that "no restriction" has one form. */
function normalizeFilters(filters: AnnotatorFilters): string | null {
  const kept = Object.fromEntries(Object.entries(filters).filter(([, list]) => Array.isArray(list) && list.length > 0))
  return Object.keys(kept).length ? JSON.stringify(kept) : null
}

function toAnnotator(row: AnnotatorDbRow): Annotator {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    language: row.language === 'ru' || row.language === 'en' ? row.language : null,
    quota: row.quota,
    filters: parseFilters(row.filters),
    hasLink: row.linkIssuedAt !== null,
    linkIssuedAt: row.linkIssuedAt,
    removed: row.removedAt !== null,
    assigned: row.assigned,
    done: row.done,
    createdAt: row.createdAt,
  }
}

export function listAnnotators(db: Db, includeRemoved: boolean): Annotator[] {
  const rows = stmt(db, `${select} ${includeRemoved ? '' : 'WHERE an.removed_at IS NULL'} ORDER BY an.name`).all() as AnnotatorDbRow[]
  return rows.map(toAnnotator)
}

export function getAnnotator(db: Db, id: number): Annotator {
  const row = stmt(db, `${select} WHERE an.id = ?`).get(id) as AnnotatorDbRow | undefined
  if (!row) throw new CastorError('not-found', `No annotator ${id}`)
  return toAnnotator(row)
}

/** How the project spells this annotator name (names compare by identityKey), or the name as given when new. */
export function annotatorNameSpelling(db: Db, name: string): string {
  return new IdentitySpellings(db, 'annotators', 'name').spelling(name)
}

export interface NewAnnotator {
  name: string
  role: AnnotatorRole
  language: Language | null
  quota: number | null
  filters: AnnotatorFilters
}

/**
 * Adds an annotator (or lead) and issues their first link. A name that belongs to an annotator who only has
 * imported scores (no link yet, not removed) is taken over: that person gets the link.
 */
export function addAnnotator(db: Db, input: NewAnnotator): { annotator: Annotator; link: SignInLink } {
  const name = annotatorNameSpelling(db, input.name)
  const existing = stmt(db, 'SELECT id, role, removed_at AS removedAt FROM annotators WHERE name = ?').get(name) as
    | { id: number; role: string; removedAt: string | null }
    | undefined
  let id: number
  if (existing) {
    const hasLinks = stmt(db, 'SELECT 1 FROM annotator_tokens WHERE annotator_id = ?').pluck().get(existing.id)
    if (hasLinks || existing.role === 'owner') throw new CastorError('conflict', `An annotator named "${name}" already exists`, { field: 'name' })
    id = existing.id
    stmt(db, 'UPDATE annotators SET role = ?, ui_language = ?, quota = ?, filters = ?, removed_at = NULL WHERE id = ?').run(
      input.role,
      input.language,
      input.quota,
      normalizeFilters(input.filters),
      id,
    )
  } else {
    id = Number(
      stmt(db, 'INSERT INTO annotators (name, role, ui_language, quota, filters) VALUES (?, ?, ?, ?, ?)')
        .run(input.name, input.role, input.language, input.quota, normalizeFilters(input.filters)).lastInsertRowid,
    )
  }
  const link = issueLink(db, id)
  return { annotator: getAnnotator(db, id), link }
}

export function updateAnnotator(db: Db, id: number, patch: Partial<NewAnnotator>): Annotator {
  const current = getAnnotator(db, id)
  if (current.role === 'owner' && patch.role !== undefined) throw new CastorError('invalid-input', "The owner's role cannot change", { field: 'role' })
  if (patch.name !== undefined && patch.name !== current.name) {
    const spelled = annotatorNameSpelling(db, patch.name)
    const clash = stmt(db, 'SELECT 1 FROM annotators WHERE name = ? AND id <> ?').pluck().get(spelled, id)
    if (clash) throw new CastorError('conflict', `An annotator named "${spelled}" already exists`, { field: 'name' })
  }
  stmt(db, 'UPDATE annotators SET name = ?, role = ?, ui_language = ?, quota = ?, filters = ? WHERE id = ?').run(
    patch.name ?? current.name,
    patch.role ?? current.role,
    patch.language !== undefined ? patch.language : current.language,
    patch.quota !== undefined ? patch.quota : current.quota,
    normalizeFilters(patch.filters ?? current.filters),
    id,
  )
  return getAnnotator(db, id)
}

/**
 * Removes an annotator: revokes their links, frees every answer they have not finished (their drafts on those
 * answers go; scores they submitted stay, as do finished answers), and keeps the row so their scores keep a name.
 */
export function removeAnnotator(db: Db, id: number): { annotator: Annotator; freedAnswers: number } {
  getAnnotator(db, id)
  const at = nowIso()
  revokeLinks(db, id, at)
  const freed = freeUnfinished(db, id)
  stmt(db, 'UPDATE annotators SET removed_at = coalesce(removed_at, ?) WHERE id = ?').run(at, id)
  return { annotator: getAnnotator(db, id), freedAnswers: freed }
}

/** Deletes an annotator's unfinished assignments (the triggers give the slots back) and their drafts there. */
export function freeUnfinished(db: Db, annotatorId: number): number {
  stmt(db, 
    `DELETE FROM annotations WHERE annotator_id = ? AND status = 'draft'
       AND item_id IN (SELECT it.id FROM assignments a JOIN items it ON it.response_id = a.response_id
                        WHERE a.annotator_id = ? AND a.completed_at IS NULL)`,
  ).run(annotatorId, annotatorId)
  return stmt(db, 'DELETE FROM assignments WHERE annotator_id = ? AND completed_at IS NULL').run(annotatorId).changes
}

export function revokeAnnotator(db: Db, id: number): Annotator {
  getAnnotator(db, id)
  revokeLinks(db, id)
  return getAnnotator(db, id)
}
