import type { CriterionLevel } from '@shared/api/models'
import { parseRubric, scaleText } from '@shared/domain/rubric'
import type { Db } from '../../db'
import { describeType, type SourceRecord } from '../fields'
import { inputError, type InputFile } from '../importErrors'
import type { ImportProgress } from '../progress'

/**
 * The POLLUX criteria taxonomy (metainfo/criteria.json): id → {name, desc, scale, crit_group, …}, each text
 * {en, ru}. Criteria are stored in Russian (their scale is the ru levels) with the English texts as a
 * translation. Upserts by external id, so importing it again changes nothing.
 */
export function importPolluxCriteria(db: Db, input: InputFile, document: unknown, progress: ImportProgress): void {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw inputError(input, 0, undefined, undefined, 'criteria-not-object', { type: describeType(document) })
  }
  const select = db.prepare('SELECT id FROM criteria WHERE external_id = ?').pluck()
  const insert = db.prepare(
    "INSERT INTO criteria (external_id, name, description, group_name, language, translations) VALUES (?, ?, ?, ?, 'ru', ?) RETURNING id",
  ).pluck()
  const update = db.prepare(
    "UPDATE criteria SET name = ?, description = ?, group_name = ?, language = 'ru', translations = ? WHERE id = ? AND (name, description, group_name, language, translations) IS NOT (?, ?, ?, 'ru', ?)",
  )
  const levelsOf = db.prepare('SELECT score, text FROM criterion_levels WHERE criterion_id = ? ORDER BY score')
  const insertLevel = db.prepare('INSERT INTO criterion_levels (criterion_id, score, text) VALUES (?, ?, ?)')
  const updateLevel = db.prepare('UPDATE criterion_levels SET text = ? WHERE criterion_id = ? AND score = ? AND text IS NOT ?')

  let position = 0
  for (const [key, value] of Object.entries(document as SourceRecord)) {
    position++
    const entry = expectObject(input, position, key, value)
    const name = bilingual(input, position, `${key}.name`, entry.name, true)
    const desc = bilingual(input, position, `${key}.desc`, entry.desc, false)
    const group = bilingual(input, position, `${key}.crit_group`, entry.crit_group, false)
    const scale = expectObject(input, position, `${key}.scale`, entry.scale)
    const levels = levelsFrom(input, position, `${key}.scale.ru`, scale.ru)
    const translations = JSON.stringify({ en: { name: name.en, description: desc.en, group: group.en, levels: scale.en ?? null } })
    progress.rows++

    const id = select.get(key) as number | undefined
    if (id === undefined) {
      const created = insert.get(key, name.ru, desc.ru, group.ru, translations) as number
      for (const level of levels) insertLevel.run(created, level.score, level.text)
      continue
    }
    const existing = levelsOf.all(id) as CriterionLevel[]
    if (scaleText(existing) !== scaleText(levels)) {
      throw inputError(input, position, `${key}.scale.ru`, scale.ru, 'scale-conflict', { scale: scaleText(levels), criterion: key, existing: scaleText(existing) }, 'conflict')
    }
    update.run(name.ru, desc.ru, group.ru, translations, id, name.ru, desc.ru, group.ru, translations)
    for (const level of levels) updateLevel.run(level.text, id, level.score, level.text)
  }
  if (position === 0) throw inputError(input, 0, undefined, undefined, 'no-criteria')
}

function expectObject(input: InputFile, position: number, field: string, value: unknown): SourceRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw inputError(input, position, field, value, value === undefined ? 'missing' : 'must-be-object', { type: describeType(value) })
  }
  return value as SourceRecord
}

/** A {en, ru} text; ru is required where `required`, and each present side must be text. */
function bilingual(input: InputFile, position: number, field: string, value: unknown, required: boolean): { en: string | null; ru: string | null } {
  if (value === undefined || value === null) {
    if (required) throw inputError(input, position, field, value, 'missing')
    return { en: null, ru: null }
  }
  const texts = expectObject(input, position, field, value)
  for (const language of ['en', 'ru'] as const) {
    const text = texts[language]
    if (text !== undefined && text !== null && typeof text !== 'string') {
      throw inputError(input, position, `${field}.${language}`, text, 'must-be-text', { type: describeType(text) })
    }
  }
  const ru = (texts.ru as string | undefined) ?? null
  if (required && !ru) throw inputError(input, position, `${field}.ru`, ru, 'missing')
  return { en: (texts.en as string | undefined) ?? null, ru }
}

function levelsFrom(input: InputFile, position: number, field: string, value: unknown): CriterionLevel[] {
  const parsed = parseRubric(value)
  if (!parsed.ok) throw inputError(input, position, field, value, 'not-a-scale', { detail: parsed.reason })
  return parsed.levels
}
