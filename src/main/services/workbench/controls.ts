import { CastorError } from '@shared/api/errors'
import type { ControlItem, ControlSettings } from '@shared/api/controlModels'
import type { Db } from '../db'
import { nowIso } from './settings'
import { stmt } from './statements'

/**
 * Control items: items with a known reference score. Annotators get them like any other answer (controlMixing.ts)
 * and nothing they receive says which ones they are; their scores on them count only for control accuracy
 * (analytics/quality/controlAccuracy.ts; the analytics loader and the adjudication queue leave them out).
 */

export type ControlSource = 'adjudication' | 'typed' | 'import'

export function getControlSettings(db: Db): ControlSettings & { seed: number } {
  const row = stmt(db, 'SELECT rate, feedback, seed FROM control_settings WHERE id = 1').get() as { rate: number; feedback: number; seed: number } | undefined
  return row ? { rate: row.rate, feedback: row.feedback === 1, seed: row.seed } : { rate: 0, feedback: false, seed: 0 }
}

export function updateControlSettings(db: Db, patch: Partial<ControlSettings>): ControlSettings {
  const next = { ...getControlSettings(db), ...patch }
  stmt(db, 'UPDATE control_settings SET rate = @rate, feedback = @feedback WHERE id = 1').run({ rate: next.rate, feedback: next.feedback ? 1 : 0 })
  return { rate: next.rate, feedback: next.feedback }
}

const controlColumns = `ci.item_id AS itemId, ci.score, ci.note, ci.source, ci.created_by AS createdBy, ci.created_at AS createdAt,
  it.criterion_id AS criterionId, c.name AS criterionName, r.id AS responseId, r.model`
const controlJoins = 'JOIN items it ON it.id = ci.item_id JOIN criteria c ON c.id = it.criterion_id JOIN responses r ON r.id = it.response_id'

export function getControl(db: Db, itemId: number): ControlItem | null {
  return (stmt(db, `SELECT ${controlColumns} FROM control_items ci ${controlJoins} WHERE ci.item_id = ?`).get(itemId) as ControlItem | undefined) ?? null
}

export function listControls(db: Db, page: { offset: number; limit: number }): { total: number; rows: ControlItem[] } {
  const total = stmt(db, 'SELECT count(*) FROM control_items').pluck().get() as number
  const rows = stmt(db, `SELECT ${controlColumns} FROM control_items ci ${controlJoins} ORDER BY ci.item_id LIMIT @limit OFFSET @offset`).all(page) as ControlItem[]
  return { total, rows }
}

/**
 * Marks an item as a control. `score` null takes the item's adjudicated final score (refused when it has none or
 * it is N/A: a control's reference is a level of the scale); a typed score must be a level of the criterion.
 */
export function markControl(db: Db, input: { itemId: number; score: number | null; note: string }, by: string): ControlItem {
  const item = stmt(db, 'SELECT criterion_id AS criterionId FROM items WHERE id = ?').get(input.itemId) as { criterionId: number } | undefined
  if (!item) throw new CastorError('not-found', `No item ${input.itemId}`, { field: 'itemId', value: input.itemId })
  let score = input.score
  let source: ControlSource = 'typed'
  let note = input.note.trim() || null
  if (score === null) {
    const final = stmt(db, 'SELECT score, note FROM adjudications WHERE item_id = ?').get(input.itemId) as { score: number | null; note: string | null } | undefined
    if (!final) throw new CastorError('invalid-input', `Item ${input.itemId} has no final score: adjudicate it first or type the reference score`, { field: 'score' })
    if (final.score === null) throw new CastorError('invalid-input', `Item ${input.itemId}'s final score is N/A; a control needs a score on the scale`, { field: 'score' })
    score = final.score
    source = 'adjudication'
    note ??= final.note
  }
  checkLevel(db, item.criterionId, score)
  stmt(
    db,
    `INSERT INTO control_items (item_id, score, note, source, created_by, created_at) VALUES (@itemId, @score, @note, @source, @by, @now)
     ON CONFLICT (item_id) DO UPDATE SET score = excluded.score, note = excluded.note, source = excluded.source,
       created_by = excluded.created_by, created_at = excluded.created_at`,
  ).run({ itemId: input.itemId, score, note, source, by, now: nowIso() })
  return getControl(db, input.itemId) as ControlItem
}

export function checkLevel(db: Db, criterionId: number, score: number): void {
  const levels = stmt(db, 'SELECT score FROM criterion_levels WHERE criterion_id = ?').pluck().all(criterionId) as number[]
  if (levels.length > 0 && !levels.includes(score)) {
    throw new CastorError('invalid-input', `${score} is not a level of this criterion (allowed: ${levels.join(', ')})`, { field: 'score', value: score })
  }
}

export function unmarkControl(db: Db, itemId: number): boolean {
  return stmt(db, 'DELETE FROM control_items WHERE item_id = ?').run(itemId).changes > 0
}

/** What an annotator is told after submitting a control, when the lead turned feedback on; null otherwise. */
export function controlFeedback(db: Db, itemId: number): { referenceScore: number; note: string | null } | null {
  if (!getControlSettings(db).feedback) return null
  const row = stmt(db, 'SELECT score, note FROM control_items WHERE item_id = ?').get(itemId) as { score: number; note: string | null } | undefined
  return row ? { referenceScore: row.score, note: row.note } : null
}
