import fs from 'node:fs'
import type { Bilingual, LibraryCriterion, LibraryTask, PolluxLibraryView } from '@shared/api/criteriaModels'
import { CastorError } from '@shared/api/errors'
import type { Db } from '../db'
import { importPolluxCriteria } from '../importers/formats/polluxCriteria'
import { importPolluxTasks } from '../importers/formats/polluxTasks'
import { ImportProgress } from '../importers/progress'
import { polluxLibraryFile, polluxLibraryName } from '../pollux/library'

type Json = Record<string, unknown>

const CHILD_KEYS = ['tasks', 'subtasks_l1', 'subtasks_l2'] as const

function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Json
}

function bilingual(value: unknown): Bilingual {
  if (typeof value === 'string') return { ru: null, en: value }
  const record = (value && typeof value === 'object' ? value : {}) as Json
  return { ru: typeof record.ru === 'string' ? record.ru : null, en: typeof record.en === 'string' ? record.en : null }
}

let cached: { dir: string; view: PolluxLibraryView; criteria: Json; tasks: Json } | null = null

/** The shipped POLLUX taxonomies, read once per process (per CASTOR_POLLUX_DIR). */
function library(): { view: PolluxLibraryView; criteria: Json; tasks: Json } {
  const criteriaFile = polluxLibraryFile('pollux-criteria')
  if (cached?.dir === criteriaFile) return cached
  const criteria = readJson(criteriaFile)
  const tasks = readJson(polluxLibraryFile('pollux-tasks'))
  const taskList: LibraryTask[] = []
  const visit = (key: string, node: Json, parentPath: string | null, level: number) => {
    const path = parentPath ? `${parentPath} / ${key}` : key
    const ids = Array.isArray(node.criteria) ? node.criteria.filter((id): id is string => typeof id === 'string') : []
    taskList.push({ path, parentPath, level, name: { ...bilingual(node.name), en: bilingual(node.name).en ?? key }, description: bilingual(node.desc), criteria: ids })
    for (const childKey of CHILD_KEYS) {
      const children = node[childKey]
      if (children && typeof children === 'object') for (const [name, child] of Object.entries(children as Json)) visit(name, child as Json, path, level + 1)
    }
  }
  for (const [key, node] of Object.entries(tasks)) visit(key, node as Json, null, 1)
  const criterionList: LibraryCriterion[] = Object.entries(criteria).map(([externalId, value]) => {
    const entry = value as Json
    const scale = (entry.scale ?? {}) as Json
    return { externalId, name: bilingual(entry.name), group: bilingual(entry.crit_group), levels: Object.keys((scale.ru ?? {}) as Json).length }
  })
  cached = { dir: criteriaFile, view: { tasks: taskList, criteria: criterionList }, criteria, tasks }
  return cached
}

export function polluxLibraryView(): PolluxLibraryView {
  return library().view
}

/** The criteria of the chosen tasks and every task under them, in library order (general ones first, as POLLUX lists them). */
export function criteriaOfTasks(taskPaths: readonly string[]): string[] {
  const { view } = library()
  const ids = new Set<string>()
  for (const chosen of taskPaths) {
    const matching = view.tasks.filter((task) => task.path === chosen || task.path.startsWith(`${chosen} / `))
    if (matching.length === 0) throw new CastorError('invalid-input', `The POLLUX task tree has no task "${chosen}"`, { field: 'taskPaths', value: chosen })
    for (const task of matching) for (const id of task.criteria) ids.add(id)
  }
  return [...ids]
}

/**
 * Stores the chosen library criteria (and the whole task tree, for task names and guidelines) in the project,
 * inside the caller's transaction. Returns the external ids, tasks' criteria first. Idempotent.
 */
export function addLibraryCriteria(db: Db, taskPaths: readonly string[], criterionIds: readonly string[]): string[] {
  const { criteria, tasks } = library()
  const ids = [...new Set([...criteriaOfTasks(taskPaths), ...criterionIds])]
  for (const id of ids) {
    if (!Object.prototype.hasOwnProperty.call(criteria, id)) {
      throw new CastorError('invalid-input', `The POLLUX library has no criterion "${id}"`, { field: 'criterionIds', value: id })
    }
  }
  if (ids.length === 0) throw new CastorError('invalid-input', 'Choose at least one task or criterion', { field: 'taskPaths' })
  const tasksInput = { name: polluxLibraryName('pollux-tasks'), unit: 'record' as const }
  importPolluxTasks(db, tasksInput, tasks, new ImportProgress(tasksInput.name, null))
  const criteriaInput = { name: polluxLibraryName('pollux-criteria'), unit: 'record' as const }
  importPolluxCriteria(db, criteriaInput, Object.fromEntries(ids.map((id) => [id, criteria[id]])), new ImportProgress(criteriaInput.name, null))
  return ids
}
