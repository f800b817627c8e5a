import { stringify } from 'csv-stringify/sync'
import { neutraliseCell, protectQuotedCell } from '@shared/domain/spreadsheetCells'

/** Excel reads a CSV file as UTF-8 only when it starts with a byte order mark (else Cyrillic turns into mojibake). */
export const UTF8_BOM = '\uFEFF'

export type CsvCell = string | number

/** How CSV cells are written: neutralised for spreadsheets (default) or raw, see spreadsheetCells.ts. */
export function csvRecords(records: readonly CsvCell[][], raw = false): string {
  if (records.length === 0) return ''
  const guard = raw ? protectQuotedCell : neutraliseCell
  return stringify(records.map((record) => record.map((cell) => (typeof cell === 'string' ? guard(cell) : cell))))
}
