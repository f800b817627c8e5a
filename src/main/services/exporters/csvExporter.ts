import { stringify } from 'csv-stringify/sync'
import type { Db } from '../db'
import { longColumns, longRowsOf, type LongRow } from './longFormat'
import { TextOutput } from './outputFile'
import { eachItemPage, type ExportOptions, type ExportResult } from './paging'

/** Not applicable is written out, so that it differs from an empty cell (a bare row's missing score). */
export const CSV_NOT_APPLICABLE = 'N/A'

function csvCells(row: LongRow): (string | number)[] {
  const scored = row.annotator !== null || row.judge !== null
  return longColumns.map((column) => {
    if (column === 'rubric') return JSON.stringify(row.rubric)
    if (column === 'score') return scored ? (row.score ?? CSV_NOT_APPLICABLE) : ''
    return row[column] ?? ''
  })
}

/** The generic long format as CSV (RFC 4180, UTF-8, header row); the rubric is a JSON object in its cell. */
export async function exportCsv(db: Db, target: string, options: ExportOptions): Promise<ExportResult> {
  const out = new TextOutput(target)
  try {
    out.write(stringify([[...longColumns]]))
    const rows = await eachItemPage(db, options, async (items) => {
      const records: (string | number)[][] = []
      for (const item of items) for (const row of longRowsOf(item)) records.push(csvCells(row))
      if (records.length) out.write(stringify(records))
      await out.drain()
      return records.length
    })
    return { rows, bytes: await out.commit() }
  } catch (error) {
    await out.discard()
    throw error
  }
}
