import fs from 'node:fs'
import path from 'node:path'
import { parquetWriteFile } from 'hyparquet-writer'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { detectFormat } from '../../../../../src/main/services/importers/detectFormat'
import { LineAssembler, readTextBlocks } from '../../../../../src/main/services/importers/sources/textBlocks'
import { NOT_APPLICABLE_SPELLINGS } from '../../../../../src/shared/domain/notApplicable'
import { runCli } from '../../../../helpers/cli'
import { expectImportError, genericRow, jsonl, projectWithGenericFixture, writeInput } from './importTestKit'

let db: Db
let dir: string

beforeEach(async () => {
  ;({ db, dir } = await projectWithGenericFixture())
})
afterEach(() => db.close())

const write = (name: string, content: string | Buffer) => writeInput(dir, name, content)

/** A generic row as JSON text with `raw` spliced in as the last fields (for what JSON.stringify cannot write). */
function rawRow(raw: string, overrides: Record<string, unknown> = {}): string {
  const row = genericRow(overrides)
  for (const [, key] of raw.matchAll(/"(\w+)":/g)) delete row[key]
  return `${JSON.stringify(row).slice(0, -1)},${raw}}`
}

describe('imported inputs are what they seem', () => {
  it('keeps numeric ids above 2^53 as their exact text: two ids, two instructions', async () => {
    const file = write('big.jsonl', [rawRow('"instruction_id": 12345678901234567891, "score": 1'), rawRow('"instruction_id": 12345678901234567892, "score": 2')].join('\n') + '\n')
    const summary = await importFile(db, file)
    expect(summary.added.instructions).toBe(2)
    const ids = db.prepare("SELECT external_id FROM instructions WHERE external_id LIKE '1234%' ORDER BY external_id").pluck().all()
    expect(ids).toEqual(['12345678901234567891', '12345678901234567892'])
  })

  it('keeps Parquet INT64 ids exact', async () => {
    const file = path.join(dir, 'ids.parquet')
    const text = (data: string[]) => ({ type: 'STRING' as const, data })
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: 'instruction_id', type: 'INT64', data: [9007199254740993n, 9007199254740995n] },
        { name: 'instruction', ...text(['Вопрос один', 'Вопрос два']) },
        { name: 'model', ...text(['m', 'm']) },
        { name: 'answer', ...text(['a', 'b']) },
        { name: 'criterion', ...text(['logic', 'logic']) },
      ],
    })
    await importFile(db, file)
    const ids = db.prepare("SELECT external_id FROM instructions WHERE external_id LIKE '9007%' ORDER BY external_id").pluck().all()
    expect(ids).toEqual(['9007199254740993', '9007199254740995'])
  })

  it('refuses a record with a duplicated key, naming the line and the key', async () => {
    const file = write('dup.jsonl', jsonl([genericRow()]) + rawRow('"score": 0, "score": 2', { instruction_id: 'q9' }) + '\n')
    const error = await expectImportError(db, file, { code: 'invalid-input', line: 2, field: 'score', message: /key "score" twice/ })
    expect(error.location?.reason).toEqual({ key: 'duplicate-key', params: { key: 'score' } })
  })

  it('refuses a duplicated key inside a nested rubric too', async () => {
    const file = write('dup-rubric.jsonl', rawRow('"rubric": {"0": "нет", "1": "да", "0": "снова"}, "score": 1') + '\n')
    await expectImportError(db, file, { code: 'invalid-input', line: 1, field: 'rubric', message: /key "0" twice/ }, { format: 'generic-jsonl' })
  })

  it('refuses a duplicated key in a pretty-printed JSON document, naming its line', async () => {
    const record = { prompt_id: 'p1', instruction: 'Вопрос', criteria: [{ criteria_name: 'logic', rubrics: '0: нет\n1: да' }] }
    const text = JSON.stringify([record], null, 2).replace('"instruction": "Вопрос",', '"instruction": "Вопрос",\n    "prompt_id": "p2",')
    const file = write('set.json', text)
    const line = text.split('\n').findIndex((row) => row.includes('"p2"')) + 1
    await expectImportError(db, file, { code: 'invalid-input', line, field: 'prompt_id', message: /key "prompt_id" twice/ })
  })

  it('reads every documented N/A spelling as not applicable and refuses other text naming line, field and value', async () => {
    const rows = NOT_APPLICABLE_SPELLINGS.map((spelling, i) => genericRow({ instruction_id: `na${i}`, score: ` ${spelling.toUpperCase()} ` }))
    const summary = await importFile(db, write('na.jsonl', jsonl(rows)))
    expect(summary.added.annotations).toBe(NOT_APPLICABLE_SPELLINGS.length)
    expect(db.prepare("SELECT count(*) FROM annotations WHERE not_applicable = 1 AND score IS NULL").pluck().get()).toBeGreaterThanOrEqual(NOT_APPLICABLE_SPELLINGS.length)
    const bad = write('n-a.jsonl', jsonl([genericRow(), genericRow({ instruction_id: 'q7', score: 'n.a.' })]))
    const error = await expectImportError(db, bad, { code: 'invalid-input', line: 2, field: 'score', value: 'n.a.', message: /"N\/A", "NA", "not applicable"/ })
    expect(error.location?.reason?.key).toBe('score-not-a-number')
  })

  it('names the line and field of a value nested 100,000 deep instead of overflowing the stack', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    const file = write('deep.jsonl', jsonl([genericRow()]) + rawRow(`"rubric": ${deep}, "score": 1`, { instruction_id: 'q8' }) + '\n')
    const error = await expectImportError(db, file, { code: 'invalid-input', line: 2, field: 'rubric', message: /nested deeper than 1000 levels/ })
    expect(error.message).not.toMatch(/call stack/)
  })

  it('shows 1e400 as its source text, not null', async () => {
    const file = write('huge.jsonl', rawRow('"score": 1e400') + '\n')
    await expectImportError(db, file, { code: 'invalid-input', line: 1, field: 'score', value: '1e400', message: /number 1e400, which is out of range/ })
  })

  it('names line 1 of NaN when the format is detected from the file', async () => {
    const file = write('nan.jsonl', rawRow('"score": NaN') + '\n' + jsonl([genericRow()]))
    const error = await expectImportError(db, file, { code: 'invalid-input', line: 1, message: /is not valid JSON/ })
    expect(error.location?.reason?.key).toBe('not-json')
  })

  it('shows a nested rubric value as compact JSON, not [object Object]', async () => {
    const file = write('nested.jsonl', jsonl([genericRow({ criterion: 'nested', rubric: [{ score: 0, text: { ru: 'нет' } }, { score: 1, text: 'да' }], score: 1 })]))
    const error = await expectImportError(db, file, { code: 'invalid-input', line: 1, field: 'rubric', message: /level 0: \{"ru":"нет"\}/ })
    expect(error.message).not.toContain('[object Object]')
  })

  it('names the file and rows of a Parquet file damaged in the middle', async () => {
    const file = path.join(dir, 'damaged.parquet')
    const rows = 3000
    const ids = Array.from({ length: rows }, (_, i) => `p${i}`)
    parquetWriteFile({
      filename: file,
      rowGroupSize: 1000,
      columnData: [
        { name: 'instruction_id', type: 'STRING', data: ids },
        { name: 'instruction', type: 'STRING', data: ids.map((id) => `Вопрос ${id} ${'x'.repeat(50)}`) },
        { name: 'model', type: 'STRING', data: ids.map(() => 'm') },
        { name: 'answer', type: 'STRING', data: ids.map((id) => `ответ ${id}`) },
        { name: 'criterion', type: 'STRING', data: ids.map(() => 'logic') },
      ],
    })
    const bytes = fs.readFileSync(file)
    bytes.fill(0xff, Math.floor(bytes.length / 2) - 2000, Math.floor(bytes.length / 2) + 2000)
    fs.writeFileSync(file, bytes)
    const error = await expectImportError(db, file, { code: 'invalid-input', message: /damaged\.parquet, record \d+: cannot be read: the Parquet data of rows \d+–\d+ is damaged/ })
    expect(error.location?.reason?.key).toBe('parquet-damaged')
  })

  it('names the project file when SQLite refuses to write it', async () => {
    const file = write('ok.jsonl', jsonl([genericRow({ instruction_id: 'ro' })]))
    db.pragma('query_only = ON')
    try {
      const error = await expectImportError(db, file, { code: 'read-only', message: /the project file .*p\.castor cannot be written \(attempt to write a readonly database\)/ })
      expect(error.location?.reason?.key).toBe('project-not-writable')
    } finally {
      db.pragma('query_only = OFF')
    }
  })

  it('detects a JSONL file whose first line is longer than 16 MiB', async () => {
    const file = write('long.jsonl', jsonl([genericRow({ answer: 'ж'.repeat(9 << 20) }), genericRow({ instruction_id: 'q2' })]))
    expect(fs.statSync(file).size).toBeGreaterThan(16 << 20)
    expect(await detectFormat(file, { name: file, unit: 'line' })).toBe('generic-jsonl')
    expect((await importFile(db, file)).rows).toBe(2)
  })
})

