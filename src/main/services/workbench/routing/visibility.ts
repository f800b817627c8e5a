import type { Db } from '../../db'
import { stmt } from '../statements'
import { isJudgeGuided } from './settings'

/**
 * The items of an answer an annotator is to score, or null for all of them (every policy but judge-guided).
 * Under judge-guided routing the n-th annotator of an answer (by assignment order) scores the items that need at
 * least n experts: calibration items (k), escalated items (1, more after a disagreement); accepted items nobody
 * (and whatever the annotator has already scored).
 */
export function routedItemsFor(db: Db, annotatorId: number, responseId: number): Set<number> | null {
  if (!isJudgeGuided(db)) return null
  const rank = stmt(
    db,
    `SELECT count(*) FROM assignments WHERE response_id = @responseId
        AND id <= (SELECT id FROM assignments WHERE response_id = @responseId AND annotator_id = @annotatorId)`,
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
