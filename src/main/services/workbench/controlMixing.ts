import type { AnnotatorFilters } from '@shared/api/workbenchModels'
import type { Db } from '../db'
import { filterSql, type Claim } from './assignment'
import { getControlSettings } from './controls'
import { nowIso } from './settings'
import { stmt } from './statements'

/**
 * A uniform draw in [0, 1) from (seed, annotator, claim number): the same project, annotator and claim always draw
 * the same, and a draw reveals nothing about the next (32-bit integer mix, as splitmix/murmur finalisers).
 */
export function controlDraw(seed: number, annotatorId: number, claimNumber: number): number {
  let h = (seed ^ Math.imul(annotatorId, 0x9e3779b1) ^ Math.imul(claimNumber + 1, 0x85ebca77)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0
  h = (h ^ (h >>> 16)) >>> 0
  return h / 4294967296
}

/**
 * At the lead's rate, a new claim hands out a control answer (an answer with a control item) the annotator has not
 * had, within their filters. Called inside claimNext's transaction; null = claim an ordinary answer. A control
 * assignment takes no regular slot (assignments.control = 1), so every annotator can get every control.
 */
export function claimControl(db: Db, annotatorId: number, filters: AnnotatorFilters): Claim | null {
  const { rate, seed } = getControlSettings(db)
  if (rate <= 0) return null
  const claims = stmt(db, 'SELECT count(*) FROM assignments WHERE annotator_id = ?').pluck().get(annotatorId) as number
  if (controlDraw(seed, annotatorId, claims) >= rate) return null
  const filter = filterSql(filters)
  const candidates = stmt(
    db,
    `SELECT DISTINCT r.id FROM control_items ci JOIN items cit ON cit.id = ci.item_id JOIN responses r ON r.id = cit.response_id
      WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.response_id = r.id AND a.annotator_id = @me)
      ${filter.sql}
      ORDER BY r.id`,
  )
    .pluck()
    .all({ me: annotatorId, ...filter.params }) as number[]
  if (!candidates.length) return null
  // Which control: a second draw, so annotators do not all meet the controls in the same order.
  const responseId = candidates[Math.floor(controlDraw(seed ^ 0x5bd1e995, annotatorId, claims) * candidates.length)]
  const assignmentId = Number(
    stmt(db, 'INSERT INTO assignments (response_id, annotator_id, assigned_at, control) VALUES (?, ?, ?, 1)').run(responseId, annotatorId, nowIso()).lastInsertRowid,
  )
  return { responseId, assignmentId, claimed: true }
}
