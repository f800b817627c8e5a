import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'
import { describe, expect, it } from 'vitest'
import { CastorError } from '@shared/api/errors'
import { exportProject } from '../../../../../src/main/services/exporters'
import { tempDir } from '../../../../helpers/tempDir'
import { cardLevels, createSmallProject } from './smallProject'

const rubric = Object.fromEntries(cardLevels.map((level) => [String(level.score), level.text]))

describe('long-format exports', () => {
  it('writes one JSON line per annotation and judgment and one bare line per unscored item', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    const out = path.join(dir, 'long.jsonl')
    const progress: [number, number | null, number][] = []
    const result = await exportProject(db, 'jsonl', out, { pageItems: 2, onProgress: (...args) => progress.push(args) })
    db.close()
    const rows = fs.readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(rows).toHaveLength(8 + 2 + 1)
    expect(result.rows).toBe(11)
    expect(progress.at(-1)).toEqual([4, 4, 11])
    expect(rows[0]).toEqual({
      instruction_id: 'i1',
      instruction: 'Сколько будет 2+2?',
      reference_answer: '4',
      model: 'm-good',
      answer: 'Будет 4',
      criterion: 'correct_answer__14',
      criterion_name: 'Правильность ответа',
      rubric,
      annotator: 'A',
      status: 'scored',
      score: 2,
      rationale: 'Верно',
      annotation_status: 'submitted',
      task: 'QA / Fact checking',
      difficulty: 'easy',
      domain: 'Математика',
      // MACE's posterior label of the item (A scored 2, B 1)
      mace_label: 2,
    })
    expect(rows.find((row) => row.judge === 'judge-x' && row.model === 'm-bad')).toMatchObject({ score: 0, rationale: 'Не совпадает' })
    expect(rows.find((row) => row.annotator === 'B' && row.criterion === 'narushenie_formata')).toMatchObject({ status: 'not_applicable', score: null })
    const bare = rows.at(-1)!
    expect(bare).toMatchObject({ instruction_id: 'i2', model: 'm-good', criterion: 'correct_answer__14' })
    expect(bare).not.toHaveProperty('annotator')
    expect(bare).not.toHaveProperty('judge')
    expect(bare).not.toHaveProperty('score')
    expect(bare).not.toHaveProperty('mace_label')
  })

  it('writes CSV with a header, quoted text, the rubric as JSON and N/A for not applicable', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    const out = path.join(dir, 'long.csv')
    await exportProject(db, 'csv', out)
    db.close()
    const records = parse(fs.readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(records).toHaveLength(11)
    expect(JSON.parse(records[0].rubric)).toEqual(rubric)
    expect(records.find((r) => r.annotator === 'B' && r.criterion === 'narushenie_formata')?.score).toBe('N/A')
    const bare = records.at(-1)!
    expect(bare.instruction).toBe('Напиши "привет", с запятой, и\nпереводом строки')
    expect(bare.answer).toBe('Привет, "мир"!')
    expect([bare.annotator, bare.judge, bare.score]).toEqual(['', '', ''])
  })

  it('writes Parquet with typed nullable columns', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    const out = path.join(dir, 'long.parquet')
    const result = await exportProject(db, 'parquet', out, { pageItems: 1 })
    db.close()
    expect(result.bytes).toBe(fs.statSync(out).size)
    const file = await asyncBufferFromFile(out)
    const metadata = await parquetMetadataAsync(file)
    const columns = Object.fromEntries(parquetSchema(metadata).children.map((child) => [child.element.name, child.element]))
    expect(columns.score).toMatchObject({ type: 'DOUBLE', repetition_type: 'OPTIONAL' })
    expect(columns.annotator).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' })
    expect(columns.instruction).toMatchObject({ type: 'BYTE_ARRAY', repetition_type: 'REQUIRED' })
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[]
    expect(rows).toHaveLength(11)
    expect(rows[0]).toMatchObject({ instruction_id: 'i1', annotator: 'A', judge: null, score: 2, criterion: 'correct_answer__14' })
    expect(JSON.parse(rows[0].rubric as string)).toEqual(rubric)
    expect(rows.find((r) => r.annotator === 'B' && r.criterion === 'narushenie_formata')?.score).toBeNull()
  })

  it('stops when cancelled and leaves no file behind', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    const out = path.join(dir, 'long.jsonl')
    const controller = new AbortController()
    const exporting = exportProject(db, 'jsonl', out, {
      signal: controller.signal,
      pageItems: 1,
      onProgress: (done) => done >= 2 && controller.abort(),
    })
    await expect(exporting).rejects.toMatchObject({ code: 'cancelled' })
    db.close()
    expect(fs.readdirSync(dir).filter((name) => !name.startsWith('small.castor'))).toEqual([])
  })

  it('refuses to write into a path it cannot create, naming it', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    fs.writeFileSync(path.join(dir, 'plain-file'), 'x')
    const target = path.join(dir, 'plain-file', 'out.csv')
    const error = await exportProject(db, 'csv', target).catch((e: unknown) => e)
    db.close()
    expect(error).toBeInstanceOf(CastorError)
    expect((error as CastorError).code).toBe('invalid-input')
    expect((error as CastorError).message).toContain(target)
  })
})
