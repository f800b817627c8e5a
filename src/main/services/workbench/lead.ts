import { CastorError } from '@shared/api/errors'
import type { Adjudication, AdjudicationRow, AnnotatorProgress, Progress, ReviewRow } from '@shared/api/workbenchModels'
import type { Db } from '../db'
import { type DisputedItem, rankDisputed } from './disputeRanking'
import { judgeScores, submittedAnnotations } from './reveal'
import { getSettings, nowIso } from './settings'
import { stmt } from './statements'

const PREVIEW_CHARS = 160

/** Submitted items per hour between the first and the latest submission (null under two submissions). */
function perHour(count: number, first: string | null, last: string | null): number | null {
  if (count < 2 || !first || !last) return null
  const span = Date.parse(last) - Date.parse(first)
  return span > 0 ? Math.round(((count - 1) / (span / 3_600_000)) * 10) / 10 : null
}

/**
 * The median of the active times (> 0) of submitted annotations, one annotator's or everyone's: read from the
 * annotations_submitted index at the middle offset, so it costs a walk of the index, not a load of the rows.
 */
function medianActiveMs(db: Db, annotatorId: number | null, timed: number): number | null {
  if (timed === 0) return null
  const where = annotatorId === null ? '' : 'AND annotator_id = @annotatorId'
  const middle = stmt(db, 
      `SELECT time_spent_ms FROM annotations WHERE submitted_at IS NOT NULL AND time_spent_ms > 0 ${where}
        ORDER BY time_spent_ms LIMIT @take OFFSET @skip`,
    )
    .pluck()
    .all({ annotatorId: annotatorId ?? undefined, take: timed % 2 ? 1 : 2, skip: (timed - 1) >> 1 }) as number[]
  return middle.length ? middle.reduce((a, b) => a + b, 0) / middle.length : null
}

/** Progress per annotator and overall (answers done/assigned, items per hour, median active time per item). */
export function progress(db: Db): Progress {
  const { overlap } = getSettings(db)
  const counts = stmt(db, 
      `SELECT (SELECT count(DISTINCT response_id) FROM items) AS answers,
              (SELECT count(*) FROM assignments) AS assigned,
              (SELECT count(*) FROM assignments WHERE completed_at IS NOT NULL) AS done,
              (SELECT count(*) FROM (SELECT response_id FROM assignments WHERE completed_at IS NOT NULL GROUP BY response_id HAVING count(*) >= @k)) AS complete`,
    )
    .get({ k: overlap }) as { answers: number; assigned: number; done: number; complete: number }
  const people = stmt(db, 
      `SELECT an.id, an.name, an.role, an.removed_at IS NOT NULL AS removed,
              (SELECT count(*) FROM assignments a WHERE a.annotator_id = an.id) AS assigned,
              (SELECT count(*) FROM assignments a WHERE a.annotator_id = an.id AND a.completed_at IS NOT NULL) AS done
         FROM annotators an
        WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.annotator_id = an.id) OR EXISTS (SELECT 1 FROM annotator_tokens t WHERE t.annotator_id = an.id)
        ORDER BY an.name`,
    )
    .all() as { id: number; name: string; role: AnnotatorProgress['role']; removed: number; assigned: number; done: number }[]
  const submitted = stmt(db, 
      `SELECT annotator_id AS annotatorId, count(*) AS n, sum(time_spent_ms > 0) AS timed, min(submitted_at) AS first, max(submitted_at) AS last
         FROM annotations INDEXED BY annotations_submitted WHERE submitted_at IS NOT NULL GROUP BY annotator_id`,
    )
    .all() as { annotatorId: number; n: number; timed: number; first: string; last: string }[]
  const byAnnotator = new Map(submitted.map((row) => [row.annotatorId, row]))
  const annotators = people.map((p): AnnotatorProgress => {
    const entry = byAnnotator.get(p.id)
    return {
      annotatorId: p.id,
      name: p.name,
      role: p.role,
      removed: p.removed === 1,
      assigned: p.assigned,
      done: p.done,
      itemsSubmitted: entry?.n ?? 0,
      itemsPerHour: entry ? perHour(entry.n, entry.first, entry.last) : null,
      medianMsPerItem: entry ? medianActiveMs(db, p.id, entry.timed) : null,
      lastSubmittedAt: entry?.last ?? null,
    }
  })
  const total = submitted.reduce((sum, row) => sum + row.n, 0)
  const timed = submitted.reduce((sum, row) => sum + row.timed, 0)
  const first = submitted.reduce<string | null>((min, row) => (min === null || row.first < min ? row.first : min), null)
  const last = submitted.reduce<string | null>((max, row) => (max === null || row.last > max ? row.last : max), null)
  return {
    overall: {
      overlap,
      answers: counts.answers,
      slots: counts.answers * overlap,
      assigned: counts.assigned,
      done: counts.done,
      answersComplete: counts.complete,
      itemsSubmitted: total,
      itemsPerHour: perHour(total, first, last),
      medianMsPerItem: medianActiveMs(db, null, timed),
    },
    annotators,
  }
}

