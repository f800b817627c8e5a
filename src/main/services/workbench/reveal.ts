import type { JudgeScore, OtherAnnotation, RevealItem } from '@shared/api/workbenchModels'
import type { Db } from '../db'
import { myAnnotation } from './work'
import { stmt } from './statements'

interface OtherDbRow {
  itemId: number
  annotatorId: number
  annotator: string
  score: number | null
  notApplicable: number
  rationale: string | null
  revised: number
  firstScore: number | null
  firstNotApplicable: number | null
}

/** Submitted annotations of the given items, except `exceptAnnotatorId`'s; drafts never leave their author. */
export function submittedAnnotations(db: Db, itemIds: number[], exceptAnnotatorId: number | null): Map<number, OtherAnnotation[]> {
  const out = new Map<number, OtherAnnotation[]>()
  if (!itemIds.length) return out
  const rows = stmt(db, 
      `SELECT a.item_id AS itemId, a.annotator_id AS annotatorId, an.name AS annotator, a.score, a.not_applicable AS notApplicable, a.rationale,
              r1.annotation_id IS NOT NULL AS revised, r1.score AS firstScore, r1.not_applicable AS firstNotApplicable
         FROM json_each(?) ids JOIN annotations a ON a.item_id = ids.value
         JOIN annotators an ON an.id = a.annotator_id
         LEFT JOIN annotation_revisions r1 ON r1.annotation_id = a.id AND r1.revision = 1
        WHERE a.status = 'submitted' AND a.annotator_id IS NOT ?
        ORDER BY a.item_id, an.name`,
    )
    .all(JSON.stringify(itemIds), exceptAnnotatorId) as OtherDbRow[]
  for (const row of rows) {
    const revised = row.revised === 1
    const list = out.get(row.itemId) ?? []
    list.push({
      annotatorId: row.annotatorId,
      annotator: row.annotator,
      score: row.score,
      notApplicable: row.notApplicable === 1,
      rationale: row.rationale,
      firstScore: revised ? row.firstScore : row.score,
      firstNotApplicable: revised ? row.firstNotApplicable === 1 : row.notApplicable === 1,
      revised,
    })
    out.set(row.itemId, list)
  }
  return out
}

function parseProbabilities(json: string | null): Record<string, number> | null {
  if (!json) return null
  try {
    const value = JSON.parse(json) as unknown
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null
    const entries = Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]))
    return Object.fromEntries(entries)
  } catch {
    return null
  }
}

export function judgeScores(db: Db, itemIds: number[]): Map<number, JudgeScore[]> {
  const out = new Map<number, JudgeScore[]>()
  if (!itemIds.length) return out
  const rows = stmt(db, 
      `SELECT j.item_id AS itemId, r.name AS run, r.model, j.score, j.not_applicable AS notApplicable, j.rationale, j.score_probabilities AS probabilities
         FROM json_each(?) ids JOIN judgments j ON j.item_id = ids.value JOIN judge_runs r ON r.id = j.run_id
        WHERE j.error IS NULL ORDER BY j.item_id, r.name`,
    )
    .all(JSON.stringify(itemIds)) as (Omit<JudgeScore, 'notApplicable' | 'probabilities'> & { itemId: number; notApplicable: number; probabilities: string | null })[]
  for (const row of rows) {
    const list = out.get(row.itemId) ?? []
    list.push({
      run: row.run,
      model: row.model,
      score: row.score,
      notApplicable: row.notApplicable === 1,
      rationale: row.rationale,
      probabilities: parseProbabilities(row.probabilities),
    })
    out.set(row.itemId, list)
  }
  return out
}

/**
 * Others' and the judges' scores for the items of an answer. With `viewer` set, only the items the viewer has
 * submitted are revealed (the rest come back with empty lists); with null (a lead or owner looking at an answer
 * that is not theirs) every item is.
 */
export function reveal(db: Db, responseId: number, viewer: number | null): RevealItem[] {
  const items = stmt(db, 'SELECT it.id, c.id AS criterionId, c.name AS criterionName FROM items it JOIN criteria c ON c.id = it.criterion_id WHERE it.response_id = ? ORDER BY it.id')
    .all(responseId) as { id: number; criterionId: number; criterionName: string }[]
  const mine = new Map(items.map((item) => [item.id, viewer === null ? null : myAnnotation(db, item.id, viewer)]))
  const open = items.filter((item) => viewer === null || mine.get(item.id)?.status === 'submitted').map((item) => item.id)
  const others = submittedAnnotations(db, open, viewer)
  const judges = judgeScores(db, open)
  return items.map((item) => ({
    itemId: item.id,
    criterionId: item.criterionId,
    criterionName: item.criterionName,
    revealed: open.includes(item.id),
    mine: mine.get(item.id) ?? null,
    others: others.get(item.id) ?? [],
    judges: judges.get(item.id) ?? [],
  }))
}
