import type { Db } from '../../db'

/**
 * Control accuracy, the one rule for every screen (Team › Controls, Team › Quality, `castor quality`): an
 * annotator's answer on a control item is their blind first submission (revision 1 of annotation_revisions, else
 * the current score), whatever `agreement_source` says: a revision made after the feedback revealed the reference
 * would always be right. It is correct only when it equals the reference score; N/A on an item with a known score
 * is wrong.
 */
export interface ControlAnswer {
  annotatorId: number
  itemId: number
  criterionId: number
  /** The counted score (null: N/A). */
  score: number | null
  correct: boolean
}

export interface ControlTally {
  n: number
  correct: number
}

export interface ControlAccuracy extends ControlTally {
  byCriterion: Map<number, ControlTally>
}

/** Every submitted annotation on a control item, as the rule counts it; one pass over the controls. */
export function controlAnswers(db: Db): ControlAnswer[] {
  const rows = db
    .prepare(
      `SELECT a.annotator_id, ci.item_id, it.criterion_id, ci.score,
              CASE WHEN r1.annotation_id IS NOT NULL THEN r1.score ELSE a.score END,
              CASE WHEN r1.annotation_id IS NOT NULL THEN r1.not_applicable ELSE a.not_applicable END
         FROM control_items ci
         JOIN items it ON it.id = ci.item_id
         JOIN annotations a ON a.item_id = ci.item_id AND a.status = 'submitted'
         LEFT JOIN annotation_revisions r1 ON r1.annotation_id = a.id AND r1.revision = 1
        ORDER BY ci.item_id, a.annotator_id`,
    )
    .raw()
    .all() as [number, number, number, number, number | null, number][]
  return rows.map(([annotatorId, itemId, criterionId, reference, score, notApplicable]) => {
    const counted = notApplicable ? null : score
    return { annotatorId, itemId, criterionId, score: counted, correct: counted !== null && counted === reference }
  })
}

/** Per annotator id: how many controls they submitted and how many were right, overall and per criterion id. */
export function tallyControlAnswers(answers: readonly ControlAnswer[]): Map<number, ControlAccuracy> {
  const out = new Map<number, ControlAccuracy>()
  for (const { annotatorId, criterionId, correct } of answers) {
    let entry = out.get(annotatorId)
    if (!entry) out.set(annotatorId, (entry = { n: 0, correct: 0, byCriterion: new Map() }))
    const criterion = entry.byCriterion.get(criterionId) ?? { n: 0, correct: 0 }
    entry.byCriterion.set(criterionId, criterion)
    for (const tally of [entry, criterion]) {
      tally.n++
      if (correct) tally.correct++
    }
  }
  return out
}

export function controlAccuracyByAnnotator(db: Db): Map<number, ControlAccuracy> {
  return tallyControlAnswers(controlAnswers(db))
}
