import type { Db } from '../../db'
import { IdentitySpellings } from '../../project/identitySpellings'
import { describeType, type SourceRecord } from '../fields'
import { inputError, type InputFile } from '../importErrors'
import type { ImportProgress } from '../progress'

/** Each level of the POLLUX task tree keeps its children under one of these keys. */
const CHILD_KEYS = ['tasks', 'subtasks_l1', 'subtasks_l2'] as const

/**
 * The POLLUX task taxonomy (metainfo/tasks.json) into the `tasks` table: one row per node, keyed by the path
 * of English names joined by ' / '. Upserts by path (compared by identityKey), so importing it again changes nothing.
 */
export function importPolluxTasks(db: Db, input: InputFile, document: unknown, progress: ImportProgress): void {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw inputError(input, 0, undefined, undefined, 'tasks-not-object', { type: describeType(document) })
  }
  const upsert = db.prepare(`
    INSERT INTO tasks (path, parent_path, level, name_en, name_ru, desc_en, desc_ru, criteria, has_gold, complexity, domain)
    VALUES (@path, @parentPath, @level, @nameEn, @nameRu, @descEn, @descRu, @criteria, @hasGold, @complexity, @domain)
    ON CONFLICT (path) DO UPDATE SET
      parent_path = excluded.parent_path, level = excluded.level, name_en = excluded.name_en, name_ru = excluded.name_ru,
      desc_en = excluded.desc_en, desc_ru = excluded.desc_ru, criteria = excluded.criteria, has_gold = excluded.has_gold,
      complexity = excluded.complexity, domain = excluded.domain
    WHERE (tasks.parent_path, tasks.level, tasks.name_en, tasks.name_ru, tasks.desc_en, tasks.desc_ru, tasks.criteria, tasks.has_gold, tasks.complexity, tasks.domain)
      IS NOT (excluded.parent_path, excluded.level, excluded.name_en, excluded.name_ru, excluded.desc_en, excluded.desc_ru, excluded.criteria, excluded.has_gold, excluded.complexity, excluded.domain)`)
  const paths = new IdentitySpellings(db, 'tasks', 'path')

  const visit = (key: string, value: unknown, parentPath: string | null, level: number) => {
    progress.rows++
    const position = progress.rows
    const path = paths.spelling(parentPath ? `${parentPath} / ${key}` : key)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw inputError(input, position, path, value, 'must-be-object', { type: describeType(value) })
    }
    const node = value as SourceRecord
    const name = texts(node.name)
    const desc = texts(node.desc)
    const criteria = node.criteria
    if (criteria !== undefined && (!Array.isArray(criteria) || criteria.some((id) => typeof id !== 'string'))) {
      throw inputError(input, position, `${path}.criteria`, criteria, 'criterion-id-list')
    }
    upsert.run({
      path,
      parentPath,
      level,
      nameEn: name.en ?? key,
      nameRu: name.ru,
      descEn: desc.en,
      descRu: desc.ru,
      criteria: criteria === undefined ? null : JSON.stringify(criteria),
      hasGold: typeof node.has_gold === 'boolean' ? (node.has_gold ? 1 : 0) : null,
      complexity: node.complexity === undefined ? null : JSON.stringify(node.complexity),
      domain: node.domain === undefined ? null : JSON.stringify(node.domain),
    })
    for (const childKey of CHILD_KEYS) {
      const children = node[childKey]
      if (children === undefined) continue
      if (children === null || typeof children !== 'object' || Array.isArray(children)) {
        throw inputError(input, position, `${path}.${childKey}`, children, 'task-children', { type: describeType(children) })
      }
      for (const [childName, child] of Object.entries(children as SourceRecord)) visit(childName, child, path, level + 1)
    }
  }
  for (const [key, value] of Object.entries(document as SourceRecord)) visit(key, value, null, 1)
  if (progress.rows === 0) throw inputError(input, 0, undefined, undefined, 'no-tasks')
}

function texts(value: unknown): { en: string | null; ru: string | null } {
  if (value === null || typeof value !== 'object') return { en: typeof value === 'string' ? value : null, ru: null }
  const record = value as SourceRecord
  return { en: typeof record.en === 'string' ? record.en : null, ru: typeof record.ru === 'string' ? record.ru : null }
}
