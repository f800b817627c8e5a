import type { TaskName } from '@shared/api/models'
import type { Db } from '../db'

/** The task taxonomy's names in both languages, so the UI can show an instruction's task path in its language. */
export function listTaskNames(db: Db): TaskName[] {
  return db.prepare('SELECT path, name_en AS nameEn, name_ru AS nameRu FROM tasks ORDER BY path').all() as TaskName[]
}
