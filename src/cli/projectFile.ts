import { openProject, type Db } from '../main/services/db'

/** Opens a project for the span of `work` and always closes it. */
export async function withProject<T>(file: string, options: { readOnly?: boolean; create?: boolean }, work: (db: Db) => Promise<T> | T): Promise<T> {
  const db = openProject(file, options)
  try {
    return await work(db)
  } finally {
    db.close()
  }
}
