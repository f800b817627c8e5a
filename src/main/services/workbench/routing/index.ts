import { CastorError } from '@shared/api/errors'
import type { CalibrationChoice, CriterionThreshold, ItemRouting, JudgeSuggestion, RoutingSettings, RoutingState, RoutingStatus } from '@shared/api/routingModels'
import type { Db } from '../../db'
import { assignRandomKeys } from '../policies/randomKeys'
import { getSettings } from '../settings'
import { requireAssignment } from '../work'
import { calibrationComplete, startCalibration } from './calibration'
import { judgeOpinions, levelsByCriterion } from './judgeView'
import { getRoutingSettings, routingPhase, setPhase, writeRoutingSettings } from './settings'
import { computeThresholds } from './thresholds'
import { routedItemsFor } from './visibility'

export { afterFirstSubmit } from './escalation'
export { getRoutingSettings } from './settings'

/** Team progress under the current routing: items per role, expert scores against the fixed-k plan, thresholds. */
export function routingStatus(db: Db): RoutingStatus {
  const { phase, calibrationChoice, computedAt } = routingPhase(db)
  const { overlap } = getSettings(db)
  const roles = Object.fromEntries(
    (db.prepare('SELECT role, count(*) AS n FROM item_routing GROUP BY role').all() as { role: string; n: number }[]).map((r) => [r.role, r.n]),
  ) as Record<string, number>
  const items = db.prepare('SELECT count(*) FROM items').pluck().get() as number
  const planned =
    phase === 'off' ? items * overlap : ((db.prepare("SELECT coalesce(sum(experts_needed), 0) FROM item_routing WHERE role IN ('calibration', 'escalated')").pluck().get() as number) ?? 0)
  const given = db.prepare("SELECT count(*) FROM annotations WHERE status = 'submitted'").pluck().get() as number
  const calibration = db
    .prepare(
      `SELECT count(*) AS answers, coalesce(sum(done), 0) AS complete FROM (
         SELECT it.response_id, min((SELECT count(*) FROM annotations a WHERE a.item_id = it.id AND a.status = 'submitted') >= @k) AS done
           FROM item_routing ir JOIN items it ON it.id = ir.item_id WHERE ir.role = 'calibration' GROUP BY it.response_id)`,
    )
    .get({ k: overlap }) as { answers: number; complete: number }
  const thresholds = db
    .prepare(
      `SELECT t.criterion_id AS criterionId, c.name || CASE WHEN c.external_id <> c.name THEN ' (' || c.external_id || ')' ELSE '' END AS criterion,
              t.lambda, t.alpha, t.delta, t.calibration_items AS calibrationItems, t.accepted_share AS acceptedShare, t.reason AS why
         FROM criterion_thresholds t JOIN criteria c ON c.id = t.criterion_id ORDER BY c.name, c.id`,
    )
    .all() as (Omit<RoutingStatus['thresholds'][number], 'reason' | 'reasonText'> & { why: string | null })[]
  const firstRun = getRoutingSettings(db).judgeRunIds[0] ?? null
  const assisted = db
    .prepare(
      `SELECT count(*) AS submitted, coalesce(sum(a.not_applicable = 0 AND a.score = coalesce(ir.judge_score,
                (SELECT j.score FROM judgments j WHERE j.item_id = a.item_id AND j.run_id = @run))), 0) AS keptJudge
         FROM annotations a LEFT JOIN item_routing ir ON ir.item_id = a.item_id
        WHERE a.assisted = 1 AND a.status = 'submitted'`,
    )
    .get({ run: firstRun }) as { submitted: number; keptJudge: number }
  return {
    phase,
    calibrationChoice: calibrationChoice ? (JSON.parse(calibrationChoice) as CalibrationChoice) : null,
    calibration,
    items: { calibration: roles.calibration ?? 0, pending: roles.pending ?? 0, accepted: roles.accepted ?? 0, escalated: roles.escalated ?? 0 },
    expertScores: { fixedK: items * overlap, planned, given },
    thresholds: thresholds.map(({ why, ...row }) => ({ ...row, ...(why ? (JSON.parse(why) as Pick<CriterionThreshold, 'reason' | 'reasonText'>) : { reason: null, reasonText: null }) })),
    computedAt,
    assisted,
  }
}

export const routingState = (db: Db): RoutingState => ({ settings: getRoutingSettings(db), status: routingStatus(db) })

/**
 * Saves the lead's routing settings (in the caller's transaction). Random: keys the answers when the policy or seed
 * changes. Judge-guided: (re)starts the calibration when routing is off or what the sample depends on changed
 * (judge runs, seed, calibration size, confidence measure); once routed, a new α, δ, minimum, π_min or choice of
 * scores recomputes the thresholds; leaving judge-guided turns routing off (its tables stay for the record).
 */
