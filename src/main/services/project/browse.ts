import type { Criterion, Instruction, InstructionRow, ItemDetail, ItemRow, ResponseRow } from '@shared/api/models'
import { CastorError } from '@shared/api/errors'
import type { Db } from '../db'

const PREVIEW_CHARS = 160

const preview = (text: string) => (text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text)

/** Read-only queries behind the browse screens: instructions → answers → criteria → item. */
export function listInstructions(
  db: Db,
  { offset, limit, search }: { offset: number; limit: number; search?: string },
): { total: number; rows: InstructionRow[] } {
  const whereSql = search ? "WHERE i.text LIKE @pattern ESCAPE '\\' OR i.external_id LIKE @pattern ESCAPE '\\'" : ''
  const params = { pattern: `%${(search ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`, offset, limit }
  const total = db.prepare(`SELECT count(*) FROM instructions i ${whereSql}`).pluck().get(search ? { pattern: params.pattern } : {}) as number
  const rows = db
    .prepare(
      `SELECT i.id, i.external_id AS externalId, substr(i.text, 1, ${PREVIEW_CHARS + 1}) AS text,
              i.task_path AS taskPath, i.difficulty, i.domain,
              (SELECT count(*) FROM responses r WHERE r.instruction_id = i.id) AS responses,
              (SELECT count(*) FROM responses r JOIN items it ON it.response_id = r.id WHERE r.instruction_id = i.id) AS items,
              (SELECT count(*) FROM responses r JOIN items it ON it.response_id = r.id JOIN annotations a ON a.item_id = it.id
                WHERE r.instruction_id = i.id) AS annotations
         FROM instructions i ${whereSql}
        ORDER BY i.id LIMIT @limit OFFSET @offset`,
    )
    .all(params) as (Omit<InstructionRow, 'preview'> & { text: string })[]
  return { total, rows: rows.map(({ text, ...row }) => ({ ...row, preview: preview(text) })) }
}

export function getInstruction(db: Db, id: number): { instruction: Instruction; responses: ResponseRow[] } {
  const row = db
    .prepare(
      `SELECT id, external_id AS externalId, text, reference_answer AS referenceAnswer, task_path AS taskPath,
              difficulty, domain, meta FROM instructions WHERE id = ?`,
    )
    .get(id) as (Omit<Instruction, 'meta'> & { meta: string | null }) | undefined
  if (!row) throw new CastorError('not-found', `No instruction ${id}`)
  const responses = db
    .prepare(
      `SELECT r.id, r.model, substr(r.text, 1, ${PREVIEW_CHARS + 1}) AS text,
              (SELECT count(*) FROM items it WHERE it.response_id = r.id) AS items,
              (SELECT count(*) FROM items it JOIN annotations a ON a.item_id = it.id WHERE it.response_id = r.id) AS annotations,
              (SELECT count(*) FROM items it JOIN judgments j ON j.item_id = it.id WHERE it.response_id = r.id AND j.error IS NULL) AS judgments,
              (SELECT count(*) FROM items it JOIN judgments j ON j.item_id = it.id WHERE it.response_id = r.id AND j.error IS NOT NULL) AS judgmentErrors
         FROM responses r WHERE r.instruction_id = ? ORDER BY r.model`,
    )
    .all(id) as (Omit<ResponseRow, 'preview'> & { text: string })[]
  return {
    instruction: { ...row, meta: row.meta ? (JSON.parse(row.meta) as Record<string, unknown>) : null },
    responses: responses.map(({ text, ...r }) => ({ ...r, preview: preview(text) })),
  }
}

export function getResponseItems(db: Db, responseId: number): { response: { id: number; model: string; text: string }; items: ItemRow[] } {
  const response = db.prepare('SELECT id, model, text FROM responses WHERE id = ?').get(responseId) as
    | { id: number; model: string; text: string }
    | undefined
  if (!response) throw new CastorError('not-found', `No answer ${responseId}`)
  const items = db
    .prepare(
      `SELECT it.id, c.id AS criterionId, c.name AS criterionName, c.group_name AS criterionGroup,
              (SELECT count(*) FROM annotations a WHERE a.item_id = it.id) AS annotations,
              (SELECT count(*) FROM judgments j WHERE j.item_id = it.id AND j.error IS NULL) AS judgments,
              (SELECT count(*) FROM judgments j WHERE j.item_id = it.id AND j.error IS NOT NULL) AS judgmentErrors,
              (SELECT avg(a.score) FROM annotations a WHERE a.item_id = it.id AND a.status = 'submitted' AND a.not_applicable = 0) AS meanScore,
              (SELECT ci.score FROM control_items ci WHERE ci.item_id = it.id) AS controlScore
         FROM items it JOIN criteria c ON c.id = it.criterion_id
        WHERE it.response_id = ? ORDER BY it.id`,
    )
    .all(responseId) as ItemRow[]
  return { response, items }
}

