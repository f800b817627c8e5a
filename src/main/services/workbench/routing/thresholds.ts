import { consensusScore, expertCeilingAlpha, selectThreshold, type CalibrationPoint } from '../../routing/guarantee'
import type { CriterionThreshold } from '@shared/api/routingModels'
import type { Db } from '../../db'
import { randomKey } from '../policies/randomKeys'
import { nowIso } from '../settings'
import { refreshRoutedItems } from './calibration'
import { levelsByCriterion } from './judgeView'
import { expertsOnFileSql } from './visibility'
import { getRoutingSettings, setPhase } from './settings'

interface CalibrationScore {
  itemId: number
  criterionId: number
  confidence: number | null
  judgeScore: number | null
  score: number | null
  na: number
}

/**
 * The calibration items' expert scores: each annotator's blind first submission (assisted ones only when the lead
 * counts them), items with a not-applicable expert score left out (no consensus score).
 */
function calibrationScores(db: Db, withAssisted: boolean): Map<number, { criterionId: number; confidence: number | null; judgeScore: number | null; scores: number[] }> {
  const rows = db
    .prepare(
      `SELECT ir.item_id AS itemId, it.criterion_id AS criterionId, ir.confidence, ir.judge_score AS judgeScore,
              CASE WHEN r1.annotation_id IS NULL THEN a.score ELSE r1.score END AS score,
              CASE WHEN r1.annotation_id IS NULL THEN a.not_applicable ELSE r1.not_applicable END AS na
         FROM item_routing ir INDEXED BY item_routing_by_role
         JOIN items it ON it.id = ir.item_id
         JOIN annotations a ON a.item_id = ir.item_id AND a.status = 'submitted' AND (a.assisted = 0 OR @withAssisted = 1)
         LEFT JOIN annotation_revisions r1 ON r1.annotation_id = a.id AND r1.revision = 1
        WHERE ir.role = 'calibration'
        ORDER BY ir.item_id, a.id`,
    )
    .all({ withAssisted: withAssisted ? 1 : 0 }) as CalibrationScore[]
  const items = new Map<number, { criterionId: number; confidence: number | null; judgeScore: number | null; scores: number[]; na: boolean }>()
  for (const row of rows) {
    const item = items.get(row.itemId) ?? { criterionId: row.criterionId, confidence: row.confidence, judgeScore: row.judgeScore, scores: [], na: false }
    if (row.na === 1 || row.score === null) item.na = true
    else item.scores.push(row.score)
    items.set(row.itemId, item)
  }
  for (const [id, item] of items) if (item.na || item.scores.length === 0) items.delete(id)
  return items
}

/**
 * Computes each criterion's threshold from the calibration items (guarantee.ts selectThreshold: fixed-sequence
 * testing with Clopper–Pearson bounds; α absolute or the expert ceiling) and routes every non-calibration item:
 * confidence ≥ λ → accepted with the judge's score, else escalated to one expert. With π_min > 0 an item above λ
 * still goes to an expert with probability π_min (its routing probability is stored for inverse-probability
 * weights). Raised expert needs (disagreements) are kept. Runs in the caller's transaction.
 */
