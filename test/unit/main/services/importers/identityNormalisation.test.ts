import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { addAnnotator } from '../../../../../src/main/services/workbench/annotators'
import { genericRow, jsonl, newProject } from './importTestKit'

let db: Db
afterEach(() => db?.close())

const NFC = 'Ёлка-модель'
const NFD = NFC.normalize('NFD')

function importRows(name: string, records: unknown[]) {
  const file = path.join(path.dirname(db.name), name)
  fs.writeFileSync(file, jsonl(records))
  return importFile(db, file)
}

const column = (sql: string) => db.prepare(sql).pluck().all()

describe('text identities compare by identityKey (NFC, no zero-width characters); stored texts stay as given', () => {
  it('takes NFC and NFD spellings of a model, an instruction id and an annotator as one each', async () => {
    ;({ db } = newProject())
    expect(NFD).not.toBe(NFC)
    await importRows('nfc.jsonl', [genericRow({ instruction_id: 'вопрос-й', model: NFC, annotator: 'Йосиф' })])
    const summary = await importRows('nfd.jsonl', [
      genericRow({ instruction_id: 'вопрос-й'.normalize('NFD'), model: NFD, annotator: 'Йосиф'.normalize('NFD'), score: 1 }),
    ])
    expect(summary.added).toMatchObject({ instructions: 0, responses: 0, annotators: 0, annotations: 0 })
    expect(column('SELECT model FROM responses')).toEqual([NFC])
    expect(column('SELECT external_id FROM instructions')).toEqual(['вопрос-й'])
    expect(column('SELECT score FROM annotations')).toEqual([1])
  })

  it('takes a zero-width lookalike of an annotator, a model and an instruction id as the same one, in one file too', async () => {
    ;({ db } = newProject())
    const summary = await importRows('zw.jsonl', [
      genericRow({ instruction_id: 'q1', model: 'GigaChat', annotator: 'Анна' }),
      genericRow({ instruction_id: 'q1\u200B', model: '\uFEFFGigaChat', annotator: 'Борис' }),
      genericRow({ instruction_id: 'q2', model: 'GigaChat', annotator: 'Ан\u200Bна', score: 1 }),
    ])
    expect(summary.added).toMatchObject({ instructions: 2, responses: 2, annotators: 2, annotations: 3 })
    expect(column('SELECT name FROM annotators ORDER BY id')).toEqual(['Анна', 'Борис'])
    // A spelling stored first with a zero-width character stays the identity's spelling.
    await importRows('zw-first.jsonl', [genericRow({ instruction_id: 'q3', model: 'YaGPT\u200B', annotator: 'Вера\u200B' })])
    await importRows('zw-plain.jsonl', [genericRow({ instruction_id: 'q3', model: 'YaGPT', annotator: 'Вера', criterion: 'other' })])
    expect(column("SELECT model FROM responses WHERE model LIKE 'YaGPT%'")).toEqual(['YaGPT\u200B'])
    expect(column("SELECT name FROM annotators WHERE name LIKE 'Вера%'")).toEqual(['Вера\u200B'])
  })

  it('takes a zero-width lookalike of an imported judge as the same judge run', async () => {
    ;({ db } = newProject())
    const judge = (name: string, instruction: string) => {
      const row = genericRow({ instruction_id: instruction, judge: name })
      delete row.annotator
      return row
    }
    const summary = await importRows('judges.jsonl', [judge('pollux-judge-7b', 'q1'), judge('pollux-judge-7b\u200B', 'q2')])
    expect(summary.added).toMatchObject({ judgeRuns: 1, judgments: 2 })
  })

  it('matches a task path given with a zero-width space to the task the project holds', async () => {
    ;({ db } = newProject())
    db.prepare("INSERT INTO tasks (path, parent_path, level, name_en) VALUES ('QA', NULL, 1, 'QA')").run()
    await importRows('task.jsonl', [genericRow({ task: 'QA\u200B' })])
    expect(column('SELECT task_path FROM instructions')).toEqual(['QA'])
  })

  it('refuses to add «Анна\u200B» when an annotator «Анна» with a link exists', () => {
    ;({ db } = newProject())
    const add = (name: string) => addAnnotator(db, { name, role: 'annotator', language: null, quota: null, filters: {} })
    add('Анна')
    expect(() => add('Анна\u200B')).toThrow(/An annotator named "Анна" already exists/)
    add('Йося')
    expect(() => add('Йося'.normalize('NFD'))).toThrow(/An annotator named "Йося" already exists/)
    expect(column('SELECT name FROM annotators ORDER BY id')).toEqual(['Анна', 'Йося'])
  })
})
