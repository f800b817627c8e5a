import fs from 'node:fs'
import path from 'node:path'
import { parquetWriteFile } from 'hyparquet-writer'
import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { readHead } from '../../../../../src/main/services/importers/mapped'
import { savedMapping, savedMappingForFile } from '../../../../../src/main/services/importers/savedMappings'
import { expectImportError, jsonl, logicRubric, newProject, tableCounts } from './importTestKit'

let db: Db | null = null
afterEach(() => {
  db?.close()
  db = null
})

const csv = (rows: string[][]) => rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n'
const ANSWERS = [
  ['qid', 'prompt', 'system', 'response', 'extra'],
  ['1', 'Сколько будет 2+2?', 'GigaChat', '4', 'x'],
  ['1', 'Сколько будет 2+2?', 'YandexGPT', 'Четыре', 'y'],
  ['2', 'Столица Франции?', 'GigaChat', 'Париж', 'z'],
]
const answersMapping = { instruction_id: 'qid', instruction: 'prompt', model: 'system', answer: 'response' }

describe('import through a column mapping', () => {
  it('makes instructions and answers (no items) from a CSV with foreign columns, ignoring unmapped ones, and keeps the mapping', async () => {
    const project = newProject()
    db = project.db
    const file = path.join(project.dir, 'answers.csv')
    fs.writeFileSync(file, csv(ANSWERS))
    const summary = await importFile(db, file, { mapping: answersMapping })
    expect(summary).toMatchObject({ format: 'generic-csv', rows: 3 })
    expect(tableCounts(db)).toMatchObject({ instructions: 2, responses: 3, items: 0, criteria: 0 })
    expect(db.prepare('SELECT external_id, text FROM instructions ORDER BY id').raw().all()).toEqual([
      ['1', 'Сколько будет 2+2?'],
      ['2', 'Столица Франции?'],
    ])
    expect(JSON.parse(db.prepare('SELECT mapping FROM imports').pluck().get() as string)).toEqual(answersMapping)
    // Saved under the file's set of columns: found again for the same columns in another order, not for others.
    expect(savedMapping(db, ['extra', 'response', 'system', 'prompt', 'qid'])).toEqual({ mapping: answersMapping, source: file })
    expect(savedMapping(db, ['qid', 'prompt', 'response'])).toBeNull()
    const second = path.join(project.dir, 'more.csv')
    fs.writeFileSync(second, csv([['response', 'prompt', 'qid', 'system', 'extra'], ['Берлин', 'Столица Германии?', '3', 'GigaChat', '']]))
    expect((await savedMappingForFile(db, second, second))?.mapping).toEqual(answersMapping)
    // A file in Castor's own format never gets a saved mapping.
    const own = path.join(project.dir, 'own.jsonl')
    fs.writeFileSync(own, jsonl([{ instruction_id: 'q', instruction: 'i', model: 'm', answer: 'a', criterion: 'c' }]))
    expect(await savedMappingForFile(db, own, own)).toBeNull()
  })

  it('imports scores from JSONL with rubric, annotator and rationale mapped; an unmapped instruction id comes from the text', async () => {
    const project = newProject()
    db = project.db
    const file = path.join(project.dir, 'scores.jsonl')
    const row = { question: 'Почему небо голубое?', bot: 'GigaChat', reply: 'Рассеяние.', metric: 'logic', scale: logicRubric, who: 'Анна', mark: 2, why: 'Логично.' }
    fs.writeFileSync(file, jsonl([row, { ...row, who: 'Борис', mark: 1, why: null }, { ...row, bot: 'Other', reply: 'Не знаю.', metric: null, scale: null, who: null, mark: null }]))
    const mapping = { instruction: 'question', model: 'bot', answer: 'reply', criterion: 'metric', rubric: 'scale', annotator: 'who', score: 'mark', rationale: 'why' }
    const summary = await importFile(db, file, { mapping })
    expect(summary).toMatchObject({ format: 'generic-jsonl', rows: 3 })
    expect(tableCounts(db)).toMatchObject({ instructions: 1, responses: 2, criteria: 1, items: 1, annotations: 2 })
    expect(db.prepare('SELECT external_id FROM instructions').pluck().get()).toMatch(/^[0-9a-f]{12}$/)
    expect(db.prepare('SELECT score, rationale FROM annotations ORDER BY id').raw().all()).toEqual([
      [2, 'Логично.'],
      [1, null],
    ])
  })

  it('reads Parquet through a mapping, and previews only the head', async () => {
    const project = newProject()
    db = project.db
    const file = path.join(project.dir, 'answers.parquet')
    const count = 40
    parquetWriteFile({
      filename: file,
      rowGroupSize: 10,
      columnData: [
        { name: 'prompt', type: 'STRING', data: Array.from({ length: count }, (_, i) => `Вопрос ${i % 20}`) },
        { name: 'llm', type: 'STRING', data: Array.from({ length: count }, (_, i) => (i < 20 ? 'A' : 'B')) },
        { name: 'output', type: 'STRING', data: Array.from({ length: count }, (_, i) => `Ответ ${i}`) },
      ],
    })
    const head = await readHead(file, file, 5)
    expect(head).toMatchObject({ kind: 'parquet', columns: ['prompt', 'llm', 'output'] })
    expect(head.rows).toHaveLength(5)
    expect(head.rows[4]).toEqual({ prompt: 'Вопрос 4', llm: 'A', output: 'Ответ 4' })
    await importFile(db, file, { mapping: { instruction: 'prompt', model: 'llm', answer: 'output' } })
    expect(tableCounts(db)).toMatchObject({ instructions: 20, responses: 40, items: 0 })
  })

  it('names the source column and the field in errors, and changes nothing', async () => {
    const project = newProject()
    db = project.db
    const file = path.join(project.dir, 'bad.csv')
    fs.writeFileSync(file, csv([...ANSWERS, ['4', 'Вопрос?', 'GigaChat', '', '']]))
    const error = await expectImportError(db, file, { code: 'invalid-input', line: 4, field: 'answer', message: /bad\.csv, row 4: column "response" \(answer\) is empty/ }, { mapping: answersMapping })
    expect(error.location?.column).toBe('response')

    const scored = path.join(project.dir, 'scored.csv')
    fs.writeFileSync(scored, csv([['prompt', 'response', 'crit', 'rater', 'mark'], ['Вопрос?', 'Ответ', 'logic', 'Анна', '7']]))
    const mapping = { instruction: 'prompt', answer: 'response', criterion: 'crit', annotator: 'rater', score: 'mark' }
    // No rubric and an unknown criterion name: the criterion column is named.
    await expectImportError(db, scored, { code: 'invalid-input', line: 1, message: /row 1: column "crit" \(criterion\)/ }, { mapping })
    await expectImportError(db, scored, { code: 'invalid-input', message: /column "missing" \(mapped to answer\) is not in the file/ }, { mapping: { ...mapping, answer: 'missing' } })
    await expectImportError(db, scored, { code: 'invalid-input', message: /score \(column "mark"\) needs a column mapped to annotator or judge/ }, { mapping: { instruction: 'prompt', answer: 'response', criterion: 'crit', score: 'mark' } })
    expect(db.prepare('SELECT count(*) FROM import_mappings').pluck().get()).toBe(0)
  })
})
