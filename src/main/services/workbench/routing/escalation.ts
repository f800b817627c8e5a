import type { Db } from '../../db'
import { stmt } from '../statements'
import { calibrationComplete } from './calibration'
import { getRoutingSettings, routingPhase } from './settings'
import { computeThresholds } from './thresholds'
import { expertsOnFileSql } from './visibility'

/**
 * After an annotator's first submission of an item: marks it assisted (assisted mode), and under judge-guided
 * routing asks for one more expert when the experts disagree with the judge (one expert whose score differs from the
 * judge's most probable score) or with each other (two or more who differ), up to the lead's maximum; when the last
 * calibration item gets its k-th score, computes the thresholds. Runs inside the submit's transaction.
 */
export function afterFirstSubmit(db: Db, annotatorId: number, itemId: number): void {
  const settings = getRoutingSettings(db)
  if (settings.annotationMode === 'assisted') {
    stmt(db, 'UPDATE annotations SET assisted = 1 WHERE item_id = ? AND annotator_id = ?').run(itemId, annotatorId)
  }
  if (settings.policy !== 'judge-guided') return
  const { phase } = routingPhase(db)
  if (phase === 'off') return
  const routing = stmt(db, 'SELECT role, experts_needed AS needed, judge_score AS judgeScore FROM item_routing WHERE item_id = ?').get(itemId) as
    | { role: string; needed: number; judgeScore: number | null }
    | undefined
  if (!routing) return
  if (routing.role === 'calibration') {
    if (phase === 'calibration' && calibrationComplete(db)) computeThresholds(db)
    return
  }
  if (routing.role !== 'escalated' || routing.needed >= settings.maxExperts) return
  const scores = (
    stmt(db, 'SELECT score, not_applicable AS na FROM annotations WHERE item_id = ? AND status = ? ORDER BY submitted_at, id').all(itemId, 'submitted') as {
      score: number | null
      na: number
    }[]
  ).map((row) => (row.na === 1 || row.score === null ? 'n/a' : String(row.score)))
  if (scores.length < routing.needed) return
  const judge = routing.judgeScore === null ? null : String(routing.judgeScore)
  const disagree = scores.length === 1 ? scores[0] !== judge : new Set(scores).size > 1
  if (!disagree) return
  const needed = routing.needed + 1
  stmt(db, 'UPDATE item_routing SET experts_needed = ? WHERE item_id = ?').run(needed, itemId)
  stmt(
    db,
    `UPDATE responses SET expert_target = max(coalesce(expert_target, 0), @needed - ${expertsOnFileSql('responses.id')})
      WHERE id = (SELECT response_id FROM items WHERE id = @itemId)`,
  ).run({ needed, itemId })
}