export function computeThresholds(db: Db): void {
  refreshRoutedItems(db)
  const settings = getRoutingSettings(db)
  const levels = levelsByCriterion(db)
  const calibration = calibrationScores(db, settings.assistedInStatistics)
  const byCriterion = new Map<number, { points: CalibrationPoint[]; panels: number[][] }>()
  for (const item of calibration.values()) {
    const entry = byCriterion.get(item.criterionId) ?? { points: [], panels: [] }
    const allowed = levels.get(item.criterionId) ?? []
    entry.panels.push(item.scores)
    if (item.confidence !== null && item.judgeScore !== null) {
      entry.points.push({ confidence: item.confidence, agrees: item.judgeScore === consensusScore(item.scores, allowed) })
    }
    byCriterion.set(item.criterionId, entry)
  }
  const now = nowIso()
  db.prepare('DELETE FROM criterion_thresholds').run()
  const saveThreshold = db.prepare(
    `INSERT INTO criterion_thresholds (criterion_id, lambda, alpha, delta, calibration_items, accepted_share, reason, computed_at)
     VALUES (@criterionId, @lambda, @alpha, @delta, @n, @acceptedShare, @reason, @now)`,
  )
  const route = db.prepare(
    `UPDATE item_routing SET role = @role, experts_needed = max(experts_needed, @needed) * (@role = 'escalated'),
            lambda = @lambda, alpha = @alpha, delta = @delta, calibration_size = @n, routing_probability = @probability
      WHERE item_id = @itemId`,
  )
  const routeCriterion = db.prepare(
    `UPDATE item_routing SET
            role = CASE WHEN @lambda IS NOT NULL AND confidence IS NOT NULL AND confidence >= @lambda THEN 'accepted' ELSE 'escalated' END,
            experts_needed = CASE WHEN @lambda IS NOT NULL AND confidence IS NOT NULL AND confidence >= @lambda THEN 0 ELSE max(experts_needed, 1) END,
            routing_probability = CASE WHEN @lambda IS NOT NULL AND confidence IS NOT NULL AND confidence >= @lambda THEN 0 ELSE 1 END,
            lambda = @lambda, alpha = @alpha, delta = @delta, calibration_size = @n
      WHERE role <> 'calibration' AND item_id IN (SELECT id FROM items WHERE criterion_id = @criterionId)`,
  )
  const countRouted = db.prepare(
    `SELECT count(*) AS total, coalesce(sum(ir.role = 'accepted'), 0) AS accepted FROM item_routing ir JOIN items it ON it.id = ir.item_id
      WHERE it.criterion_id = ? AND ir.role <> 'calibration'`,
  )
  const criteria = db.prepare('SELECT DISTINCT criterion_id FROM items').pluck().all() as number[]
  for (const criterionId of criteria) {
    const entry = byCriterion.get(criterionId) ?? { points: [], panels: [] }
    const allowed = levels.get(criterionId) ?? []
    const alpha = settings.alpha ?? expertCeilingAlpha(entry.panels, allowed, settings.delta)
    let lambda: number | null = null
    let reason: CriterionThreshold['reason'] = null
    let reasonText: string | null = null
    if (!Number.isFinite(alpha)) {
      reason = 'no-ceiling'
      reasonText = 'no calibration item has two expert scores, so the expert ceiling is unknown'
    } else {
      const result = selectThreshold(entry.points, { alpha, delta: settings.delta, minItems: settings.minItems })
      lambda = result.lambda
      reasonText = result.reason ?? null
      if (lambda === null) {
        reason =
          entry.points.length < settings.minItems ? 'few-items' : result.tested.some((step) => !step.skipped && !step.passed) ? 'exceeds' : 'sparse'
      }
    }
    const common = { lambda, alpha: Number.isFinite(alpha) ? alpha : null, delta: settings.delta, n: entry.points.length }
    if (settings.piMin === 0) {
      // deterministic routing: one statement per criterion
      routeCriterion.run({ ...common, criterionId })
    } else {
      const routed = db
        .prepare(
          `SELECT ir.item_id AS itemId, ir.confidence FROM item_routing ir JOIN items it ON it.id = ir.item_id
            WHERE it.criterion_id = ? AND ir.role <> 'calibration'`,
        )
        .all(criterionId) as { itemId: number; confidence: number | null }[]
      for (const item of routed) {
        const above = lambda !== null && item.confidence !== null && item.confidence >= lambda
        const draw = randomKey(settings.seed ^ 0x5bd1e995, item.itemId) / 2 ** 32
        const escalate = !above || draw < settings.piMin
        route.run({ ...common, itemId: item.itemId, role: escalate ? 'escalated' : 'accepted', needed: 1, probability: above ? settings.piMin : 1 })
      }
    }
    const { total, accepted } = countRouted.get(criterionId) as { total: number; accepted: number }
    saveThreshold.run({
      criterionId,
      lambda,
      alpha: Number.isFinite(alpha) ? alpha : null,
      delta: settings.delta,
      n: entry.points.length,
      acceptedShare: total ? accepted / total : null,
      reason: reason === null ? null : JSON.stringify({ reason, reasonText }),
      now,
    })
  }
  db.prepare(
    `UPDATE responses SET expert_target = max(0, (SELECT coalesce(max(ir.experts_needed), 0) FROM items it JOIN item_routing ir ON ir.item_id = it.id
                                                   WHERE it.response_id = responses.id) - ${expertsOnFileSql('responses.id')})
      WHERE expert_target IS NOT NULL`,
  ).run()
  setPhase(db, 'routed', { computedAt: now })
}
