import type { CalibrationChoice } from '@shared/api/routingModels'
import type { Db } from '../../db'
import { randomKey } from '../policies/randomKeys'
import { getSettings } from '../settings'
import { judgeOpinions } from './judgeView'
import { expertsOnFileSql } from './visibility'
import { getRoutingSettings, setPhase } from './settings'

/**
 * The default calibration size and why. A threshold is tested only when it is backed by `minItems` calibration items,
 * and even with no judge error the exact bound needs n ≥ ln δ / ln(1 − α) items to get under α. Twice the larger of
 * the two per criterion lets a threshold that accepts half the items still be tested; divided by the share of answers
 * that carry the rarest criterion, capped at the number of answers.
 */
export function defaultCalibrationSize(
  answers: number,
  rarestCriterionShare: number,
  settings: { minItems: number; alpha: number | null; delta: number },
): CalibrationChoice {
  const alpha = settings.alpha ?? 0.1
  const zeroErrorItems = Math.ceil(Math.log(settings.delta) / Math.log(1 - alpha))
  const perCriterion = 2 * Math.max(settings.minItems, zeroErrorItems)
  const share = rarestCriterionShare > 0 ? rarestCriterionShare : 1
  const wanted = Math.ceil(perCriterion / share)
  const size = Math.max(1, Math.min(answers, wanted))
  return {
    size,
    answers,
    setByLead: false,
    minItems: settings.minItems,
    zeroErrorItems,
    alpha,
    alphaAssumed: settings.alpha === null,
    delta: settings.delta,
    perCriterion,
    rarestShare: share,
    capped: wanted > answers,
  }
}

/**
 * Starts judge-guided routing: a seeded uniform sample of answers (the calibration sample) gets k experts on every
 * criterion; every other item waits (pending) until the thresholds are computed. Records each item's judge score
 * and confidence. Runs in the caller's transaction.
 */
export function startCalibration(db: Db): void {
  const settings = getRoutingSettings(db)
  const { overlap } = getSettings(db)
  const answers = db.prepare('SELECT DISTINCT response_id FROM items ORDER BY response_id').pluck().all() as number[]
  const shares = db
    .prepare('SELECT CAST(count(DISTINCT response_id) AS REAL) / @answers FROM items GROUP BY criterion_id')
    .pluck()
    .all({ answers: Math.max(1, answers.length) }) as number[]
  const byDefault = defaultCalibrationSize(answers.length, shares.length ? Math.min(...shares) : 1, settings)
  const chosen: CalibrationChoice =
    settings.calibrationSize === null
      ? byDefault
      : { ...byDefault, size: Math.min(answers.length, settings.calibrationSize), setByLead: true, capped: settings.calibrationSize > answers.length }
  const size = chosen.size
  const sample = new Set(
    answers
      .map((id) => ({ id, key: randomKey(settings.seed, id) }))
      .sort((a, b) => a.key - b.key || a.id - b.id)
      .slice(0, size)
      .map((a) => a.id),
  )
  const opinions = judgeOpinions(db, settings.judgeRunIds, settings.confidence)
  db.prepare('DELETE FROM item_routing').run()
  db.prepare('DELETE FROM criterion_thresholds').run()
  const insert = db.prepare(
    `INSERT INTO item_routing (item_id, role, experts_needed, judge_score, confidence, routing_probability) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  for (const item of db.prepare('SELECT id, response_id AS responseId FROM items').all() as { id: number; responseId: number }[]) {
    const opinion = opinions.get(item.id)
    const calibration = sample.has(item.responseId)
    insert.run(item.id, calibration ? 'calibration' : 'pending', calibration ? overlap : 0, opinion?.top ?? null, opinion?.confidence ?? null, calibration ? 1 : null)
  }
  db.prepare('UPDATE responses SET expert_target = NULL').run()
  const target = db.prepare(`UPDATE responses SET expert_target = max(0, ? - ${expertsOnFileSql('responses.id')}) WHERE id = ?`)
  for (const id of answers) target.run(sample.has(id) ? overlap : 0, id)
  setPhase(db, 'calibration', { calibrationChoice: JSON.stringify(chosen) })
  db.prepare('UPDATE routing_settings SET computed_at = NULL WHERE id = 1').run()
}

/**
 * Before thresholds are (re)computed: every item's judge score and confidence read again (a run may have judged more
 * since), and items added since the calibration started (a later import) joined as pending. Caller's transaction.
 */
export function refreshRoutedItems(db: Db): void {
  const settings = getRoutingSettings(db)
  const opinions = judgeOpinions(db, settings.judgeRunIds, settings.confidence)
  const upsert = db.prepare(
    `INSERT INTO item_routing (item_id, role, experts_needed, judge_score, confidence) VALUES (?, 'pending', 0, ?, ?)
     ON CONFLICT (item_id) DO UPDATE SET judge_score = excluded.judge_score, confidence = excluded.confidence`,
  )
  const stored = db.prepare('SELECT it.id, ir.judge_score, ir.confidence, ir.item_id IS NOT NULL FROM items it LEFT JOIN item_routing ir ON ir.item_id = it.id').raw().all() as [
    number,
    number | null,
    number | null,
    number,
  ][]
  for (const [id, score, confidence, routed] of stored) {
    const opinion = opinions.get(id)
    const top = opinion?.top ?? null
    const sure = opinion?.confidence ?? null
    if (routed && score === top && confidence === sure) continue
    upsert.run(id, top, sure)
  }
  db.prepare('UPDATE responses SET expert_target = 0 WHERE expert_target IS NULL AND id IN (SELECT response_id FROM items)').run()
}

/** Every calibration item has k expert scores. */
export function calibrationComplete(db: Db): boolean {
  const { overlap } = getSettings(db)
  const short = db
    .prepare(
      `SELECT 1 FROM item_routing ir WHERE ir.role = 'calibration'
          AND (SELECT count(*) FROM annotations a WHERE a.item_id = ir.item_id AND a.status = 'submitted') < @k LIMIT 1`,
    )
    .pluck()
    .get({ k: overlap })
  return short === undefined && (db.prepare("SELECT 1 FROM item_routing WHERE role = 'calibration' LIMIT 1").pluck().get() as number | undefined) !== undefined
}
