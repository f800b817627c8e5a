import type { SchemaElement } from 'hyparquet'
import { fileWriter, ParquetWriter, type ColumnSource } from 'hyparquet-writer'
import type { Db } from '../db'
import { longColumns, longRowsOf, type LongRow } from './longFormat'
import { commitPartial, discardPartial, partialPathOf, prepareTarget } from './outputFile'
import { eachItemPage, type ExportOptions, type ExportResult } from './paging'

/** Rows per row group: large enough for good dictionary encoding of the repeated texts, small enough for memory. */
const ROW_GROUP_ROWS = 5000

const requiredColumns = new Set<string>(['instruction_id', 'instruction', 'model', 'answer', 'criterion', 'rubric'])
const numberColumns = new Set<string>(['score', 'first_score', 'final_score', 'control_score', 'active_ms', 'mace_label'])

export const parquetSchema: SchemaElement[] = [
  { name: 'root', num_children: longColumns.length },
  ...longColumns.map(
    (name): SchemaElement =>
      numberColumns.has(name)
        ? { name, type: 'DOUBLE', repetition_type: 'OPTIONAL' }
        : { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: requiredColumns.has(name) ? 'REQUIRED' : 'OPTIONAL' },
  ),
]

type Cell = string | number | null

function cellOf(row: LongRow, column: (typeof longColumns)[number]): Cell {
  if (column === 'rubric') return JSON.stringify(row.rubric)
  if (column === 'control') return row.control ? 'true' : null
  if (column === 'assisted') return row.assisted ? 'true' : null
  return row[column] ?? null
}

/** The generic long format as Parquet: typed columns (UTF-8 strings, nullable doubles for scores and times), rubric as JSON text. */
export async function exportParquet(db: Db, target: string, options: ExportOptions): Promise<ExportResult> {
  const resolved = prepareTarget(target)
  const partial = partialPathOf(resolved)
  try {
    const parquet = new ParquetWriter({ writer: fileWriter(partial), schema: parquetSchema, createdBy: 'castor' })
    let pending: Cell[][] = longColumns.map(() => [])
    let pendingRows = 0
    const flush = async () => {
      if (pendingRows === 0) return
      const columnData: ColumnSource[] = longColumns.map((name, index) => ({ name, data: pending[index] }))
      await parquet.write({ columnData, rowGroupSize: pendingRows })
      pending = longColumns.map(() => [])
      pendingRows = 0
    }
    const rows = await eachItemPage(db, options, async (items) => {
      let written = 0
      for (const item of items) {
        for (const row of longRowsOf(item)) {
          longColumns.forEach((column, index) => pending[index].push(cellOf(row, column)))
          pendingRows++
          written++
        }
      }
      if (pendingRows >= ROW_GROUP_ROWS) await flush()
      return written
    })
    await flush()
    await parquet.finish()
    return { rows, bytes: commitPartial(partial, resolved) }
  } catch (error) {
    discardPartial(partial)
    throw error
  }
}
