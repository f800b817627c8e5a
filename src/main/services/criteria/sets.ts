import type { CriteriaSet, ExpansionResult, SetTarget } from '@shared/api/criteriaModels'
import { CastorError } from '@shared/api/errors'
import type { Db } from '../db'
import { scoresOn } from './editor'

/** Columns of `instructions` a target may name directly; any other column is a key of `instructions.meta`. */
const INSTRUCTION_COLUMNS = new Set(['difficulty', 'domain'])

interface TargetRow {
  setId: number
  kind: 'all' | 'task' | 'column'
  column: string | null
  value: string | null
}

function toTarget(row: TargetRow): SetTarget {
  if (row.kind === 'task') return { kind: 'task', path: row.value ?? '' }
  if (row.kind === 'column') return { kind: 'column', column: row.column ?? '', value: row.value ?? '' }
  return { kind: 'all' }
}

export function getCriteriaSet(db: Db, id: number): CriteriaSet {
  const head = db.prepare('SELECT id, name FROM criteria_sets WHERE id = ?').get(id) as { id: number; name: string } | undefined
  if (!head) throw new CastorError('not-found', `No criteria set ${id}`)
  const criteria = (
    db
      .prepare(
        `SELECT c.id, c.external_id AS externalId, c.name FROM criteria_set_members m JOIN criteria c ON c.id = m.criterion_id
          WHERE m.set_id = ? ORDER BY m.position`,
      )
      .all(id) as { id: number; externalId: string; name: string }[]
  ).map((criterion) => ({ ...criterion, scores: scoresOn(db, criterion.id) }))
  const targets = (
    db.prepare('SELECT set_id AS setId, kind, column_name AS "column", value FROM criteria_set_targets WHERE set_id = ? ORDER BY id').all(id) as TargetRow[]
  ).map(toTarget)
  const items = db
    .prepare(
      `SELECT count(*) FROM items it WHERE it.criterion_id IN (SELECT criterion_id FROM criteria_set_members WHERE set_id = ?)`,
    )
    .pluck()
    .get(id) as number
  return { id: head.id, name: head.name, criteria, targets, items }
}

export function listCriteriaSets(db: Db): CriteriaSet[] {
  return (db.prepare('SELECT id FROM criteria_sets ORDER BY id').pluck().all() as number[]).map((id) => getCriteriaSet(db, id))
}

/** Creates or renames a set and replaces its criteria (in the given order), inside the caller's transaction. */
export function saveCriteriaSet(db: Db, id: number | undefined, name: string, criterionIds: readonly number[]): number {
  const clash = db.prepare('SELECT id FROM criteria_sets WHERE name = ?').pluck().get(name) as number | undefined
  if (clash !== undefined && clash !== id) throw new CastorError('conflict', `A criteria set named "${name}" exists already`, { field: 'name', value: name })
  const known = db.prepare('SELECT 1 FROM criteria WHERE id = ?').pluck()
  for (const criterionId of criterionIds) {
    if (!known.get(criterionId)) throw new CastorError('not-found', `No criterion ${criterionId}`, { field: 'criterionIds', value: criterionId })
  }
  let setId = id
  if (setId === undefined) {
    setId = db.prepare('INSERT INTO criteria_sets (name) VALUES (?) RETURNING id').pluck().get(name) as number
  } else {
    if (db.prepare('UPDATE criteria_sets SET name = ? WHERE id = ?').run(name, setId).changes === 0) throw new CastorError('not-found', `No criteria set ${setId}`)
    db.prepare('DELETE FROM criteria_set_members WHERE set_id = ?').run(setId)
  }
  const insert = db.prepare('INSERT OR IGNORE INTO criteria_set_members (set_id, criterion_id, position) VALUES (?, ?, ?)')
  criterionIds.forEach((criterionId, position) => insert.run(setId, criterionId, position))
  return setId
}

/** Records where a set applies (idempotent), inside the caller's transaction. */
export function addSetTarget(db: Db, setId: number, target: SetTarget): void {
  if (!db.prepare('SELECT 1 FROM criteria_sets WHERE id = ?').pluck().get(setId)) throw new CastorError('not-found', `No criteria set ${setId}`)
  const column = target.kind === 'column' ? target.column : null
  const value = target.kind === 'task' ? target.path : target.kind === 'column' ? target.value : null
  db.prepare(
    `INSERT INTO criteria_set_targets (set_id, kind, column_name, value) VALUES (?, ?, ?, ?)
     ON CONFLICT (set_id, kind, coalesce(column_name, ''), coalesce(value, '')) DO NOTHING`,
  ).run(setId, target.kind, column, value)
}

