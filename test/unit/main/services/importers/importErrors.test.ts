import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../../../src/main/services/db'
import { expectImportError, fixture, genericRow, jsonl, projectWithGenericFixture, writeInput } from './importTestKit'

let db: Db
let dir: string

beforeEach(async () => {
  ;({ db, dir } = await projectWithGenericFixture())
})
afterEach(() => db.close())

const write = (name: string, content: string | Buffer) => writeInput(dir, name, content)

describe('importFile, bad input', () => {
  it('names the line of malformed JSON, even deep in a large file it has partly written', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => JSON.stringify(genericRow({ instruction_id: `big-${i}`, instruction: `Вопрос ${i}` })))
    rows.splice(17_999, 0, '{"instruction_id": "broken", ')
    const file = write('broken.jsonl', rows.join('\n') + '\n')
    await expectImportError(db, file, { code: 'invalid-input', line: 18_000, message: /line 18000.*not valid JSON/ })
  })

  it('names a missing required field', async () => {
    const { answer: _answer, ...withoutAnswer } = genericRow()
    const file = write('missing.jsonl', jsonl([genericRow(), withoutAnswer]))
    await expectImportError(db, file, { code: 'invalid-input', line: 2, field: 'answer', message: /field "answer" is missing/ })
  })

  it('names a record that is not an object', async () => {
    const file = write('list.jsonl', jsonl([genericRow(), [1, 2]]))
    await expectImportError(db, file, { code: 'invalid-input', line: 2, message: /expected a JSON object, found a list/ })
  })

  it('refuses an unknown criterion given without a rubric', async () => {
    const file = write('unknown.jsonl', jsonl([genericRow({ criterion: 'no-such-criterion', rubric: undefined })]))
    await expectImportError(db, file, { code: 'invalid-input', line: 1, field: 'criterion', value: 'no-such-criterion', message: /unknown criterion/ })
  })

  it('refuses a score outside the criterion scale, naming the value and the allowed set', async () => {
    const file = write('scale.jsonl', jsonl([genericRow({ annotator: 'Вера', score: 1 }), genericRow({ annotator: 'Глеб', score: 5 })]))
    await expectImportError(db, file, { code: 'invalid-input', line: 2, field: 'score', value: 5, message: /is 5, which is not on the scale .*allowed \{0, 1, 2\}/ })
  })

  it('refuses a score that is not a number', async () => {
    const file = write('text-score.jsonl', jsonl([genericRow({ score: 'хорошо' })]))
    await expectImportError(db, file, { code: 'invalid-input', line: 1, field: 'score', value: 'хорошо' })
  })

  it('refuses a rubric that contradicts an earlier row', async () => {
    const changed = { ...genericRow().rubric as Record<string, string>, '2': 'Совсем другой текст уровня.' }
    const file = write('rubric.jsonl', jsonl([genericRow({ criterion: 'fresh' }), genericRow({ criterion: 'fresh', annotator: 'Борис', rubric: changed })]))
    await expectImportError(db, file, { code: 'conflict', line: 2, field: 'rubric', message: /contradicts the rubric of criterion "fresh".*level 2/ })
  })

  it('refuses a rubric that contradicts the criterion the project holds', async () => {
    const file = write('rubric-project.jsonl', jsonl([genericRow({ rubric: '0: Нет.\n1: Да.' })]))
    await expectImportError(db, file, { code: 'conflict', line: 1, field: 'rubric', message: /scale \{0, 1\} differs from the earlier \{0, 1, 2\}/ })
  })

  it('refuses an instruction text that differs from the one the project holds', async () => {
    const file = write('text.jsonl', jsonl([genericRow({ instruction_id: 'i1', instruction: 'Другой текст.' })]))
    await expectImportError(db, file, { code: 'conflict', line: 1, field: 'instruction', message: /differs from the text/ })
  })

  it('refuses an answer text that differs from an earlier row of the file', async () => {
    const file = write('answer.jsonl', jsonl([genericRow(), genericRow({ annotator: 'Борис', answer: 'Другой ответ.' })]))
    await expectImportError(db, file, { code: 'conflict', line: 2, field: 'answer' })
  })

  it('refuses a duplicate annotation within one file, naming both lines', async () => {
    const file = write('duplicate.jsonl', jsonl([genericRow(), genericRow({ annotator: 'Борис' }), genericRow({ score: 1 })]))
    await expectImportError(db, file, { code: 'invalid-input', line: 3, field: 'annotator', value: 'Анна', message: /line 3.*already given on line 1/ })
  })

  it('refuses a duplicate judgment within one file', async () => {
    const judged = { ...genericRow(), annotator: undefined, judge: 'judge-x' }
    const file = write('duplicate-judge.jsonl', jsonl([judged, { ...judged, score: 0 }]))
    await expectImportError(db, file, { code: 'invalid-input', line: 2, field: 'judge', message: /already given on line 1/ })
  })

  it('refuses a row with both an annotator and a judge', async () => {
    const file = write('both.jsonl', jsonl([genericRow({ judge: 'judge-x' })]))
    await expectImportError(db, file, { code: 'invalid-input', line: 1, field: 'judge' })
  })

  it('refuses an empty file and a file of blank lines', async () => {
    await expectImportError(db, write('empty.jsonl', ''), { code: 'invalid-input', message: /empty/ })
    await expectImportError(db, write('blank.jsonl', '\n  \n\n'), { code: 'invalid-input', message: /empty/ }, { format: 'generic-jsonl' })
    await expectImportError(db, write('header-only.csv', 'instruction_id,instruction,model,answer,criterion\n'), { code: 'invalid-input', message: /empty/ })
  })

  it('names the line of bytes that are not UTF-8', async () => {
    const good = Buffer.from(jsonl([genericRow()]))
    const cp1251 = Buffer.from(JSON.stringify(genericRow({ annotator: 'XX' })) + '\n', 'latin1')
    const bad = Buffer.concat([good, good, cp1251.subarray(0, 20), Buffer.from([0xcf, 0xf0, 0xe8]), cp1251.subarray(20)])
    await expectImportError(db, write('cp1251.jsonl', bad), { code: 'invalid-input', line: 3, message: /line 3.*not valid UTF-8/ })
  })

  it('names the line of bytes that are not UTF-8 in a CSV', async () => {
    const text = fs.readFileSync(fixture('generic.csv'))
    const bad = Buffer.concat([text.subarray(0, text.indexOf('\n') + 1), Buffer.from([0xff, 0xfe]), text.subarray(text.indexOf('\n') + 1)])
    await expectImportError(db, write('bad.csv', bad), { code: 'invalid-input', line: 2, message: /not valid UTF-8/ })
  })

  it('names the missing and unknown columns of a CSV header', async () => {
    const file = write('header.csv', 'instruction_id,instruction,model,anser,criterion,annotator,score,comment\nq1,Текст,m,a,logic,Анна,1,x\n')
    const error = await expectImportError(db, file, { code: 'invalid-input', line: 1, message: /missing column\(s\) answer and unknown column\(s\) anser, comment/ })
    expect(error.location?.value).toContain('anser')
  })

  it('names the row of a CSV score that is off the scale', async () => {
    const header = 'instruction_id,instruction,model,answer,criterion,annotator,score'
    const file = write('scale.csv', `${header}\ni1,"Объясни, почему небо голубое.",GigaChat,"Небо голубое, потому что короткие волны рассеиваются сильнее.",logic,Вера,1\ni1,"Объясни, почему небо голубое.",GigaChat,"Небо голубое, потому что короткие волны рассеиваются сильнее.",logic,Глеб,7\n`)
    await expectImportError(db, file, { code: 'invalid-input', line: 2, field: 'score', value: '7', message: /row 2.*allowed \{0, 1, 2\}/ })
  })

  it('names the row of a CSV row with a wrong number of cells', async () => {
    const file = write('cells.csv', 'instruction_id,instruction,model,answer,criterion\nq1,Текст,m,a,logic\nq2,Текст,m,a\n')
    await expectImportError(db, file, { code: 'invalid-input', line: 2, message: /row 2.*cannot be read as CSV/ })
  })

  it('refuses a file whose format cannot be told', async () => {
    await expectImportError(db, write('odd.jsonl', jsonl([{ hello: 'world' }])), { code: 'invalid-input', message: /match no import format/ })
  })

  it('uses the display name in messages', async () => {
    const file = write('tmp-upload-123', jsonl([genericRow({ score: 9 })]))
    await expectImportError(db, file, { code: 'invalid-input', line: 1, field: 'score' }, { displayName: 'scores.jsonl' })
  })
})
