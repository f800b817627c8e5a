import { committeeProbabilities, judgeConfidence, scoreSummary } from '../../routing/guarantee'
import type { Db } from '../../db'

/** What the chosen judge (one run, or a committee of runs) says about one item. */
export interface JudgeOpinion {
  /** The most probable score (a run without probabilities: its score). */
  top: number
  /** Probabilities over the criterion's levels in ascending score order; null when the run recorded none. */
  probabilities: number[] | null
  /** null when there are no probabilities: such an item is never accepted. */
  confidence: number | null
  rationale: string | null
}

interface JudgmentRow {
  itemId: number
  runId: number
  score: number
  probabilities: string | null
  rationale: string | null
}

/** Allowed scores per criterion, ascending. */
export function levelsByCriterion(db: Db): Map<number, number[]> {
  const levels = new Map<number, number[]>()
  for (const row of db.prepare('SELECT criterion_id AS criterionId, score FROM criterion_levels ORDER BY criterion_id, score').all() as { criterionId: number; score: number }[]) {
    const list = levels.get(row.criterionId) ?? []
    list.push(row.score)
    levels.set(row.criterionId, list)
  }
  return levels
}

function onLevels(json: string, levels: number[]): number[] | null {
  const parsed = JSON.parse(json) as Record<string, number>
  const values = levels.map((level) => {
    const direct = parsed[String(level)]
    if (direct !== undefined) return direct
    const key = Object.keys(parsed).find((k) => Math.abs(Number(k) - level) < 1e-9)
    return key === undefined ? 0 : parsed[key]
  })
  return values.some((p) => p > 0) ? values : null
}

/**
 * The judge's opinion on items (all of them, or the given ones): a single run's score probabilities, or a
 * committee's vote shares (each run's score is one vote; not-applicable and failed judgments do not vote).
 */
export function judgeOpinions(
  db: Db,
  runIds: number[],
  measure: 'top' | 'entropy',
  itemIds?: number[],
): Map<number, JudgeOpinion> {
  const opinions = new Map<number, JudgeOpinion>()
  if (runIds.length === 0) return opinions
  const levels = levelsByCriterion(db)
  const criterionOf = new Map<number, number>()
  const itemFilter = itemIds ? 'AND j.item_id IN (SELECT value FROM json_each(@items))' : ''
  const rows = db
    .prepare(
      `SELECT j.item_id AS itemId, j.run_id AS runId, j.score, j.score_probabilities AS probabilities, j.rationale, it.criterion_id AS criterionId
         FROM judgments j JOIN items it ON it.id = j.item_id
        WHERE j.run_id IN (${runIds.map((id) => Math.trunc(Number(id))).join(', ')}) AND j.error IS NULL AND j.not_applicable = 0 AND j.score IS NOT NULL ${itemFilter}`,
    )
    .all({ items: JSON.stringify(itemIds ?? []) }) as (JudgmentRow & { criterionId: number })[]
  rows.sort((a, b) => a.itemId - b.itemId || a.runId - b.runId)
  const votes = new Map<number, JudgmentRow[]>()
  for (const row of rows) {
    criterionOf.set(row.itemId, row.criterionId)
    const list = votes.get(row.itemId) ?? []
    list.push(row)
    votes.set(row.itemId, list)
  }
  for (const [itemId, list] of votes) {
    const allowed = levels.get(criterionOf.get(itemId) as number) ?? []
    let probabilities: number[] | null = null
    let top = list[0].score
    if (runIds.length === 1) {
      probabilities = list[0].probabilities && allowed.length ? onLevels(list[0].probabilities, allowed) : null
    } else {
      const onScale = list.map((r) => r.score).filter((s) => allowed.some((level) => Math.abs(level - s) < 1e-9))
      probabilities = onScale.length && allowed.length ? committeeProbabilities(onScale, allowed) : null
    }
    if (probabilities) top = scoreSummary(probabilities, allowed).top
    opinions.set(itemId, {
      top,
      probabilities,
      confidence: probabilities ? judgeConfidence(probabilities, measure) : null,
      rationale: list[0].rationale,
    })
  }
  return opinions
}
