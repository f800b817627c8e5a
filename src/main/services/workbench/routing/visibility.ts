import type { Db } from '../../db'
import { stmt } from '../statements'
import { isJudgeGuided } from './settings'

/**
 * SQL: how many annotators scored answer `<response>` without being assigned it (scores imported from files). They
 * count as its first experts: the answer's expert target and each assigned expert's rank are shifted by them.
 */
export const expertsOnFileSql = (response: string) => `(SELECT count(DISTINCT n.annotator_id) FROM items i2 JOIN annotations n ON n.item_id = i2.id
    WHERE i2.response_id = ${response} AND n.status = 'submitted'
      AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.response_id = ${response} AND s.annotator_id = n.annotator_id))`

/**
 * The items of an answer an annotator is to score, or null for all of them (every policy but judge-guided).
 * Under judge-guided routing the n-th annotator of an answer (scores on file first, then by assignment order) scores the items that need at
 * least n experts: calibration items (k), escalated items (1, more after a disagreement); accepted items nobody
 * (and whatever the annotator has already scored).
 */
export function routedItemsFor(db: Db, annotatorId: number, responseId: number): Set<number> | null {
  if (!isJudgeGuided(db)) return null
  const rank = stmt(
    db,
    `SELECT ${expertsOnFileSql('@responseId')} + (SELECT count(*) FROM assignments WHERE response_id = @responseId
        AND id <= (SELECT id FROM assignments WHERE response_id = @responseId AND annotator_id = @annotatorId))`,
  )
    .pluck()
    .get({ responseId, annotatorId }) as number
  const ids = stmt(
    db,
    `SELECT it.id FROM items it JOIN item_routing ir ON ir.item_id = it.id
      WHERE it.response_id = @responseId
        AND (ir.experts_needed >= @rank OR EXISTS (SELECT 1 FROM annotations a WHERE a.item_id = it.id AND a.annotator_id = @annotatorId))
      ORDER BY it.id`,
  )
    .pluck()
    .all({ responseId, annotatorId, rank: Math.max(1, rank) }) as number[]
  return new Set(ids)
}
