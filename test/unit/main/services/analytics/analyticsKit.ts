import path from 'node:path'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { repoRoot } from '../../../../helpers/cli'
import { tempDir } from '../../../../helpers/tempDir'

/** The analytics fixture: 6 instructions × 3 models × 3 criteria, experts Анна and Борис, run judge-analytics. */
export const ANALYTICS_SCORES = path.join(repoRoot, 'test/fixtures/analytics/scores.jsonl')
export const XSS_CRITERION = '<script>alert("x")</script>'

export async function analyticsProject(): Promise<{ db: Db; file: string }> {
  const file = path.join(tempDir(), 'analytics.castor')
  const db = openProject(file, { create: true })
  await importFile(db, ANALYTICS_SCORES, { format: 'generic-jsonl' })
  return { db, file }
}
