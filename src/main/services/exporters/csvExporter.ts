import { stringify } from 'csv-stringify/sync'
import type { Db } from '../db'
import { longColumns, longRowsOf, type LongRow } from './longFormat'
import type { ExportOptions, ExportResult } from './paging'
import { exportText } from './textExport'

/** Not applicable is written out, so that it differs from an empty cell (a bare row's missing score). */
export const CSV_NOT_APPLICABLE = 'N/A'

function csvCells(row: LongRow): (string | number)[] {
  const scored = row.annotator !== null || row.judge !== null
  return longColumns.map((column) => {
    if (column === 'rubric') return JSON.stringify(row.rubric)
    if (column === 'score') return scored ? (row.score ?? CSV_NOT_APPLICABLE) : ''
    if (column === 'final_score') return row.final_score === undefined ? '' : (row.final_score ?? CSV_NOT_APPLICABLE)
    return row[column] ?? ''
  })
}

/** The generic long format as CSV (RFC 4180, UTF-8, header row); the rubric is a JSON object in its cell. */
export function exportCsv(db: Db, target: string, options: ExportOptions): Promise<ExportResult> {
  return exportText(
    db,
    target,
    options,
    (items) => {
      const records = items.flatMap((item) => [...longRowsOf(item)].map(csvCells))
      return { text: records.length ? stringify(records) : '', rows: records.length }
    },
    stringify([[...longColumns]]),
  )
}
