import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ExportFormat, ImportFormat } from '@shared/api/models'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { exportProject } from '../../../../../src/main/services/exporters'
import { importFile } from '../../../../../src/main/services/importers'
import { projectCounts } from '../../../../../src/main/services/project/projectInfo'
import { tempDir } from '../../../../helpers/tempDir'
import { createSmallProject, smallCounts } from './smallProject'
import { addScoreStates, finalTuples, scoreTuples } from './scoreStates'

const cases: { format: ExportFormat; file: string; importAs: ImportFormat }[] = [
  { format: 'jsonl', file: 'export.jsonl', importAs: 'generic-jsonl' },
  { format: 'csv', file: 'export.csv', importAs: 'auto' },
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

  for (const { format, file, importAs } of cases) {
    it(`keeps statuses, failed judgments, drafts, active time, first submissions, probabilities, final scores and formula-like texts through ${format}`, async () => {
      const dir = tempDir()
      const { db: source } = createSmallProject(dir)
      addScoreStates(source)
      const out = path.join(dir, file)
      await exportProject(source, format, out)
      const fresh = openProject(path.join(dir, 'fresh.castor'), { create: true })
      try {
        await importFile(fresh, out, { format: importAs })
        expect(projectCounts(fresh)).toEqual(projectCounts(source))
        expect(scoreTuples(fresh)).toEqual(scoreTuples(source))
        expect(finalTuples(fresh)).toEqual(finalTuples(source))
        expect(finalTuples(fresh)).toHaveLength(2)
        const failed = fresh.prepare('SELECT score, not_applicable, error FROM judgments WHERE error IS NOT NULL').all()
        expect(failed).toEqual([{ score: null, not_applicable: 0, error: 'the prompt (841 tokens) plus 4096 output tokens does not fit' }])
        expect(fresh.prepare("SELECT count(*) FROM annotations WHERE status = 'draft'").pluck().get()).toBe(1)
      } finally {
        fresh.close()
        source.close()
      }
    })
  }

  it('imports a raw CSV (--raw-csv) back exactly too', async () => {
    const dir = tempDir()
    const { db: source } = createSmallProject(dir)
    addScoreStates(source)
    const out = path.join(dir, 'raw.csv')
    await exportProject(source, 'csv', out, { rawCsv: true, bom: false })
    expect(fs.readFileSync(out, 'utf8')).toContain('"=HYPERLINK(""http://evil.example"",""клик"")"')
    const fresh = openProject(path.join(dir, 'fresh.castor'), { create: true })
    try {
      await importFile(fresh, out, { format: 'generic-csv' })
      expect(scoreTuples(fresh)).toEqual(scoreTuples(source))
    } finally {
      fresh.close()
      source.close()
    }
  })
})
