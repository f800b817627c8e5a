import type { AnnotatorFilters } from '@shared/api/workbenchModels'
import type { Db } from '../db'
import { parseFilters } from './annotators'
import { claimControl } from './controlMixing'
import { allRoutedSubmitted, nextByPolicy } from './policies'
import { nowIso } from './settings'
import { stmt } from './statements'

export type Claim = { responseId: number; assignmentId: number; claimed: boolean } | { responseId: null; reason: 'none-left' | 'quota-reached' }

/** SQL conditions on `r` (responses) for an annotator's filters; parameters are JSON arrays. */
export function filterSql(filters: AnnotatorFilters): { sql: string; params: Record<string, string> } {
  const parts: string[] = []
  const params: Record<string, string> = {}
  if (filters.tasks?.length) {
    parts.push(`EXISTS (SELECT 1 FROM instructions i, json_each(@tasks) t WHERE i.id = r.instruction_id
                 AND (i.task_path = t.value OR substr(i.task_path, 1, length(t.value) + 3) = t.value || ' / '))`)
    params.tasks = JSON.stringify(filters.tasks)
  }
  if (filters.criterionGroups?.length) {
    parts.push(`EXISTS (SELECT 1 FROM items it JOIN criteria c ON c.id = it.criterion_id
                 WHERE it.response_id = r.id AND c.group_name IN (SELECT value FROM json_each(@groups)))`)
    params.groups = JSON.stringify(filters.criterionGroups)
  }
  if (filters.languages?.length) {
    parts.push(`EXISTS (SELECT 1 FROM items it JOIN criteria c ON c.id = it.criterion_id
                 WHERE it.response_id = r.id AND c.language IN (SELECT value FROM json_each(@languages)))`)
    params.languages = JSON.stringify(filters.languages)
  }
  return { sql: parts.map((p) => `AND ${p}`).join('\n'), params }
}

/** How a policy walks the answers of one load level: the index, an extra condition, the order key. */
export interface CandidateWalk {
  index: 'responses_by_slots' | 'responses_by_random' | 'responses_routed'
  /** An extra condition the index's own WHERE needs (a partial index), or ''. */
  where: string
  /** The order within a level; the cursor compares against it. */
  key: 'r.id' | 'r.random_key'
}

export const BREADTH_WALK: CandidateWalk = { index: 'responses_by_slots', where: '', key: 'r.id' }

/** The first answer at a load level after (or up to) a cursor that the annotator may take, through the walk's index. */
export function candidateSql(filters: AnnotatorFilters, after: boolean, walk: CandidateWalk = BREADTH_WALK): { sql: string; params: Record<string, string> } {
  const filter = filterSql(filters)
  const sql = `SELECT r.id FROM responses r INDEXED BY ${walk.index}
        WHERE r.slots_taken = @level AND ${walk.key} ${after ? '>' : '<='} @cursor ${walk.where}
          AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.response_id = r.id AND a.annotator_id = @me)
          AND EXISTS (SELECT 1 FROM items it WHERE it.response_id = r.id)
          ${filter.sql}
        ORDER BY ${walk.key} LIMIT 1`
  return { sql, params: filter.params }
}

/**
 * Gives the annotator their oldest unfinished answer, or claims a new one — all in one `BEGIN IMMEDIATE`
 * transaction, so concurrent callers (other processes included) never get the same slot. Which answer is the
 * project's assignment policy (policies/): by default the least-assigned answers go first; within a level the
 * search resumes after the annotator's previous claim so it stays short. The assignments trigger refuses an answer that
 * already has k annotators whatever happens here.
 */
export function claimNext(db: Db, annotatorId: number): Claim {
  return db
    .transaction((): Claim => {
      const open = stmt(db, 'SELECT id, response_id AS responseId FROM assignments WHERE annotator_id = ? AND completed_at IS NULL ORDER BY id LIMIT 1')
        .get(annotatorId) as { id: number; responseId: number } | undefined
      if (open) return { responseId: open.responseId, assignmentId: open.id, claimed: false }
      const me = stmt(db, 'SELECT quota, filters, claim_cursor AS cursor FROM annotators WHERE id = ?').get(annotatorId) as {
        quota: number | null
        filters: string | null
        cursor: number
      }
      if (me.quota !== null) {
        const taken = stmt(db, 'SELECT count(*) FROM assignments WHERE annotator_id = ?').pluck().get(annotatorId) as number
        if (taken >= me.quota) return { responseId: null, reason: 'quota-reached' }
      }
      const filters = parseFilters(me.filters)
      const control = claimControl(db, annotatorId, filters)
      if (control) return control
      const responseId = nextByPolicy(db, filters, me.cursor, annotatorId)
      if (responseId !== undefined) {
        const assignmentId = Number(
          stmt(db, 'INSERT INTO assignments (response_id, annotator_id, assigned_at) VALUES (?, ?, ?)').run(responseId, annotatorId, nowIso())
            .lastInsertRowid,
        )
        stmt(db, 'UPDATE annotators SET claim_cursor = ? WHERE id = ?').run(responseId, annotatorId)
        return { responseId, assignmentId, claimed: true }
      }
      return { responseId: null, reason: 'none-left' }
    })
    .immediate()
}

/** Marks the annotator's assignment of an answer done when every criterion of it is submitted; says whether it is. */
export function completeIfDone(db: Db, annotatorId: number, responseId: number): boolean {
  const missing = stmt(db, 
      `SELECT count(*) FROM items it WHERE it.response_id = ?
          AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.item_id = it.id AND a.annotator_id = ? AND a.status = 'submitted')`,
    )
    .pluck()
    .get(responseId, annotatorId) as number
  if (missing > 0 && !allRoutedSubmitted(db, annotatorId, responseId)) return false
  stmt(db, 'UPDATE assignments SET completed_at = ? WHERE response_id = ? AND annotator_id = ? AND completed_at IS NULL').run(
    nowIso(),
    responseId,
    annotatorId,
  )
  return true
}