interface ItemHead {
  itemId: number
  responseId: number
  instructionId: number
  preview: string
  model: string
  criterionId: number
  criterionName: string
}

const itemHeadColumns = `it.id AS itemId, r.id AS responseId, i.id AS instructionId, substr(i.text, 1, ${PREVIEW_CHARS + 1}) AS preview, r.model,
  c.id AS criterionId, c.name AS criterionName`
const itemHeadJoins = 'JOIN responses r ON r.id = it.response_id JOIN instructions i ON i.id = r.instruction_id JOIN criteria c ON c.id = it.criterion_id'

function adjudications(db: Db, itemIds: number[]): Map<number, Adjudication> {
  const rows = stmt(db, 
      `SELECT d.item_id AS itemId, d.score, d.not_applicable AS notApplicable, d.note, d.adjudicator, d.updated_at AS updatedAt
         FROM json_each(?) ids JOIN adjudications d ON d.item_id = ids.value`,
    )
    .all(JSON.stringify(itemIds)) as (Omit<Adjudication, 'notApplicable'> & { notApplicable: number })[]
  return new Map(rows.map((row) => [row.itemId, { ...row, notApplicable: row.notApplicable === 1 }]))
}

function fillRows<T extends ItemHead>(db: Db, heads: T[]): (T & ReviewRow)[] {
  const ids = heads.map((h) => h.itemId)
  const annotations = submittedAnnotations(db, ids, null)
  const judges = judgeScores(db, ids)
  const finals = adjudications(db, ids)
  return heads.map((head) => ({
    ...head,
    preview: head.preview.length > PREVIEW_CHARS ? `${head.preview.slice(0, PREVIEW_CHARS)}…` : head.preview,
    annotations: annotations.get(head.itemId) ?? [],
    judges: judges.get(head.itemId) ?? [],
    final: finals.get(head.itemId) ?? null,
  }))
}

export interface ReviewFilter {
  offset: number
  limit: number
  annotatorId?: number
  criterionId?: number
  model?: string
  score?: number
}

/**
 * Items with at least one submitted annotation, each with everyone's scores and rationales side by side. Driven
 * from the annotations (in item order, through UNIQUE (item_id, annotator_id)), so neither the count nor a page reads the
 * answers' texts; the answer's model is matched through a one-off list of answer ids.
 */
