import { CastorError } from '@shared/api/errors'
import type { Criterion } from '@shared/api/models'
import type { MyAnnotation, WorkItem, WorkQueueRow } from '@shared/api/workbenchModels'
import type { Db } from '../db'
import { routedItemsFor } from './routing/visibility'
import { stmt } from './statements'

const PREVIEW_CHARS = 160

interface AnnotationDbRow {
  id: number
  itemId: number
  score: number | null
  notApplicable: number
  rationale: string | null
  activeMs: number | null
  status: 'draft' | 'submitted'
  submittedAt: string | null
  updatedAt: string
  revisions: number
  firstScore: number | null
  firstNotApplicable: number | null
  firstRationale: string | null
}

export const annotationColumns = `a.id, a.item_id AS itemId, a.score, a.not_applicable AS notApplicable, a.rationale, a.time_spent_ms AS activeMs,
  a.status, a.submitted_at AS submittedAt, a.updated_at AS updatedAt,
  (SELECT count(*) FROM annotation_revisions v WHERE v.annotation_id = a.id) AS revisions,
  r1.score AS firstScore, r1.not_applicable AS firstNotApplicable, r1.rationale AS firstRationale`
export const firstRevisionJoin = 'LEFT JOIN annotation_revisions r1 ON r1.annotation_id = a.id AND r1.revision = 1'

export function toMyAnnotation(row: AnnotationDbRow): MyAnnotation {
  const submitted = row.status === 'submitted'
  const revised = row.revisions > 0 && row.firstNotApplicable !== null
  return {
    itemId: row.itemId,
    score: row.score,
    notApplicable: row.notApplicable === 1,
    rationale: row.rationale,
    activeMs: row.activeMs,
    status: row.status,
    revision: submitted ? row.revisions + 1 : 0,
    first: !submitted
      ? null
      : revised
        ? { score: row.firstScore, notApplicable: row.firstNotApplicable === 1, rationale: row.firstRationale }
        : { score: row.score, notApplicable: row.notApplicable === 1, rationale: row.rationale },
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
  }
}

/** A criterion with its levels (as browse's getCriterion, through cached statements: this is on every item screen). */
function criterionOf(db: Db, id: number): Criterion {
  const row = stmt(
    db,
    `SELECT c.id, c.external_id AS externalId, c.name, c.description, c.group_name AS "group", c.language, c.translations FROM criteria c WHERE c.id = ?`,
  ).get(id) as (Omit<Criterion, 'levels' | 'translations'> & { translations: string | null }) | undefined
  if (!row) throw new CastorError('not-found', `No criterion ${id}`)
  const levels = stmt(db, 'SELECT score, text FROM criterion_levels WHERE criterion_id = ? ORDER BY score').all(id) as Criterion['levels']
  return { ...row, levels, translations: row.translations ? (JSON.parse(row.translations) as Record<string, unknown>) : null }
}

/** The caller's own annotation of an item, or null. */
export function myAnnotation(db: Db, itemId: number, annotatorId: number): MyAnnotation | null {
  const row = stmt(db, `SELECT ${annotationColumns} FROM annotations a ${firstRevisionJoin} WHERE a.item_id = ? AND a.annotator_id = ?`)
    .get(itemId, annotatorId) as AnnotationDbRow | undefined
  return row ? toMyAnnotation(row) : null
}

export function ownProgress(db: Db, annotatorId: number | null): { assigned: number; done: number; quota: number | null } {
  if (annotatorId === null) return { assigned: 0, done: 0, quota: null }
  const row = stmt(db, 
      `SELECT (SELECT count(*) FROM assignments WHERE annotator_id = @id) AS assigned,
              (SELECT count(*) FROM assignments WHERE annotator_id = @id AND completed_at IS NOT NULL) AS done,
              (SELECT quota FROM annotators WHERE id = @id) AS quota`,
    )
    .get({ id: annotatorId }) as { assigned: number; done: number; quota: number | null }
  return row
}

/** The annotator's assignment of an answer; `forbidden` when the answer is not theirs. */
export function requireAssignment(db: Db, annotatorId: number, responseId: number): { id: number; assignedAt: string; completedAt: string | null } {
  const row = stmt(db, 'SELECT id, assigned_at AS assignedAt, completed_at AS completedAt FROM assignments WHERE response_id = ? AND annotator_id = ?')
    .get(responseId, annotatorId) as { id: number; assignedAt: string; completedAt: string | null } | undefined
  if (!row) throw new CastorError('forbidden', `Answer ${responseId} is not assigned to you`)
  return row
}

