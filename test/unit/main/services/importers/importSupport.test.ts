import fs from 'node:fs'
import path from 'node:path'
import { parquetWriteFile } from 'hyparquet-writer'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { Lru } from '../../../../../src/main/services/importers/lru'
import { firstInvalidUtf8 } from '../../../../../src/main/services/importers/sources/textBlocks'
import { fixture, newProject, tableCounts } from './importTestKit'

describe('Lru', () => {
  it('keeps at most its capacity and keeps entries that are used', () => {
    const cache = new Lru<number, number>(100)
    cache.set(-1, -1)
    for (let i = 0; i < 10_000; i++) {
      cache.set(i, i)
      expect(cache.get(-1)).toBe(-1)
      expect(cache.size).toBeLessThanOrEqual(100)
    }
    expect(cache.get(0)).toBeUndefined()
    expect(cache.get(9_999)).toBe(9_999)
  })
})

describe('firstInvalidUtf8', () => {
  it('finds the first byte of a broken sequence and passes valid text', () => {
    expect(firstInvalidUtf8(Buffer.from('ёжик в тумане 🦔'))).toBe(Buffer.byteLength('ёжик в тумане 🦔'))
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from('ok '), Buffer.from([0xd0]), Buffer.from(' x')]))).toBe(3)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1) // overlong
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1) // surrogate
  })
})

describe('importFile, edge cases', () => {
  it('refuses a read-only project without touching it', async () => {
    const { db, file } = newProject()
    db.close()
    const readOnly = openProject(file, { readOnly: true })
    await expect(importFile(readOnly, fixture('generic.jsonl'))).rejects.toMatchObject({ code: 'read-only' })
    readOnly.close()
  })

  it('refuses a second import into the same connection while one is running', async () => {
    const { db } = newProject()
    const first = importFile(db, fixture('generic.jsonl'))
    while (!db.inTransaction) await new Promise((resolve) => setImmediate(resolve))
    const second = importFile(db, fixture('generic.csv'))
    await expect(second).rejects.toMatchObject({ code: 'conflict' })
    await first
    expect(tableCounts(db).imports).toBe(1)
    db.close()
  })

  it('detects the format of an upload at a path without extension from its display name or content', async () => {
    const { db, dir } = newProject()
    const upload = path.join(dir, 'upload-1')
    fs.copyFileSync(fixture('generic.csv'), upload)
    expect((await importFile(db, upload, { displayName: 'scores.csv' })).format).toBe('generic-csv')
    expect((await importFile(db, upload)).format).toBe('generic-csv')
    db.close()
  })

  it('reads Parquet INT64 scores (BigInt in hyparquet) as numbers', async () => {
    const { db, dir } = newProject()
    const file = path.join(dir, 'ints.parquet')
    const text = (data: string[]) => ({ type: 'STRING' as const, data })
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: 'instruction', ...text(['Сколько будет 2+2?', 'Сколько будет 2+2?']) },
        { name: 'answer', ...text(['4', '4']) },
        { name: 'model_id', ...text(['o1', 'o1']) },
        { name: 'criteria_name', ...text(['Правильность', 'Правильность']) },
        { name: 'rubrics', ...text(['0: Неверно\n1: Верно', '0: Неверно\n1: Верно']) },
        { name: 'expert_id', ...text(['e1', 'e2']) },
        { name: 'criteria_score', type: 'INT64', data: [1n, 1n] },
        { name: 'expert_score', type: 'INT64', data: [1n, 0n] },
      ],
    })
    const summary = await importFile(db, file)
    expect(summary.added).toMatchObject({ items: 1, annotations: 2 })
    expect(db.prepare('SELECT score FROM annotations ORDER BY id').pluck().all()).toEqual([1, 0])
    expect(db.prepare('SELECT gold_score FROM items').pluck().get()).toBe(1)
    db.close()
  })
})