export function reviewList(db: Db, filter: ReviewFilter): { total: number; rows: ReviewRow[] } {
  const conditions = ["a.status = 'submitted'"]
  const params: Record<string, string | number> = {}
  if (filter.annotatorId !== undefined) {
    conditions.push('a.annotator_id = @annotatorId')
    params.annotatorId = filter.annotatorId
  }
  if (filter.score !== undefined) {
    conditions.push('a.score = @score')
    params.score = filter.score
  }
  if (filter.criterionId !== undefined) {
    conditions.push('it.criterion_id = @criterionId')
    params.criterionId = filter.criterionId
  }
  if (filter.model !== undefined) {
    conditions.push('it.response_id IN (SELECT id FROM responses WHERE model = @model)')
    params.model = filter.model
  }
  const needsItem = filter.criterionId !== undefined || filter.model !== undefined
  const from = `FROM annotations a ${needsItem ? 'JOIN items it ON it.id = a.item_id' : ''} WHERE ${conditions.join(' AND ')}`
  const total = stmt(db, `SELECT count(DISTINCT a.item_id) ${from}`).pluck().get(params) as number
  const ids = stmt(db, `SELECT DISTINCT a.item_id ${from} ORDER BY a.item_id LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...params, limit: filter.limit, offset: filter.offset }) as number[]
  if (!ids.length) return { total, rows: [] }
  const heads = stmt(db, `SELECT ${itemHeadColumns} FROM items it ${itemHeadJoins} WHERE it.id IN (SELECT value FROM json_each(?)) ORDER BY it.id`)
    .all(JSON.stringify(ids)) as ItemHead[]
  return { total, rows: fillRows(db, heads) }
}

/**
 * Items with two or more expert scores, most disputed first: the range of the experts' scores (blind first
 * submissions unless the settings say latest), then how far their mean is from the judge's score. One pass over
 * the submitted annotations in item order; ranking and paging happen here.
 */
export interface AdjudicationFilter {
  offset: number
  limit: number
  criterionId?: number
  model?: string
  unresolvedOnly: boolean
  /** Default 'disagree': the items that need a decision. */
  range?: 'all' | 'disagree' | 'na' | number
}

export function adjudicationQueue(db: Db, filter: AdjudicationFilter): { total: number; rows: AdjudicationRow[] } {
  const first = getSettings(db).agreementSource === 'first' ? 1 : 0
  const params: Record<string, string | number> = { first }
  const conditions: string[] = []
  if (filter.criterionId !== undefined) {
    conditions.push('agg.itemId IN (SELECT id FROM items WHERE criterion_id = @criterionId)')
    params.criterionId = filter.criterionId
  }
  if (filter.model !== undefined) {
    conditions.push('agg.itemId IN (SELECT it.id FROM responses r JOIN items it ON it.response_id = r.id WHERE r.model = @model)')
    params.model = filter.model
  }
  if (filter.unresolvedOnly) conditions.push('NOT EXISTS (SELECT 1 FROM adjudications d WHERE d.item_id = agg.itemId)')
  const range = filter.range ?? 'disagree'
  if (range === 'disagree') conditions.push('(agg.range > 0 OR (agg.naCount > 0 AND agg.naCount < agg.n))')
  else if (range === 'na') conditions.push('agg.naCount > 0 AND agg.naCount < agg.n')
  else if (typeof range === 'number') {
    conditions.push('agg.range >= @minRange')
    params.minRange = range
  }
  // Control items are decided already (their reference score): never in the queue.
  const scored = stmt(db, 
      `WITH used AS (
         SELECT a.item_id AS itemId,
                CASE WHEN @first = 1 AND r1.annotation_id IS NOT NULL THEN r1.score ELSE a.score END AS score,
                CASE WHEN @first = 1 AND r1.annotation_id IS NOT NULL THEN r1.not_applicable ELSE a.not_applicable END AS na
           FROM annotations a
           LEFT JOIN annotation_revisions r1 ON r1.annotation_id = a.id AND r1.revision = 1
          WHERE a.status = 'submitted' AND a.item_id NOT IN (SELECT item_id FROM control_items)
       ), agg AS (
         SELECT itemId, max(score) - min(score) AS range, avg(score) AS expertMean, count(*) AS n, sum(na) AS naCount
           FROM used GROUP BY itemId HAVING count(*) >= 2
       )
       SELECT agg.itemId, agg.range, agg.expertMean, agg.naCount, agg.n,
              (SELECT j.score FROM judgments j JOIN judge_runs jr ON jr.id = j.run_id
                WHERE j.item_id = agg.itemId AND j.score IS NOT NULL AND j.error IS NULL ORDER BY jr.name LIMIT 1) AS judgeScore
         FROM agg ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`,
    )
    .all(params) as DisputedItem[]
  const { total, page } = rankDisputed(scored, filter.offset, filter.limit)
  if (!page.length) return { total, rows: [] }
  const heads = stmt(db, `SELECT ${itemHeadColumns} FROM items it ${itemHeadJoins} WHERE it.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(page.map((r) => r.itemId))) as ItemHead[]
  const headById = new Map(fillRows(db, heads).map((row) => [row.itemId, row]))
  return { total, rows: page.flatMap((r) => (headById.has(r.itemId) ? [{ ...headById.get(r.itemId)!, ...r }] : [])) }
}

export function setAdjudication(
  db: Db,
  input: { itemId: number; score: number | null; notApplicable: boolean; note: string },
  adjudicator: { id: number | null; name: string },
): Adjudication {
  const item = stmt(db, 'SELECT criterion_id AS criterionId FROM items WHERE id = ?').get(input.itemId) as { criterionId: number } | undefined
  if (!item) throw new CastorError('not-found', `No item ${input.itemId}`, { field: 'itemId' })
  if (input.notApplicable !== (input.score === null)) {
    throw new CastorError('invalid-input', 'Give either a score or notApplicable', { field: 'score', value: input.score })
  }
  if (input.score !== null) {
    const levels = stmt(db, 'SELECT score FROM criterion_levels WHERE criterion_id = ?').pluck().all(item.criterionId) as number[]
    if (levels.length > 0 && !levels.includes(input.score)) {
      throw new CastorError('invalid-input', `${input.score} is not a level of this criterion (allowed: ${levels.join(', ')})`, { field: 'score', value: input.score })
    }
  }
  const now = nowIso()
  stmt(db, 
    `INSERT INTO adjudications (item_id, score, not_applicable, note, adjudicator_id, adjudicator, updated_at)
     VALUES (@itemId, @score, @na, @note, @adjudicatorId, @adjudicator, @now)
     ON CONFLICT (item_id) DO UPDATE SET score = excluded.score, not_applicable = excluded.not_applicable, note = excluded.note,
       adjudicator_id = excluded.adjudicator_id, adjudicator = excluded.adjudicator, updated_at = excluded.updated_at`,
  ).run({ itemId: input.itemId, score: input.score, na: input.notApplicable ? 1 : 0, note: input.note || null, adjudicatorId: adjudicator.id, adjudicator: adjudicator.name, now })
  return { itemId: input.itemId, score: input.score, notApplicable: input.notApplicable, note: input.note || null, adjudicator: adjudicator.name, updatedAt: now }
}
