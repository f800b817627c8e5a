import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../../../src/main/services/db'
import { exportProject } from '../../../../../src/main/services/exporters'
import { importFile } from '../../../../../src/main/services/importers'
import { addAnnotator, claimNext, saveDraft, setAdjudication, submit } from '../../../../../src/main/services/workbench'
import { tempDir } from '../../../../helpers/tempDir'
import { closedAfterEach, itemsOf, makeWorkbenchProject } from './workbenchKit'

const open = closedAfterEach()

/** Two answers × one criterion, both scored by Анна; the first adjudicated 2, the second not applicable. */
function adjudicated() {
  const made = makeWorkbenchProject({ answers: 3, criteria: 1 })
  open.push(made.db)
  const { db } = made
  const anna = addAnnotator(db, { name: 'Анна', role: 'annotator', language: null, quota: null, filters: {} }).annotator.id
  const items: number[] = []
  for (let i = 0; i < 2; i++) {
    const [item] = itemsOf(db, claimNext(db, anna).responseId as number)
    submit(db, anna, { itemId: item, score: 1, notApplicable: false, rationale: 'так', activeMs: 1 })
    items.push(item)
  }
  // An undecided draft on the third answer holds no score and is not exported as one.
  const [third] = itemsOf(db, claimNext(db, anna).responseId as number)
  saveDraft(db, anna, { itemId: third, score: null, notApplicable: false, rationale: 'думаю', activeMs: 1 })
  setAdjudication(db, { itemId: items[0], score: 2, notApplicable: false, note: 'по эталону' }, { id: null, name: 'Owner' })
  setAdjudication(db, { itemId: items[1], score: null, notApplicable: true, note: '' }, { id: null, name: 'Owner' })
  return { ...made, items }
}

describe('final scores in exports', () => {
  it('writes final_score and final_note beside the raw scores in JSONL, CSV and Parquet', async () => {
    const { db, items } = adjudicated()
    const dir = tempDir()
    await exportProject(db, 'jsonl', path.join(dir, 'out.jsonl'))
    const lines = fs.readFileSync(path.join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => [l.instruction_id, l.annotator ?? null, l.score ?? null, l.final_score, l.final_note])).toEqual([
      ['q0', 'Анна', 1, 2, 'по эталону'],
      ['q1', 'Анна', 1, null, undefined],
      ['q2', null, null, undefined, undefined],
    ])
    expect(items).toHaveLength(2)

    await exportProject(db, 'csv', path.join(dir, 'out.csv'))
    const records = parse(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8'), { columns: true }) as Record<string, string>[]
    expect(records.map((r) => [r.final_score, r.final_note])).toEqual([
      ['2', 'по эталону'],
      ['N/A', ''],
      ['', ''],
    ])

    await exportProject(db, 'parquet', path.join(dir, 'out.parquet'))
    const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(path.join(dir, 'out.parquet')) })) as Record<string, unknown>[]
    expect(rows.map((r) => [r.final_score, r.final_note])).toEqual([
      [2, 'по эталону'],
      [null, null],
      [null, null],
    ])

    // The files still import: the final columns are known and left to the workbench.
    for (const name of ['out.jsonl', 'out.csv']) {
      const again = openProject(path.join(dir, `re-${name}.castor`), { create: true })
      open.push(again)
      const summary = await importFile(again, path.join(dir, name), { format: 'auto' })
      expect(summary.rows).toBe(3)
    }
  })
})
