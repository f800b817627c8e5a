// PLACEHOLDER — being written by the importers helper. Signature is fixed:
import type { ImportFormat, ImportSummary } from '@shared/api/models'
import type { Db } from '../db'

export interface ImportOptions {
  format?: ImportFormat
  signal?: AbortSignal
  /** Progress in bytes of the input file (or records for Parquet), plus rows handled so far. */
  onProgress?: (done: number, total: number | null, rows: number) => void
  /** The name to use in messages and the imports table (uploads have a temp path). */
  displayName?: string
}

export async function importFile(_db: Db, _file: string, _options: ImportOptions = {}): Promise<ImportSummary> {
  throw new Error('importFile is not written yet')
}
