import type { CriterionLevel } from '@shared/api/models'
import { CastorError } from '@shared/api/errors'
import type { Db } from '../db'
import { loadProject } from '../analytics/load/loadProject'
import { pooledMace } from '../analytics/quality/macePosterior'

/** One criterion as exporters need it; all criteria are loaded once (a project has hundreds, not millions). */
export interface ExportCriterion {
  externalId: string
  name: string
  group: string | null
  levels: CriterionLevel[]
}

export interface ExportAnnotation {
  annotator: string
  score: number | null
  notApplicable: boolean
  rationale: string | null
  status: 'draft' | 'submitted'
  timeSpentMs: number | null
  /** Scored in assisted mode (the judge's score on screen). */
  assisted: boolean
  /** The blind first submission of a revised annotation (revision 1); null when it was never revised. */
  first: ExportScore | null
}

export interface ExportScore {
  score: number | null
  notApplicable: boolean
  rationale: string | null
}

export interface ExportJudgment {
  run: string
  score: number | null
  notApplicable: boolean
  rationale: string | null
  /** Why the judgment failed; a failed judgment has no score and is not "not applicable". */
  error: string | null
  /** The stored score probabilities, JSON text `{"score": p}`. */
  probabilities: string | null
}

/** An item with everything around it: instruction, answer, criterion and every score given to it. */
export interface ExportItem {
  id: number
  instructionId: string
  instruction: string
  referenceAnswer: string | null
  taskPath: string | null
  difficulty: string | null
  domain: string | null
  model: string
  answer: string
  criterion: ExportCriterion
  goldScore: number | null
  annotations: ExportAnnotation[]
  judgments: ExportJudgment[]
  /** A lead's adjudicated final score (workbench), when the item has one. */
  final?: ExportFinal | null
  /** MACE's posterior label (analytics/quality/maceFit.ts); null when no expert scored the item. */
  maceLabel?: number | null
  /** The reference score when the item is a control item. */
  control?: ExportControl | null
}

export interface ExportControl {
  score: number
  note: string | null
}

export interface ExportFinal {
  score: number | null
  notApplicable: boolean
  note: string | null
}

export const DEFAULT_PAGE_ITEMS = 500

export function loadCriteria(db: Db): Map<number, ExportCriterion> {
  const criteria = new Map<number, ExportCriterion>()
  for (const [id, externalId, name, group] of db
    .prepare('SELECT id, external_id, name, group_name FROM criteria ORDER BY id')
    .raw()
    .iterate() as IterableIterator<[number, string, string, string | null]>) {
    criteria.set(id, { externalId, name, group, levels: [] })
  }
  for (const [criterionId, score, text] of db
    .prepare('SELECT criterion_id, score, text FROM criterion_levels ORDER BY criterion_id, score')
    .raw()
    .iterate() as IterableIterator<[number, number, string]>) {
    criteria.get(criterionId)?.levels.push({ score, text })
  }
  return criteria
}

export function countItems(db: Db): number {
  return db.prepare('SELECT count(*) FROM items').pluck().get() as number
}

type ItemTuple = [number, string, string, string | null, string | null, string | null, string | null, string, string, number, number | null]
type AnnotationTuple = [number, string, number | null, number, string | null, 'draft' | 'submitted', number | null, number | null, number | null, string | null, number]
type JudgmentTuple = [number, string, number | null, number, string | null, string | null, string | null]
type FinalTuple = [number, number | null, number, string | null]
type ControlTuple = [number, number, string | null]

/**
 * The project's items in id order, a page at a time. Each page is read to the end before it is handed out, so no
 * cursor stays open while the caller awaits its output stream: the same connection may write meanwhile (a score
 * saved during an export), which better-sqlite3 refuses while a statement is still iterating.
 */
