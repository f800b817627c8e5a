import type { AnswerGuidance, Bilingual, Guidance, Guideline, GuidelineTarget } from '@shared/api/criteriaModels'
import { CastorError } from '@shared/api/errors'
import type { Db } from '../db'
import { polluxLibraryView } from './library'

interface GuidelineRow {
  id: number
  text: string
  version: number
  updatedAt: string
}

const SELECT = 'SELECT id, text, version, updated_at AS updatedAt FROM guidelines'

function row(db: Db, target: GuidelineTarget): GuidelineRow | undefined {
  switch (target.scope) {
    case 'project':
      return db.prepare(`${SELECT} WHERE scope = 'project'`).get() as GuidelineRow | undefined
    case 'task':
      return db.prepare(`${SELECT} WHERE scope = 'task' AND task_path = ?`).get(target.taskPath) as GuidelineRow | undefined
    case 'criterion':
      return db.prepare(`${SELECT} WHERE scope = 'criterion' AND criterion_id = ?`).get(target.criterionId) as GuidelineRow | undefined
  }
}

/** The POLLUX description of a task, in the language the project's instructions are in (Russian), English otherwise. */
function taskDescription(db: Db, taskPath: string): string | null {
  const task = (db.prepare('SELECT desc_ru AS ru, desc_en AS en FROM tasks WHERE path = ?').get(taskPath) as Bilingual | undefined) ?? libraryTask(taskPath)?.description
  return task ? (task.ru ?? task.en) : null
}

/** A task of the shipped library, for projects whose tasks table lacks it (nothing was taken from the library yet). */
function libraryTask(taskPath: string) {
  return polluxLibraryView().tasks.find((task) => task.path === taskPath)
}

/** A guideline as a lead edits it: the written text, else the default (a task's POLLUX description), else empty. */
export function getGuideline(db: Db, target: GuidelineTarget): Guideline {
  const written = row(db, target)
  if (written) return { text: written.text, version: written.version, source: 'lead', updatedAt: written.updatedAt }
  const fallback = target.scope === 'task' ? taskDescription(db, target.taskPath) : null
  return fallback ? { text: fallback, version: 0, source: 'pollux', updatedAt: null } : { text: '', version: 0, source: 'none', updatedAt: null }
}

/** Writes a guideline inside the caller's transaction; every change of text is a new version. */
export function saveGuideline(db: Db, target: GuidelineTarget, text: string): Guideline {
  if (target.scope === 'criterion' && !db.prepare('SELECT 1 FROM criteria WHERE id = ?').pluck().get(target.criterionId)) {
    throw new CastorError('not-found', `No criterion ${target.criterionId}`)
  }
  const existing = row(db, target)
  if (existing) {
    db.prepare("UPDATE guidelines SET text = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND text IS NOT ?").run(
      text,
      existing.id,
      text,
    )
  } else {
    db.prepare('INSERT INTO guidelines (scope, task_path, criterion_id, text) VALUES (?, ?, ?, ?)').run(
      target.scope,
      target.scope === 'task' ? target.taskPath : null,
      target.scope === 'criterion' ? target.criterionId : null,
      text,
    )
  }
  return getGuideline(db, target)
}

/**
 * What an annotator reads beside an answer: its task path with names, the project, task and criterion guidelines,
 * each flagged `updated` when it changed since the annotator last saw it; then records these versions as seen.
 * Runs inside the caller's write transaction. Carries no score.
 */
export function answerGuidance(db: Db, annotatorId: number, responseId: number): AnswerGuidance {
  const instruction = db
    .prepare('SELECT i.task_path AS taskPath FROM responses r JOIN instructions i ON i.id = r.instruction_id WHERE r.id = ?')
    .get(responseId) as { taskPath: string | null } | undefined
  if (!instruction) throw new CastorError('not-found', `No answer ${responseId}`)
  const seenVersion = db.prepare('SELECT version FROM guideline_views WHERE annotator_id = ? AND guideline_id = ?').pluck()
  const markSeen = db.prepare(
    'INSERT INTO guideline_views (annotator_id, guideline_id, version) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET version = excluded.version',
  )
  const guidance = (target: GuidelineTarget): Guidance | null => {
    const written = row(db, target)
    if (!written) {
      const fallback = getGuideline(db, target)
      return fallback.source === 'none' ? null : { text: fallback.text, version: 0, source: fallback.source, updated: false }
    }
    const seen = seenVersion.get(annotatorId, written.id) as number | undefined
    markSeen.run(annotatorId, written.id, written.version)
    return { text: written.text, version: written.version, source: 'lead', updated: seen !== undefined && seen < written.version }
  }
  const taskPath = instruction.taskPath
  const taskLevels: Bilingual[] = []
  if (taskPath) {
    const levels = taskPath.split(' / ')
    const names = db.prepare('SELECT name_ru AS ru, name_en AS en FROM tasks WHERE path = ?')
    levels.forEach((level, index) => {
      const prefix = levels.slice(0, index + 1).join(' / ')
      const known = (names.get(prefix) as Bilingual | undefined) ?? libraryTask(prefix)?.name
      taskLevels.push(known ?? { ru: null, en: level })
    })
  }
  const criteria: AnswerGuidance['criteria'] = {}
  const criterionRows = db
    .prepare('SELECT c.id, c.not_applicable_allowed AS allowed FROM items it JOIN criteria c ON c.id = it.criterion_id WHERE it.response_id = ? ORDER BY it.id')
    .all(responseId) as { id: number; allowed: number }[]
  for (const criterion of criterionRows) {
    criteria[String(criterion.id)] = { guideline: guidance({ scope: 'criterion', criterionId: criterion.id }), notApplicableAllowed: criterion.allowed === 1 }
  }
  return {
    taskPath,
    taskLevels,
    project: guidance({ scope: 'project' }),
    task: taskPath ? guidance({ scope: 'task', taskPath }) : null,
    criteria,
  }
}