/** SQL that is true when instruction `i` matches target `t` (a row of criteria_set_targets). */
const MATCHES = `(t.kind = 'all'
  OR (t.kind = 'task' AND (i.task_path = t.value OR substr(i.task_path, 1, length(t.value) + 3) = t.value || ' / '))
  OR (t.kind = 'column' AND (
        (t.column_name = 'difficulty' AND i.difficulty = t.value)
     OR (t.column_name = 'domain' AND i.domain = t.value)
     OR (t.column_name NOT IN (${[...INSTRUCTION_COLUMNS].map((c) => `'${c}'`).join(', ')}) AND json_valid(i.meta)
         AND CAST(json_extract(i.meta, '$."' || replace(t.column_name, '"', '') || '"') AS TEXT) = t.value))))`

export interface ExpansionOptions {
  /** Only this set's targets (attach); all sets when absent (after an import). */
  setId?: number
  /**
   * Only instructions with this id or above (after an import: the ones it added). Answers an import adds to older
   * instructions already get their items from `instruction_criteria`, which earlier expansions filled.
   */
  fromInstructionId?: number
  /** Instructions per step; progress is reported and the event loop yielded between steps. */
  chunk?: number
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

/**
 * Gives every answer to the instructions a set applies to an item per criterion of the set, and records the
 * criteria on the instructions (instruction_criteria), so answers imported later get the items too. Runs inside the
 * caller's write transaction; idempotent (existing items and links are left as they are). Steps through
 * instructions by id so that a large project reports progress.
 */
export async function expandCriteriaSets(db: Db, options: ExpansionOptions = {}): Promise<ExpansionResult> {
  const filter = options.setId === undefined ? '' : 'AND t.set_id = @setId'
  const hasTargets = db.prepare(`SELECT 1 FROM criteria_set_targets t WHERE 1 ${filter} LIMIT 1`).pluck().get({ setId: options.setId ?? null })
  if (!hasTargets) return { items: 0, instructions: 0 }
  const bounds = db
    .prepare('SELECT min(id) AS low, max(id) AS high, count(*) AS total FROM instructions WHERE id >= ?')
    .get(options.fromInstructionId ?? 0) as { low: number | null; high: number | null; total: number }
  if (bounds.low === null || bounds.high === null) return { items: 0, instructions: 0 }
  const pairs = `SELECT DISTINCT i.id AS instruction_id, m.criterion_id FROM criteria_set_targets t
      JOIN criteria_set_members m ON m.set_id = t.set_id
      JOIN instructions i ON i.id BETWEEN @from AND @to AND ${MATCHES}
     WHERE 1 ${filter}`
  const link = db.prepare(`INSERT INTO instruction_criteria (instruction_id, criterion_id) ${pairs} ON CONFLICT DO NOTHING`)
  const addItems = db.prepare(
    `INSERT INTO items (response_id, criterion_id)
     SELECT r.id, p.criterion_id FROM (${pairs}) p JOIN responses r ON r.instruction_id = p.instruction_id
     WHERE true ON CONFLICT DO NOTHING`,
  )
  const matched = db.prepare(`SELECT count(DISTINCT instruction_id) FROM (${pairs})`).pluck()
  const inStep = db.prepare('SELECT count(*) FROM instructions WHERE id BETWEEN @from AND @to').pluck()
  const chunk = options.chunk ?? 2000
  const result: ExpansionResult = { items: 0, instructions: 0 }
  let done = 0
  for (let from = bounds.low; from <= bounds.high; from += chunk) {
    const params = { from, to: from + chunk - 1, setId: options.setId ?? null }
    link.run(params)
    result.items += addItems.run(params).changes
    result.instructions += matched.get(params) as number
    done += inStep.get(params) as number
    if (options.onProgress) {
      options.onProgress(done, bounds.total)
      await new Promise((resolve) => setImmediate(resolve))
    }
    if (options.signal?.aborted) throw new CastorError('cancelled', 'Attaching the criteria set was cancelled; the project is unchanged')
  }
  return result
}