export function* itemPages(db: Db, pageItems = DEFAULT_PAGE_ITEMS): Generator<ExportItem[]> {
  const criteria = loadCriteria(db)
  const maceLabels = maceLabelsOf(db)
  const itemsPage = db
    .prepare(
      `SELECT it.id, i.external_id, i.text, i.reference_answer, i.task_path, i.difficulty, i.domain,
              r.model, r.text, it.criterion_id, it.gold_score
         FROM items it
         JOIN responses r ON r.id = it.response_id
         JOIN instructions i ON i.id = r.instruction_id
        WHERE it.id > ? ORDER BY it.id LIMIT ?`,
    )
    .raw()
  const annotationsIn = db
    .prepare(
      `SELECT a.item_id, an.name, a.score, a.not_applicable, a.rationale, a.status, a.time_spent_ms,
              f.score, f.not_applicable, f.rationale, a.assisted
         FROM annotations a JOIN annotators an ON an.id = a.annotator_id
         LEFT JOIN annotation_revisions f ON f.annotation_id = a.id AND f.revision = 1
        WHERE a.item_id BETWEEN ? AND ?
          -- A draft with no score chosen yet holds no score (exported it would read as not applicable).
          AND NOT (a.status = 'draft' AND a.score IS NULL AND a.not_applicable = 0)
        ORDER BY a.item_id, an.name`,
    )
    .raw()
  const judgmentsIn = db
    .prepare(
      `SELECT j.item_id, r.name, j.score, j.not_applicable, j.rationale, j.error, j.score_probabilities
         FROM judgments j JOIN judge_runs r ON r.id = j.run_id
        WHERE j.item_id BETWEEN ? AND ? ORDER BY j.item_id, r.name`,
    )
    .raw()
  const finalsIn = db.prepare('SELECT item_id, score, not_applicable, note FROM adjudications WHERE item_id BETWEEN ? AND ?').raw()
  const controlsIn = db.prepare('SELECT item_id, score, note FROM control_items WHERE item_id BETWEEN ? AND ?').raw()

  let after = 0
  for (;;) {
    const page: ExportItem[] = []
    const byId = new Map<number, ExportItem>()
    for (const row of itemsPage.iterate(after, pageItems) as IterableIterator<ItemTuple>) {
      const criterion = criteria.get(row[9])
      if (!criterion) throw new CastorError('internal', `Item ${row[0]} refers to a missing criterion ${row[9]}`)
      const item: ExportItem = {
        id: row[0],
        instructionId: row[1],
        instruction: row[2],
        referenceAnswer: row[3],
        taskPath: row[4],
        difficulty: row[5],
        domain: row[6],
        model: row[7],
        answer: row[8],
        criterion,
        goldScore: row[10],
        annotations: [],
        judgments: [],
        maceLabel: maceLabels.get(row[0]) ?? null,
      }
      page.push(item)
      byId.set(item.id, item)
    }
    if (page.length === 0) return
    const first = page[0].id
    const last = page[page.length - 1].id
    for (const [itemId, annotator, score, notApplicable, rationale, status, timeSpentMs, firstScore, firstNotApplicable, firstRationale, assisted] of annotationsIn.iterate(
      first,
      last,
    ) as IterableIterator<AnnotationTuple>) {
      const firstSubmission = firstNotApplicable === null ? null : { score: firstScore, notApplicable: firstNotApplicable === 1, rationale: firstRationale }
      byId.get(itemId)?.annotations.push({ annotator, score, notApplicable: notApplicable === 1, rationale, status, timeSpentMs, assisted: assisted === 1, first: firstSubmission })
    }
    for (const [itemId, run, score, notApplicable, rationale, error, probabilities] of judgmentsIn.iterate(first, last) as IterableIterator<JudgmentTuple>) {
      byId.get(itemId)?.judgments.push({ run, score, notApplicable: notApplicable === 1, rationale, error, probabilities })
    }
    for (const [itemId, score, notApplicable, note] of finalsIn.iterate(first, last) as IterableIterator<FinalTuple>) {
      const item = byId.get(itemId)
      if (item) item.final = { score, notApplicable: notApplicable === 1, note }
    }
    for (const [itemId, score, note] of controlsIn.iterate(first, last) as IterableIterator<ControlTuple>) {
      const item = byId.get(itemId)
      if (item) item.control = { score, note }
    }
    yield page
    after = last
  }
}

/**
 * MACE's posterior label per item id, fitted once per export on the same scores as the statistics (the pooled
 * fit of the quality screen, default restarts and seed, so an export and `castor quality` agree).
 */
export function maceLabelsOf(db: Db): Map<number, number> {
  const input = loadProject(db)
  const labels = new Map<number, number>()
  if (input.scores.length === 0) return labels
  const { fit } = pooledMace(input)
  fit.label.forEach((label, i) => {
    if (!Number.isNaN(label)) labels.set(input.itemId[i], label)
  })
  return labels
}