/**
 * The item screen for one of the annotator's answers: the instruction, the answer, every criterion with its
 * levels, and the annotator's own drafts or submissions. Nothing about anyone else's work or the judge's.
 */
export function workItem(db: Db, annotatorId: number, responseId: number): WorkItem {
  const assignment = requireAssignment(db, annotatorId, responseId)
  const response = stmt(db, 'SELECT id, model, text, instruction_id AS instructionId FROM responses WHERE id = ?').get(responseId) as
    | { id: number; model: string; text: string; instructionId: number }
    | undefined
  if (!response) throw new CastorError('not-found', `No answer ${responseId}`)
  const instruction = stmt(db, 
      `SELECT id, external_id AS externalId, text, reference_answer AS referenceAnswer, task_path AS taskPath, difficulty, domain
         FROM instructions WHERE id = ?`,
    )
    .get(response.instructionId) as WorkItem['instruction']
  const routed = routedItemsFor(db, annotatorId, responseId)
  const items = (stmt(db, 'SELECT id, criterion_id AS criterionId FROM items WHERE response_id = ? ORDER BY id').all(responseId) as {
    id: number
    criterionId: number
  }[]).filter((item) => routed === null || routed.has(item.id))
  const annotations = stmt(db, 
      `SELECT ${annotationColumns} FROM annotations a ${firstRevisionJoin}
        WHERE a.annotator_id = ? AND a.item_id IN (SELECT id FROM items WHERE response_id = ?)`,
    )
    .all(annotatorId, responseId) as AnnotationDbRow[]
  const byItem = new Map(annotations.map((row) => [row.itemId, toMyAnnotation(row)]))
  return {
    assignmentId: assignment.id,
    responseId,
    status: assignment.completedAt ? 'done' : 'open',
    assignedAt: assignment.assignedAt,
    completedAt: assignment.completedAt,
    instruction,
    response: { id: response.id, model: response.model, text: response.text },
    criteria: items.map((item) => ({ itemId: item.id, criterion: criterionOf(db, item.criterionId), annotation: byItem.get(item.id) ?? null })),
    progress: ownProgress(db, annotatorId),
  }
}

export function workQueue(
  db: Db,
  annotatorId: number | null,
  { offset, limit, status }: { offset: number; limit: number; status: 'all' | 'open' | 'done' },
): { total: number; rows: WorkQueueRow[] } {
  if (annotatorId === null) return { total: 0, rows: [] }
  const where = status === 'open' ? 'AND a.completed_at IS NULL' : status === 'done' ? 'AND a.completed_at IS NOT NULL' : ''
  const total = stmt(db, `SELECT count(*) FROM assignments a WHERE a.annotator_id = ? ${where}`).pluck().get(annotatorId) as number
  const rows = stmt(db, 
      `SELECT a.id AS assignmentId, a.response_id AS responseId, substr(i.text, 1, ${PREVIEW_CHARS + 1}) AS preview, r.model,
              a.assigned_at AS assignedAt, a.completed_at AS completedAt,
              (SELECT count(*) FROM items it WHERE it.response_id = r.id) AS criteria,
              (SELECT count(*) FROM items it JOIN annotations n ON n.item_id = it.id AND n.annotator_id = a.annotator_id
                WHERE it.response_id = r.id AND n.status = 'submitted') AS submitted,
              (SELECT count(*) FROM items it JOIN annotations n ON n.item_id = it.id AND n.annotator_id = a.annotator_id
                WHERE it.response_id = r.id AND n.status = 'draft') AS drafts
         FROM assignments a JOIN responses r ON r.id = a.response_id JOIN instructions i ON i.id = r.instruction_id
        WHERE a.annotator_id = ? ${where}
        ORDER BY a.id DESC LIMIT ? OFFSET ?`,
    )
    .all(annotatorId, limit, offset) as (Omit<WorkQueueRow, 'status'> & { preview: string })[]
  return {
    total,
    rows: rows.map((row) => ({
      ...row,
      criteria: routedItemsFor(db, annotatorId, row.responseId)?.size ?? row.criteria,
      preview: row.preview.length > PREVIEW_CHARS ? `${row.preview.slice(0, PREVIEW_CHARS)}…` : row.preview,
      status: row.completedAt ? 'done' : 'open',
    })),
  }
}
