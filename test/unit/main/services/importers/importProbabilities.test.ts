import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CastorError } from '@shared/api/errors'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { exportProject } from '../../../../../src/main/services/exporters'
import { importFile } from '../../../../../src/main/services/importers'
import { tempDir } from '../../../../helpers/tempDir'

const open: Db[] = []
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})

const base = { instruction_id: 'q1', instruction: 'Вопрос', model: 'm', answer: 'Ответ', criterion: 'c', rubric: { '0': 'нет', '1': 'частично', '2': 'да' } }

function project(dir: string, name: string): Db {
  const db = openProject(path.join(dir, name), { create: true })
  open.push(db)
  return db
}

const stored = (db: Db) => db.prepare('SELECT score, score_probabilities AS p FROM judgments').all() as { score: number; p: string | null }[]

describe('the generic long format\'s "probabilities" field', () => {
  it('imports probabilities as the judgment\'s score probabilities and round-trips them through an export (JSONL and CSV)', async () => {
    const dir = tempDir('castor-probabilities-')
    const file = path.join(dir, 'judge.jsonl')
    fs.writeFileSync(file, JSON.stringify({ ...base, judge: 'llm', score: 2, probabilities: { '0': 0.1, '1': 0.2, '2': 0.7 } }) + '\n')
    const db = project(dir, 'a.castor')
    await importFile(db, file, { format: 'generic-jsonl' })
    expect(stored(db)).toEqual([{ score: 2, p: '{"0":0.1,"1":0.2,"2":0.7}' }])

    for (const format of ['jsonl', 'csv'] as const) {
      const out = path.join(dir, `export.${format}`)
      await exportProject(db, format, out)
      const again = project(dir, `b-${format}.castor`)
      await importFile(again, out, { format: format === 'jsonl' ? 'generic-jsonl' : 'generic-csv' })
      expect(stored(again)).toEqual([{ score: 2, p: '{"0":0.1,"1":0.2,"2":0.7}' }])
    }
  })

  it('accepts a probabilities column in a CSV header', async () => {
    const dir = tempDir('castor-probabilities-')
    const file = path.join(dir, 'judge.csv')
    fs.writeFileSync(
      file,
      'instruction_id,instruction,model,answer,criterion,rubric,judge,score,probabilities\n' +
        `q1,Вопрос,m,Ответ,c,"{""0"":""нет"",""1"":""да""}",llm,1,"{""0"":0.25,""1"":0.75}"\n`,
    )
    const db = project(dir, 'c.castor')
    await importFile(db, file, { format: 'generic-csv' })
    expect(stored(db)).toEqual([{ score: 1, p: '{"0":0.25,"1":0.75}' }])
  })

  it('refuses probabilities given twice, or off a judge row, naming the line and field, and imports nothing', async () => {
    const dir = tempDir('castor-probabilities-')
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, judge: 'llm', score: 1, probabilities: { '1': 1 }, score_probabilities: { '1': 1 } }, 'probabilities', 'one column under two names'],
      [{ ...base, annotator: 'Анна', score: 1, probabilities: { '1': 1 } }, 'probabilities', 'only on judge rows'],
      [{ ...base, judge: 'llm', score: 1, probabilities: { '1': 3 } }, 'probabilities', 'a probability from 0 to 1'],
    ]
    for (const [index, [row, field, reason]] of cases.entries()) {
      const file = path.join(dir, `bad${index}.jsonl`)
      fs.writeFileSync(file, JSON.stringify(base) + '\n' + JSON.stringify(row) + '\n')
      const db = project(dir, `bad${index}.castor`)
      const error = await importFile(db, file, { format: 'generic-jsonl' }).then(
        () => null,
        (e: unknown) => e as CastorError,
      )
      expect(error).toBeInstanceOf(CastorError)
      expect(error!.message).toContain(`bad${index}.jsonl, line 2`)
      expect(error!.location).toMatchObject({ field })
      expect(error!.message).toContain(reason)
      expect(db.prepare('SELECT count(*) FROM judgments').pluck().get()).toBe(0)
      expect(db.prepare('SELECT count(*) FROM instructions').pluck().get()).toBe(0)
    }
  })
})
