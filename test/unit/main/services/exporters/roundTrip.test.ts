import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ExportFormat, ImportFormat } from '@shared/api/models'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { exportProject } from '../../../../../src/main/services/exporters'
import { importFile } from '../../../../../src/main/services/importers'
import { projectCounts } from '../../../../../src/main/services/project/projectInfo'
import { tempDir } from '../../../../helpers/tempDir'
import { createSmallProject, smallCounts } from './smallProject'

/** Every score as comparable text: instruction, model, criterion, who, score (N/A), rationale. */
function scoreTuples(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT i.external_id || '|' || r.model || '|' || c.external_id || '|' || who || '|' || coalesce(score, 'N/A') || '|' || coalesce(rationale, '')
         FROM (SELECT item_id, 'annotator:' || an.name AS who, a.score, a.rationale FROM annotations a JOIN annotators an ON an.id = a.annotator_id
               UNION ALL
               SELECT item_id, 'judge:' || jr.name, j.score, j.rationale FROM judgments j JOIN judge_runs jr ON jr.id = j.run_id) s
         JOIN items it ON it.id = s.item_id JOIN responses r ON r.id = it.response_id
         JOIN instructions i ON i.id = r.instruction_id JOIN criteria c ON c.id = it.criterion_id`,
    )
    .pluck()
    .all() as string[]
  return rows.sort()
}

const cases: { format: ExportFormat; file: string; importAs: ImportFormat }[] = [
  { format: 'jsonl', file: 'export.jsonl', importAs: 'generic-jsonl' },
  { format: 'csv', file: 'export.csv', importAs: 'generic-csv' },
  { format: 'parquet', file: 'export.parquet', importAs: 'auto' },
]

describe('export → import round trip', () => {
  for (const { format, file, importAs } of cases) {
    it(`keeps every count and score when a ${format} export is imported into a fresh project`, async () => {
      const dir = tempDir()
      const { db: source } = createSmallProject(dir)
      const out = path.join(dir, file)
      await exportProject(source, format, out)
      const fresh = openProject(path.join(dir, 'fresh.castor'), { create: true })
      try {
        await importFile(fresh, out, { format: importAs })
        expect(projectCounts(source)).toEqual(smallCounts)
        expect(projectCounts(fresh)).toEqual(smallCounts)
        expect(scoreTuples(fresh)).toEqual(scoreTuples(source))
        const reference = fresh.prepare("SELECT reference_answer FROM instructions WHERE external_id = 'i1'").pluck().get()
        expect(reference).toBe('4')
        const levels = fresh
          .prepare("SELECT l.score, l.text FROM criterion_levels l JOIN criteria c ON c.id = l.criterion_id WHERE c.external_id = 'correct_answer__14' ORDER BY l.score")
          .all()
        expect(levels).toEqual(source.prepare('SELECT score, text FROM criterion_levels WHERE criterion_id = 1 ORDER BY score').all())
        const names = (db: Db) => db.prepare('SELECT external_id, name FROM criteria ORDER BY external_id').all()
        expect(names(fresh)).toEqual(names(source))
      } finally {
        fresh.close()
        source.close()
      }
    })
  }
})
