import type { ItemSelection } from '@shared/api/judgeModels'
import type { Db } from '../../db'

interface Candidate {
  id: number
  responseId: number
  criterionId: number
}

/** A small seeded PRNG (mulberry32): the same seed draws the same sample. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * The items a selection chooses, in judging order: by answer, then criterion, so that the criteria of one answer
 * are consecutive (one prompt prefix per answer). Filters combine; `sample` draws a seeded subset; `limit` keeps
 * the first N.
 */
export function selectItems(db: Db, selection: ItemSelection): number[] {
  const where: string[] = []
  const params: unknown[] = []
  const list = (column: string, values: readonly unknown[] | undefined) => {
    if (!values) return
    if (values.length === 0) {
      where.push('0')
      return
    }
    where.push(`${column} IN (SELECT value FROM json_each(?))`)
    params.push(JSON.stringify(values))
  }
  list('i.criterion_id', selection.criterionIds)
  list('r.model', selection.models)
  list('r.instruction_id', selection.instructionIds)
  list('i.id', selection.itemIds)
  // A criterion without a scale cannot be judged (there is no rubric and no allowed score).
  where.push('EXISTS (SELECT 1 FROM criterion_levels l WHERE l.criterion_id = i.criterion_id)')
  if (selection.mode === 'unjudged') where.push('NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id)')
  let rows = db
    .prepare(
      `SELECT i.id, i.response_id AS responseId, i.criterion_id AS criterionId FROM items i JOIN responses r ON r.id = i.response_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.response_id, i.criterion_id`,
    )
    .all(...params) as Candidate[]
  if (selection.sample && selection.sample.size < rows.length) {
    const random = mulberry32(selection.sample.seed ?? 1)
    const shuffled = [...rows]
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]]
    }
    rows = shuffled.slice(0, selection.sample.size).sort((a, b) => a.responseId - b.responseId || a.criterionId - b.criterionId)
  }
  if (selection.limit !== undefined) rows = rows.slice(0, selection.limit)
  return rows.map((row) => row.id)
}
