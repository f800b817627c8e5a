import path from 'node:path'
import type { ProjectCounts, ProjectInfo } from '@shared/api/models'
import { schemaVersion, type Db } from '../db'

/**
 * Row counts of a project. Each is one indexed count (failed judgments through judgments_errors_by_run); fast enough
 * for `castor info` on a 1.2 M-score file.
 */
export function projectCounts(db: Db): ProjectCounts {
  const count = (table: string, where = '') => db.prepare(`SELECT count(*) FROM ${table} ${where}`).pluck().get() as number
  const failed = count('judgments', 'WHERE error IS NOT NULL')
  return {
    instructions: count('instructions'),
    responses: count('responses'),
    criteria: count('criteria'),
    items: count('items'),
    annotators: count('annotators'),
    annotations: count('annotations'),
    judgments: count('judgments') - failed,
    judgmentErrors: failed,
  }
}

export function projectName(db: Db, file: string): string {
  const name = db.prepare("SELECT value FROM project_meta WHERE key = 'name'").pluck().get() as string | undefined
  return name ?? path.basename(file).replace(/\.castor$/i, '')
}

export function projectInfo(db: Db, file: string): ProjectInfo {
  return {
    path: path.resolve(file),
    name: projectName(db, file),
    readOnly: db.readonly,
    schemaVersion: schemaVersion(db),
    counts: projectCounts(db),
  }
}