describe('the import worker reads exactly too', () => {
  it('keeps big ids and refuses a duplicated key when the worker parses', () => {
    const project = path.join(dir, 'worker.castor')
    expect(runCli(['init', project]).status).toBe(0)
    const env = { CASTOR_IMPORT_WORKER_MIN_BYTES: '0' }
    const ids = write('big-worker.jsonl', [rawRow('"instruction_id": 12345678901234567891, "score": 1'), rawRow('"instruction_id": 12345678901234567892, "score": 2')].join('\n') + '\n')
    const run = runCli(['import', project, ids, '--json'], { env })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).not.toContain('CASTOR_IMPORT_NO_WORKER')
    const worker = openProject(project, { readOnly: true })
    expect(worker.prepare('SELECT external_id FROM instructions ORDER BY external_id').pluck().all()).toEqual(['12345678901234567891', '12345678901234567892'])
    worker.close()
    const dup = write('dup-worker.jsonl', jsonl([genericRow()]) + rawRow('"score": 0, "score": 2', { instruction_id: 'q9' }) + '\n')
    const refused = runCli(['import', project, dup], { env })
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toMatch(/dup-worker\.jsonl, line 2: field "score" has the key "score" twice/)
  })
})

describe('line assembly', () => {
  it('copies a line that spans many chunks once: bytes copied grow linearly with its length', async () => {
    const copied = async (length: number) => {
      const file = write(`line-${length}.jsonl`, `${'a'.repeat(length)}\nb\n`)
      const assembler = new LineAssembler()
      const lines: number[] = []
      await readTextBlocks(file, { name: file, unit: 'line' }, (bytes) => void lines.push(bytes.length), { highWaterMark: 1024, assembler })
      expect(lines[0]).toBe(length + 1)
      return assembler.bytesCopied
    }
    const small = await copied(256 << 10)
    const large = await copied(1 << 20)
    // Joining at every chunk copied ~length²/2048 bytes (32 MiB and 512 MiB here); joining once copies the line once.
    expect(small).toBeLessThanOrEqual((256 << 10) + 2)
    expect(large).toBeLessThanOrEqual((1 << 20) + 2)
    expect(large / small).toBeLessThan(4.1)
  })
})