export function updateRouting(db: Db, patch: Partial<RoutingSettings>): RoutingState {
  const before = getRoutingSettings(db)
  const next = { ...before, ...patch }
  for (const id of next.judgeRunIds) {
    if (db.prepare('SELECT 1 FROM judge_runs WHERE id = ?').pluck().get(id) === undefined) {
      throw new CastorError('invalid-input', `No judge run ${id}`, { field: 'judgeRunIds', value: id })
    }
  }
  if (next.policy === 'judge-guided' && next.judgeRunIds.length === 0) {
    throw new CastorError('invalid-input', 'Judge-guided routing needs a judge run (or several, for a committee)', { field: 'judgeRunIds' })
  }
  writeRoutingSettings(db, next)
  if (next.policy === 'random' && (before.policy !== 'random' || before.seed !== next.seed)) assignRandomKeys(db, next.seed)
  if (next.policy === 'judge-guided') {
    const sampleChanged =
      JSON.stringify(before.judgeRunIds) !== JSON.stringify(next.judgeRunIds) ||
      before.seed !== next.seed ||
      before.calibrationSize !== next.calibrationSize ||
      before.confidence !== next.confidence
    const thresholdsChanged =
      before.alpha !== next.alpha ||
      before.delta !== next.delta ||
      before.minItems !== next.minItems ||
      before.piMin !== next.piMin ||
      before.assistedInStatistics !== next.assistedInStatistics
    if (before.policy !== 'judge-guided' || routingPhase(db).phase === 'off' || sampleChanged) {
      startCalibration(db)
      if (calibrationComplete(db)) computeThresholds(db)
    } else if (thresholdsChanged && routingPhase(db).phase === 'routed') {
      computeThresholds(db)
    }
  } else if (routingPhase(db).phase !== 'off') {
    setPhase(db, 'off')
  }
  return routingState(db)
}

/** The lead's "recompute routing": thresholds from the calibration scores given so far, every item routed again. */
export function recomputeRouting(db: Db): RoutingState {
  const settings = getRoutingSettings(db)
  if (settings.policy !== 'judge-guided' || routingPhase(db).phase === 'off') {
    throw new CastorError('conflict', 'Routing is off: choose the judge-guided policy and a judge run first')
  }
  computeThresholds(db)
  return routingState(db)
}

export function itemRouting(db: Db, itemId: number): ItemRouting | null {
  if (routingPhase(db).phase === 'off') return null
  return (
    (db
      .prepare(
        `SELECT item_id AS itemId, role, judge_score AS judgeScore, confidence, lambda, alpha, delta, calibration_size AS calibrationSize,
                routing_probability AS routingProbability, experts_needed AS expertsNeeded FROM item_routing WHERE item_id = ?`,
      )
      .get(itemId) as ItemRouting | undefined) ?? null
  )
}

/** Assisted mode: the judge's suggestion for each item of the caller's answer they are to score (blind: none). */
export function assistSuggestions(db: Db, annotatorId: number, responseId: number): JudgeSuggestion[] {
  const settings = getRoutingSettings(db)
  requireAssignment(db, annotatorId, responseId)
  if (settings.annotationMode !== 'assisted') return []
  const routed = routedItemsFor(db, annotatorId, responseId)
  const items = (db.prepare('SELECT id, criterion_id AS criterionId FROM items WHERE response_id = ? ORDER BY id').all(responseId) as { id: number; criterionId: number }[]).filter(
    (item) => routed === null || routed.has(item.id),
  )
  const runIds = settings.judgeRunIds.length
    ? settings.judgeRunIds
    : (db.prepare('SELECT id FROM judge_runs ORDER BY id LIMIT 1').pluck().all() as number[])
  const opinions = judgeOpinions(db, runIds, settings.confidence, items.map((i) => i.id))
  const levels = levelsByCriterion(db)
  const runName = (db.prepare('SELECT group_concat(name, \' + \') FROM judge_runs WHERE id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(runIds)) as string | null) ?? ''
  return items.flatMap((item) => {
    const opinion = opinions.get(item.id)
    if (!opinion) return []
    const allowed = levels.get(item.criterionId) ?? []
    return [
      {
        itemId: item.id,
        score: opinion.top,
        probabilities: opinion.probabilities ? Object.fromEntries(allowed.map((level, i) => [String(level), opinion.probabilities![i]])) : null,
        rationale: opinion.rationale,
        run: runName,
      },
    ]
  })
}
