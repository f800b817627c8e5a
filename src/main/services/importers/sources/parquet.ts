import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'
import { inputError, type InputFile } from '../importErrors'
import type { ImportProgress } from '../progress'
import type { SourceRecord } from '../fields'

export async function parquetRowCount(file: string, input: InputFile): Promise<{ rows: number; columns: string[] }> {
  const metadata = await readMetadata(file, input)
  return { rows: Number(metadata.num_rows), columns: parquetSchema(metadata).children.map((child) => child.element.name) }
}

/**
 * Calls `onRecord` with every row of a Parquet file as an object, reading one row group at a time so memory is
 * bounded by the largest row group, not the file. Positions are 1-based record numbers; progress is in records.
 */
export async function readParquet(
  file: string,
  input: InputFile,
  progress: ImportProgress,
  checkColumns: (columns: string[]) => void,
  onRecord: (record: SourceRecord, position: number) => void,
): Promise<void> {
  const buffer = await asyncBufferFromFile(file)
  const metadata = await readMetadata(file, input)
  checkColumns(parquetSchema(metadata).children.map((child) => child.element.name))
  let rowStart = 0
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows)
    progress.throwIfCancelled()
    let rows: SourceRecord[]
    try {
      rows = (await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd })) as SourceRecord[]
    } catch (error) {
      // A damaged row group: name the file and the records it holds, not just the decoder's words.
      throw inputError(input, rowStart + 1, undefined, undefined, 'parquet-damaged', { first: rowStart + 1, last: rowEnd, detail: (error as Error).message })
    }
    for (let i = 0; i < rows.length; i++) {
      progress.rows++
      onRecord(rows[i], rowStart + i + 1)
      progress.checkpoint(rowStart + i + 1)
    }
    rowStart = rowEnd
    progress.checkpoint(rowStart)
  }
}

async function readMetadata(file: string, input: InputFile) {
  try {
    return await parquetMetadataAsync(await asyncBufferFromFile(file))
  } catch (error) {
    throw inputError(input, 0, undefined, undefined, 'not-parquet', { detail: (error as Error).message })
  }
}
