import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CastorError } from '@shared/api/errors'
import type { ExportFormat, ImportFormat } from '@shared/api/models'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { exportProject } from '../../../../../src/main/services/exporters'
import { importFile } from '../../../../../src/main/services/importers'
import { projectCounts } from '../../../../../src/main/services/project/projectInfo'
import { tempDir } from '../../../../helpers/tempDir'
import { createSmallProject } from './smallProject'

const cases: { format: ExportFormat; file: string; importAs: ImportFormat }[] = [
  { format: 'jsonl', file: 'export.jsonl', importAs: 'generic-jsonl' },
  { format: 'csv', file: 'export.csv', importAs: 'auto' },
  { format: 'parquet', file: 'export.parquet', importAs: 'auto' },
]

/** (instruction, model, criterion, annotator, assisted) of every annotation, sorted. */
function assistedTuples(db: Db): string[] {
  return (
    db
      .prepare(
        `SELECT json_array(i.external_id, r.model, c.external_id, an.name, a.assisted) FROM annotations a
           JOIN annotators an ON an.id = a.annotator_id JOIN items it ON it.id = a.item_id JOIN criteria c ON c.id = it.criterion_id
           JOIN responses r ON r.id = it.response_id JOIN instructions i ON i.id = r.instruction_id`,
      )
      .pluck()
      .all() as string[]
  ).sort()
}

describe('assisted scores through the long formats', () => {
  for (const { format, file, importAs } of cases) {
    it(`a ${format} export carries assisted per annotator row and a re-import keeps blind vs assisted`, async () => {
      const dir = tempDir()
      const { db: source } = createSmallProject(dir)
      // every other annotation was given in assisted mode
      source.prepare('UPDATE annotations SET assisted = id % 2').run()
      const assisted = source.prepare('SELECT count(*) FROM annotations WHERE assisted = 1').pluck().get() as number
      expect(assisted).toBeGreaterThan(0)
      expect(assisted).toBeLessThan(source.prepare('SELECT count(*) FROM annotations').pluck().get() as number)
      const out = path.join(dir, file)
      await exportProject(source, format, out)
      const fresh = openProject(path.join(dir, 'fresh.castor'), { create: true })
      try {
        await importFile(fresh, out, { format: importAs })
        expect(assistedTuples(fresh)).toEqual(assistedTuples(source))
        expect(fresh.prepare('SELECT count(*) FROM annotations WHERE assisted = 1').pluck().get()).toBe(assisted)
      } finally {
        fresh.close()
        source.close()
      }
    })
  }

  it('writes assisted: true on assisted annotator rows only (JSONL and the CSV column)', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    db.prepare('UPDATE annotations SET assisted = 1 WHERE id = (SELECT min(id) FROM annotations)').run()
    try {
      await exportProject(db, 'jsonl', path.join(dir, 'e.jsonl'))
      const rows = fs.readFileSync(path.join(dir, 'e.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
      expect(rows.filter((row) => row.assisted === true)).toHaveLength(1)
      expect(rows.filter((row) => row.assisted === true)[0].annotator).toBeTruthy()
      await exportProject(db, 'csv', path.join(dir, 'e.csv'), { bom: false })
      const header = fs.readFileSync(path.join(dir, 'e.csv'), 'utf8').split('\n')[0]
      expect(header.split(',').at(-1)?.trim()).toBe('assisted')
    } finally {
      db.close()
    }
  })

  const base = { instruction_id: 'q1', instruction: 'Вопрос', model: 'm', answer: 'Ответ', criterion: 'c', rubric: { '0': 'нет', '1': 'да' } }
  const refused: [string, Record<string, unknown>, string][] = [
    ['a value that is not true or false', { ...base, annotator: 'Анна', score: 1, assisted: 'yes' }, 'must be true or false'],
    ['assisted on a judge row', { ...base, judge: 'j', score: 1, assisted: true }, 'only on annotator rows'],
  ]
  for (const [what, row, reason] of refused) {
    it(`refuses ${what}, naming the line and field, and changes nothing`, async () => {
      const dir = tempDir()
      const file = path.join(dir, 'rows.jsonl')
      fs.writeFileSync(file, JSON.stringify({ ...base, annotator: 'Борис', score: 0 }) + '\n' + JSON.stringify(row) + '\n')
      const db = openProject(path.join(dir, 'p.castor'), { create: true })
      try {
        const error = await importFile(db, file, { format: 'generic-jsonl' }).then(
          () => null,
          (e: unknown) => e as CastorError,
        )
        expect(error).toBeInstanceOf(CastorError)
        expect(error!.message).toContain('rows.jsonl, line 2')
        expect(error!.location).toMatchObject({ field: 'assisted' })
        expect(error!.message).toContain(reason)
        expect(projectCounts(db)).toMatchObject({ instructions: 0, annotations: 0 })
      } finally {
        db.close()
      }
    })
  }
})
