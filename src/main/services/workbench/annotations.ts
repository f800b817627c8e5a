import { CastorError } from '@shared/api/errors'
import type { MyAnnotation, SubmitResult } from '@shared/api/workbenchModels'
import type { Db } from '../db'
import { completeIfDone } from './assignment'
import { afterFirstSubmit } from './routing/escalation'
import { getSettings, nowIso } from './settings'
import { myAnnotation, requireAssignment } from './work'
import { stmt } from './statements'

export interface ScoreValues {
  itemId: number
  score: number | null
  notApplicable: boolean
  rationale: string
  activeMs: number
}

interface ItemFacts {
  responseId: number
  criterionId: number
}

/** The item, and that its answer is assigned to the annotator (else `forbidden`). */
function ownItem(db: Db, annotatorId: number, itemId: number): ItemFacts {
  const item = stmt(db, 'SELECT response_id AS responseId, criterion_id AS criterionId FROM items WHERE id = ?').get(itemId) as ItemFacts | undefined
  if (!item) throw new CastorError('not-found', `No item ${itemId}`, { field: 'itemId' })
  requireAssignment(db, annotatorId, item.responseId)
  return item
}

function checkScore(db: Db, criterionId: number, values: ScoreValues, final: boolean): void {
  if (values.notApplicable && values.score !== null) {
    throw new CastorError('invalid-input', 'A not-applicable score has no value: send score null', { field: 'score', value: values.score })
  }
  if (values.notApplicable && stmt(db, 'SELECT not_applicable_allowed FROM criteria WHERE id = ?').pluck().get(criterionId) === 0) {
    throw new CastorError('invalid-input', 'This criterion does not allow "not applicable": choose a level', { field: 'notApplicable' })
  }
  if (values.score !== null) {
    const levels = stmt(db, 'SELECT score FROM criterion_levels WHERE criterion_id = ?').pluck().all(criterionId) as number[]
    if (!Number.isFinite(values.score) || (levels.length > 0 && !levels.includes(values.score))) {
      throw new CastorError('invalid-input', `${values.score} is not a level of this criterion (allowed: ${levels.join(', ')} or not applicable)`, {
        field: 'score',
        value: values.score,
      })
    }
  }
  if (!final) return
  if (values.score === null && !values.notApplicable) throw new CastorError('invalid-input', 'Choose a score or not applicable', { field: 'score' })
  if (getSettings(db).rationaleRequired && values.rationale.trim() === '') {
    throw new CastorError('invalid-input', 'A rationale is required', { field: 'rationale' })
  }
}

const sameValues = (a: MyAnnotation, v: ScoreValues) =>
  a.score === v.score && a.notApplicable === v.notApplicable && (a.rationale ?? '') === v.rationale

/** Stores the annotator's draft for an item (upsert). A submitted annotation is changed only by revising it. */
export function saveDraft(db: Db, annotatorId: number, values: ScoreValues): MyAnnotation {
  return db
    .transaction(() => {
      const item = ownItem(db, annotatorId, values.itemId)
      checkScore(db, item.criterionId, values, false)
      const current = myAnnotation(db, values.itemId, annotatorId)
      if (current?.status === 'submitted') throw new CastorError('conflict', 'This score is already submitted; revise it instead')
      const now = nowIso()
      stmt(db, 
        `INSERT INTO annotations (item_id, annotator_id, score, not_applicable, rationale, time_spent_ms, status, created_at, updated_at)
         VALUES (@itemId, @annotatorId, @score, @na, @rationale, @activeMs, 'draft', @now, @now)
         ON CONFLICT (item_id, annotator_id) DO UPDATE SET score = excluded.score, not_applicable = excluded.not_applicable,
           rationale = excluded.rationale, time_spent_ms = max(coalesce(time_spent_ms, 0), excluded.time_spent_ms), updated_at = excluded.updated_at`,
      ).run({ ...values, annotatorId, na: values.notApplicable ? 1 : 0, now })
      return myAnnotation(db, values.itemId, annotatorId) as MyAnnotation
    })
    .immediate()
}

