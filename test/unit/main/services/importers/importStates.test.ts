import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CastorError } from '@shared/api/errors'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { projectCounts } from '../../../../../src/main/services/project/projectInfo'
import { tempDir } from '../../../../helpers/tempDir'

let db: Db | undefined
afterEach(() => db?.close())

const base = { instruction_id: 'q1', instruction: 'Вопрос', model: 'm', answer: 'Ответ', criterion: 'c', rubric: { '0': 'нет', '1': 'да' } }

async function importRows(rows: Record<string, unknown>[]): Promise<CastorError | null> {
  const dir = tempDir()
  const file = path.join(dir, 'rows.jsonl')
  fs.writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n') + '\n')
  db = openProject(path.join(dir, 'p.castor'), { create: true })
  return importFile(db, file, { format: 'generic-jsonl' }).then(
    () => null,
    (error: unknown) => error as CastorError,
  )
}

describe('the long format state columns on import', () => {
  const refused: [string, Record<string, unknown>[], string, string][] = [
    ['a failed annotation', [{ ...base, annotator: 'Анна', status: 'error', error: 'x' }], 'status', 'only on judge rows'],
    ['a failed judgment with a score', [{ ...base, judge: 'j', status: 'error', score: 1, error: 'x' }], 'score', 'must be empty when status is "error"'],
    ['a failed judgment without its reason', [{ ...base, judge: 'j', status: 'error' }], 'error', 'is missing'],
    ['an error text on a scored row', [{ ...base, judge: 'j', status: 'scored', score: 1, error: 'x' }], 'error', 'only with status "error"'],
    ['"scored" with N/A', [{ ...base, annotator: 'Анна', status: 'scored', score: 'N/A' }], 'score', 'must be a score'],
    ['"not_applicable" with a score', [{ ...base, annotator: 'Анна', status: 'not_applicable', score: 1 }], 'score', 'must be empty or N/A'],
    ['an unknown status', [{ ...base, annotator: 'Анна', status: 'maybe', score: 1 }], 'status', 'must be one of scored, not_applicable, error'],
    ['a first submission of a draft', [{ ...base, annotator: 'Анна', score: 1, annotation_status: 'draft', first_status: 'scored', first_score: 0 }], 'first_status', 'only on a submitted annotation'],
    ['a first score off the scale', [{ ...base, annotator: 'Анна', score: 1, first_status: 'scored', first_score: 5 }], 'first_score', 'not on the scale'],
    ['negative active time', [{ ...base, annotator: 'Анна', score: 1, active_ms: -5 }], 'active_ms', 'whole number of milliseconds'],
    ['probabilities that are not an object', [{ ...base, judge: 'j', score: 1, score_probabilities: '[1]' }], 'score_probabilities', 'must be an object'],
    [
      'two final scores for one item',
      [
        { ...base, annotator: 'Анна', score: 1, final_status: 'scored', final_score: 1 },
        { ...base, annotator: 'Борис', score: 0, final_status: 'scored', final_score: 0 },
      ],
      'final_score',
      'differs from the final score given for the same item on line 1',
    ],
  ]
  for (const [what, rows, field, reason] of refused) {
    it(`refuses ${what}, naming the line and field, and changes nothing`, async () => {
      const error = await importRows(rows)
      expect(error).toBeInstanceOf(CastorError)
      expect(error!.message).toContain('rows.jsonl, line')
      expect(error!.location).toMatchObject({ field })
      expect(error!.message).toContain(reason)
      expect(projectCounts(db!)).toMatchObject({ instructions: 0, annotations: 0, judgments: 0, judgmentErrors: 0 })
    })
  }

  it('reads a failed judgment as an error, a draft as a draft, and the final score of a bare item', async () => {
    const error = await importRows([
      { ...base, judge: 'j', status: 'error', error: 'context overflow' },
      { ...base, annotator: 'Анна', status: 'not_applicable', annotation_status: 'draft', active_ms: '900' },
      { ...base, model: 'm2', final_status: 'not_applicable', final_note: 'вне темы' },
    ])
    expect(error).toBeNull()
    expect(projectCounts(db!)).toMatchObject({ judgments: 0, judgmentErrors: 1, annotations: 1 })
    expect(db!.prepare('SELECT score, not_applicable, status, time_spent_ms FROM annotations').get()).toEqual({ score: null, not_applicable: 1, status: 'draft', time_spent_ms: 900 })
    expect(db!.prepare('SELECT score, not_applicable, note FROM adjudications').get()).toEqual({ score: null, not_applicable: 1, note: 'вне темы' })
  })
})
