import type { AnnotatorFilters } from '@shared/api/workbenchModels'
import type { Db } from '../../db'
import { BREADTH_WALK, candidateSql, type CandidateWalk } from '../assignment'
import { getSettings } from '../settings'
import { stmt } from '../statements'
import { getRoutingSettings } from '../routing/settings'
import { routedItemsFor } from '../routing/visibility'

/**
 * The assignment policies: which answer claimNext hands out next. Every policy walks one index level by level
 * (an answer's level = how many annotators it has), resuming after the annotator's previous claim, so a claim stays
 * a few index lookups:
 * - breadth: levels 0, 1, … k−1 by answer id (every answer gets its first annotator before any its second);
 * - depth: levels k−1 … 0 (an answer reaches k before a new one opens);
 * - random: levels 0 … k−1 by a seeded random key (randomKeys.ts);
 * - judge-guided: answers short of their expert target (responses.expert_target, routing/), levels 0 … max−1.
 */
export const RANDOM_WALK: CandidateWalk = { index: 'responses_by_random', where: '', key: 'r.random_key' }
export const ROUTED_WALK: CandidateWalk = { index: 'responses_routed', where: 'AND r.slots_taken < r.expert_target', key: 'r.id' }

function walkQuery(db: Db, filters: AnnotatorFilters, after: boolean, walk: CandidateWalk) {
  const { sql, params } = candidateSql(filters, after, walk)
  const statement = stmt(db, sql).pluck()
  return (level: number, cursor: number, me: number) => statement.get({ level, cursor, me, ...params }) as number | undefined
}

/** The answer the policy gives the annotator next, or undefined when none is left for them. */
export function nextByPolicy(db: Db, filters: AnnotatorFilters, cursorResponse: number, annotatorId: number): number | undefined {
  const { policy, maxExperts } = getRoutingSettings(db)
  const { overlap } = getSettings(db)
  const walk = policy === 'random' ? RANDOM_WALK : policy === 'judge-guided' ? ROUTED_WALK : BREADTH_WALK
  const levels = Array.from({ length: policy === 'judge-guided' ? Math.max(overlap, maxExperts) : overlap }, (_, i) => i)
  if (policy === 'depth') levels.reverse()
  const cursor =
    walk.key === 'r.random_key'
      ? ((stmt(db, 'SELECT random_key FROM responses WHERE id = ?').pluck().get(cursorResponse) as number | undefined) ?? -1)
      : cursorResponse
  const after = walkQuery(db, filters, true, walk)
  const upTo = walkQuery(db, filters, false, walk)
  for (const level of levels) {
    const responseId = after(level, cursor, annotatorId) ?? upTo(level, cursor, annotatorId)
    if (responseId !== undefined) return responseId
  }
  return undefined
}

/** Judge-guided routing: every item routed to this annotator of the answer is submitted (false under other policies). */
export function allRoutedSubmitted(db: Db, annotatorId: number, responseId: number): boolean {
  const routed = routedItemsFor(db, annotatorId, responseId)
  if (routed === null) return false
  const submitted = new Set(
    stmt(db, `SELECT a.item_id FROM annotations a JOIN items it ON it.id = a.item_id WHERE it.response_id = ? AND a.annotator_id = ? AND a.status = 'submitted'`)
      .pluck()
      .all(responseId, annotatorId) as number[],
  )
  for (const id of routed) if (!submitted.has(id)) return false
  return true
}