/** The blind first submission. Repeating an identical submit (a retried request) answers with the stored one. */
export function submit(db: Db, annotatorId: number, values: ScoreValues): SubmitResult {
  return db
    .transaction((): SubmitResult => {
      const item = ownItem(db, annotatorId, values.itemId)
      checkScore(db, item.criterionId, values, true)
      const current = myAnnotation(db, values.itemId, annotatorId)
      if (current?.status === 'submitted') {
        if (current.revision === 1 && sameValues(current, values)) return { annotation: current, answerDone: completeIfDone(db, annotatorId, item.responseId) }
        throw new CastorError('conflict', 'This score is already submitted; revise it instead')
      }
      const now = nowIso()
      stmt(db, 
        `INSERT INTO annotations (item_id, annotator_id, score, not_applicable, rationale, time_spent_ms, status, submitted_at, created_at, updated_at)
         VALUES (@itemId, @annotatorId, @score, @na, @rationale, @activeMs, 'submitted', @now, @now, @now)
         ON CONFLICT (item_id, annotator_id) DO UPDATE SET score = excluded.score, not_applicable = excluded.not_applicable,
           rationale = excluded.rationale, time_spent_ms = max(coalesce(time_spent_ms, 0), excluded.time_spent_ms),
           status = 'submitted', submitted_at = excluded.submitted_at, updated_at = excluded.updated_at`,
      ).run({ ...values, annotatorId, na: values.notApplicable ? 1 : 0, now })
      afterFirstSubmit(db, annotatorId, values.itemId)
      const answerDone = completeIfDone(db, annotatorId, item.responseId)
      return { annotation: myAnnotation(db, values.itemId, annotatorId) as MyAnnotation, answerDone }
    })
    .immediate()
}

/** A new revision of a submitted annotation: the state it replaces is kept in annotation_revisions (1 = blind first). */
export function revise(db: Db, annotatorId: number, values: ScoreValues): SubmitResult {
  return db
    .transaction((): SubmitResult => {
      const item = ownItem(db, annotatorId, values.itemId)
      checkScore(db, item.criterionId, values, true)
      const current = stmt(db, 
          `SELECT id, score, not_applicable AS notApplicable, rationale, status, updated_at AS updatedAt FROM annotations
            WHERE item_id = ? AND annotator_id = ?`,
        )
        .get(values.itemId, annotatorId) as
        | { id: number; score: number | null; notApplicable: number; rationale: string | null; status: string; updatedAt: string }
        | undefined
      if (!current || current.status !== 'submitted') throw new CastorError('conflict', 'Submit this score before revising it')
      const unchanged = current.score === values.score && (current.notApplicable === 1) === values.notApplicable && (current.rationale ?? '') === values.rationale
      const now = nowIso()
      if (!unchanged) {
        stmt(db, 
          `INSERT INTO annotation_revisions (annotation_id, revision, score, not_applicable, rationale, status, saved_at)
           VALUES (@id, (SELECT coalesce(max(revision), 0) + 1 FROM annotation_revisions WHERE annotation_id = @id), @score, @na, @rationale, 'submitted', @savedAt)`,
        ).run({ id: current.id, score: current.score, na: current.notApplicable, rationale: current.rationale, savedAt: current.updatedAt })
      }
      stmt(db, 
        `UPDATE annotations SET score = @score, not_applicable = @na, rationale = @rationale,
           time_spent_ms = max(coalesce(time_spent_ms, 0), @activeMs), updated_at = @now WHERE id = @id`,
      ).run({ ...values, id: current.id, na: values.notApplicable ? 1 : 0, now })
      const answerDone = completeIfDone(db, annotatorId, item.responseId)
      return { annotation: myAnnotation(db, values.itemId, annotatorId) as MyAnnotation, answerDone }
    })
    .immediate()
}