interface CriterionRow {
  id: number
  externalId: string
  name: string
  description: string | null
  group: string | null
  language: string
  translations: string | null
}

const criterionColumns = `c.id, c.external_id AS externalId, c.name, c.description, c.group_name AS "group", c.language, c.translations`

function toCriterion(db: Db, row: CriterionRow): Criterion {
  const levels = db.prepare('SELECT score, text FROM criterion_levels WHERE criterion_id = ? ORDER BY score').all(row.id) as {
    score: number
    text: string
  }[]
  return { ...row, levels, translations: row.translations ? (JSON.parse(row.translations) as Record<string, unknown>) : null }
}

export function getCriterion(db: Db, id: number): Criterion {
  const row = db.prepare(`SELECT ${criterionColumns} FROM criteria c WHERE c.id = ?`).get(id) as CriterionRow | undefined
  if (!row) throw new CastorError('not-found', `No criterion ${id}`)
  return toCriterion(db, row)
}

export function listCriteria(db: Db): (Criterion & { items: number })[] {
  const rows = db
    .prepare(`SELECT ${criterionColumns}, (SELECT count(*) FROM items it WHERE it.criterion_id = c.id) AS items FROM criteria c ORDER BY c.id`)
    .all() as (CriterionRow & { items: number })[]
  return rows.map((row) => ({ ...toCriterion(db, row), items: row.items }))
}

export function getItem(db: Db, id: number): ItemDetail {
  const item = db.prepare('SELECT id, response_id AS responseId, criterion_id AS criterionId, gold_score AS goldScore FROM items WHERE id = ?').get(id) as
    | { id: number; responseId: number; criterionId: number; goldScore: number | null }
    | undefined
  if (!item) throw new CastorError('not-found', `No item ${id}`)
  const response = db.prepare('SELECT id, model, text, instruction_id AS instructionId FROM responses WHERE id = ?').get(item.responseId) as {
    id: number
    model: string
    text: string
    instructionId: number
  }
  const { instruction } = getInstruction(db, response.instructionId)
  const annotations = db
    .prepare(
      `SELECT a.id, an.name AS annotator, a.score, a.not_applicable AS notApplicable, a.rationale,
              a.time_spent_ms AS timeSpentMs, a.status, a.updated_at AS updatedAt
         FROM annotations a JOIN annotators an ON an.id = a.annotator_id WHERE a.item_id = ? ORDER BY an.name`,
    )
    .all(id) as (Omit<ItemDetail['annotations'][number], 'notApplicable'> & { notApplicable: number })[]
  const judgments = db
    .prepare(
      `SELECT j.id, r.name AS run, r.model, j.score, j.not_applicable AS notApplicable, j.rationale, j.error
         FROM judgments j JOIN judge_runs r ON r.id = j.run_id WHERE j.item_id = ? ORDER BY r.name`,
    )
    .all(id) as (Omit<ItemDetail['judgments'][number], 'notApplicable'> & { notApplicable: number })[]
  const siblings = db
    .prepare('SELECT it.id, c.name AS criterionName FROM items it JOIN criteria c ON c.id = it.criterion_id WHERE it.response_id = ? ORDER BY it.id')
    .all(item.responseId) as { id: number; criterionName: string }[]
  return {
    id: item.id,
    instruction,
    response: { id: response.id, model: response.model, text: response.text },
    criterion: getCriterion(db, item.criterionId),
    goldScore: item.goldScore,
    annotations: annotations.map((a) => ({ ...a, notApplicable: a.notApplicable === 1 })),
    judgments: judgments.map((j) => ({ ...j, notApplicable: j.notApplicable === 1 })),
    siblings,
    control: (db.prepare('SELECT score, note FROM control_items WHERE item_id = ?').get(id) as { score: number; note: string | null } | undefined) ?? null,
  }
}
