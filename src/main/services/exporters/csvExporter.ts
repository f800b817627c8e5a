import type { Db } from '../db'
import { csvRecords, UTF8_BOM, type CsvCell } from './csvText'
import { longColumns, longRowsOf, type LongRow } from './longFormat'
import type { ExportOptions, ExportResult } from './paging'
import { exportText } from './textExport'

/** Not applicable is written out, so that it differs from an empty cell (a bare row's missing score). */
export const CSV_NOT_APPLICABLE = 'N/A'

/** A score cell: the number, N/A, or empty (no score: a bare row, a failed judgment, no first submission). */
export function csvScore(status: LongRow['status'], score: number | null): CsvCell {
  if (status === 'not_applicable') return CSV_NOT_APPLICABLE
  return status === 'scored' && score !== null ? score : ''
}

function csvCells(row: LongRow): CsvCell[] {
  return longColumns.map((column) => {
    switch (column) {
      case 'rubric':
        return JSON.stringify(row.rubric)
      case 'score':
        return csvScore(row.status, row.score)
      case 'first_score':
        return csvScore(row.first_status, row.first_score)
      case 'final_score':
        return csvScore(row.final_status, row.final_score)
      case 'control':
        return row.control ? 'true' : ''
      case 'assisted':
        return row.assisted ? 'true' : ''
      default:
        return row[column] ?? ''
    }
  })
}

/** CSV starts with a byte order mark unless `bom: false`. */
export function csvHeader(columns: readonly string[], options: ExportOptions): string {
  return (options.bom === false ? '' : UTF8_BOM) + csvRecords([[...columns]])
}

/**
 * The generic long format as CSV (RFC 4180, UTF-8 with a byte order mark, header row); the rubric and the score
 * probabilities are JSON objects in their cells. Cells that a spreadsheet would run as formulas are neutralised
 * unless `rawCsv` (see spreadsheetCells.ts); the importer reads either back exactly.
 */
export function exportCsv(db: Db, target: string, options: ExportOptions): Promise<ExportResult> {
  return exportText(
    db,
    target,
    options,
    (items) => {
      const records = items.flatMap((item) => [...longRowsOf(item)].map(csvCells))
      return { text: csvRecords(records, options.rawCsv), rows: records.length }
    },
    csvHeader(longColumns, options),
  )
}
