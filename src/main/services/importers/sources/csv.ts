import { parse, CsvError } from 'csv-parse'
import { CastorError } from '@shared/api/errors'
import { inputError, type InputFile } from '../importErrors'
import type { ImportProgress } from '../progress'
import type { SourceRecord } from '../fields'
import { readTextBlocks } from './textBlocks'

/**
 * Reads a CSV file with a header row: `checkHeader` sees the column names first, then `onRecord` gets each data
 * row as an object keyed by column with its 1-based row number (1 = first data row). The text is decoded by
 * readTextBlocks, so invalid UTF-8 fails with its line number; csv-parse handles quoting and multi-line cells.
 */
export async function readCsv(
  file: string,
  input: InputFile,
  progress: ImportProgress,
  checkHeader: (columns: string[]) => void,
  onRecord: (record: SourceRecord, row: number) => void,
): Promise<void> {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: false })
  let bytesDone = 0
  const stopped = new Error('stopped')
  const feeding = readTextBlocks(file, input, async (bytes, _line, done) => {
    if (parser.destroyed) throw stopped
    bytesDone = done
    if (!parser.write(bytes.toString('utf8'))) await drained(parser)
  }).then(
    () => void parser.end(),
    (error: unknown) => void (error === stopped || parser.destroy(error as Error)),
  )

  let columns: string[] | null = null
  let row = 0
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (!columns) {
        columns = cells.map((name) => name.trim())
        checkHeader(columns)
        continue
      }
      row++
      const record: SourceRecord = {}
      for (let i = 0; i < columns.length; i++) record[columns[i]] = cells[i]
      progress.rows++
      onRecord(record, row)
      if ((row & 1023) === 0) progress.checkpoint(bytesDone)
    }
  } catch (error) {
    parser.destroy()
    if (error instanceof CsvError) throw csvError(input, error, row)
    throw error
  } finally {
    await feeding
  }
  if (!columns) throw inputError(input, 0, undefined, undefined, 'no-header')
  progress.checkpoint(bytesDone)
}

function drained(parser: ReturnType<typeof parse>): Promise<void> {
  return new Promise((resolve) => {
    if (parser.destroyed) return resolve()
    const done = () => {
      parser.off('drain', done)
      parser.off('close', done)
      resolve()
    }
    parser.on('drain', done)
    parser.on('close', done)
  })
}

function csvError(input: InputFile, error: CsvError, rowsBefore: number): CastorError {
  const line = typeof error.lines === 'number' ? error.lines : undefined
  const detail = error.message.replace(/^Invalid Record Length: /, 'wrong number of cells: ')
  return inputError(input, rowsBefore + 1, undefined, undefined, 'not-csv', { line: line ?? '?', detail })
}
