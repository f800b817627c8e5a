import type { CriterionDraft, EditableCriterion } from '@shared/api/criteriaModels'
import { CriterionDraft as CriterionDraftSchema } from '@shared/api/criteriaModels'
import { CastorError } from '@shared/api/errors'
import { identityKey } from '@shared/domain/identity'
import { scaleText } from '@shared/domain/rubric'
import type { Db } from '../db'
import { getCriterion } from '../project/browse'

/** Scores that give a criterion's levels their meaning: annotations, judgments, final scores and published gold scores. */
export function scoresOn(db: Db, criterionId: number): number {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM annotations a JOIN items i ON i.id = a.item_id WHERE i.criterion_id = @id)
            + (SELECT count(*) FROM judgments j JOIN items i ON i.id = j.item_id WHERE i.criterion_id = @id)
            + (SELECT count(*) FROM adjudications d JOIN items i ON i.id = d.item_id WHERE i.criterion_id = @id)
            + (SELECT count(*) FROM items i WHERE i.criterion_id = @id AND i.gold_score IS NOT NULL)`,
    )
    .pluck()
    .get({ id: criterionId }) as number
}

export function editableCriterion(db: Db, id: number): EditableCriterion {
  const criterion = getCriterion(db, id)
  const allowed = db.prepare('SELECT not_applicable_allowed FROM criteria WHERE id = ?').pluck().get(id) as number
  return { ...criterion, notApplicableAllowed: allowed === 1, scores: scoresOn(db, id) }
}

export function editableCriteria(db: Db): EditableCriterion[] {
  const ids = db.prepare('SELECT id FROM criteria ORDER BY id').pluck().all() as number[]
  return ids.map((id) => editableCriterion(db, id))
}

/** A new criterion's external id: its name, or `name #2`, `#3`… when another criterion has it (compared by identityKey). */
function freeExternalId(db: Db, name: string): string {
  const taken = new Set((db.prepare('SELECT external_id FROM criteria').pluck().all() as string[]).map(identityKey))
  if (!taken.has(identityKey(name))) return name
  for (let n = 2; ; n++) if (!taken.has(identityKey(`${name} #${n}`))) return `${name} #${n}`
}

function checkLevels(draft: ReturnType<typeof CriterionDraftSchema.parse>): void {
  const seen = new Set<number>()
  for (const level of draft.levels) {
    if (seen.has(level.score)) throw new CastorError('invalid-input', `Score ${level.score} is given twice`, { field: 'levels', value: level.score })
    seen.add(level.score)
    if (!level.text.trim()) throw new CastorError('invalid-input', `Level ${level.score} needs a text`, { field: 'levels', value: level.score })
  }
}

/**
 * Writes a criterion inside the caller's transaction. A new one gets a free external id. An existing one may be
 * renamed and its texts edited at any time, but its scale (the set of scores) only while nothing was scored on it:
 * otherwise `conflict`, saying why and that a duplicate is the way to a new scale.
 */
export function saveCriterion(db: Db, id: number | undefined, input: CriterionDraft): EditableCriterion {
  const draft = CriterionDraftSchema.parse(input)
  checkLevels(draft)
  const levels = [...draft.levels].sort((a, b) => a.score - b.score)
  if (id === undefined) {
    const created = db
      .prepare('INSERT INTO criteria (external_id, name, description, group_name, language, not_applicable_allowed) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
      .pluck()
      .get(freeExternalId(db, draft.name), draft.name, draft.description, draft.group, 'ru', draft.notApplicableAllowed ? 1 : 0) as number
    const insertLevel = db.prepare('INSERT INTO criterion_levels (criterion_id, score, text) VALUES (?, ?, ?)')
    for (const level of levels) insertLevel.run(created, level.score, level.text)
    return editableCriterion(db, created)
  }
  const current = editableCriterion(db, id)
  if (scaleText(current.levels) !== scaleText(levels)) {
    if (current.scores > 0) {
      throw new CastorError(
        'conflict',
        `"${current.name}" has ${current.scores} scores on the scale ${scaleText(current.levels)}; changing it to ${scaleText(levels)} would change what they mean. Duplicate it as a new criterion instead.`,
        { field: 'levels', value: scaleText(levels) },
      )
    }
    db.prepare('DELETE FROM criterion_levels WHERE criterion_id = ?').run(id)
  }
  const upsertLevel = db.prepare('INSERT INTO criterion_levels (criterion_id, score, text) VALUES (?, ?, ?) ON CONFLICT (criterion_id, score) DO UPDATE SET text = excluded.text')
  for (const level of levels) upsertLevel.run(id, level.score, level.text)
  db.prepare('UPDATE criteria SET name = ?, description = ?, group_name = ?, not_applicable_allowed = ? WHERE id = ?').run(
    draft.name,
    draft.description,
    draft.group,
    draft.notApplicableAllowed ? 1 : 0,
    id,
  )
  return editableCriterion(db, id)
}

/** A copy of a criterion (texts, levels, translations) under a new external id, with no items or scores. */
export function duplicateCriterion(db: Db, id: number, name?: string): EditableCriterion {
  const source = editableCriterion(db, id)
  const newName = name ?? source.name
  const created = db
    .prepare(
      'INSERT INTO criteria (external_id, name, description, group_name, language, translations, not_applicable_allowed) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
    )
    .pluck()
    .get(
      freeExternalId(db, newName),
      newName,
      source.description,
      source.group,
      source.language,
      source.translations ? JSON.stringify(source.translations) : null,
      source.notApplicableAllowed ? 1 : 0,
    ) as number
  const insertLevel = db.prepare('INSERT INTO criterion_levels (criterion_id, score, text) VALUES (?, ?, ?)')
  for (const level of source.levels) insertLevel.run(created, level.score, level.text)
  return editableCriterion(db, created)
}
