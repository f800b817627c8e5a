import { CastorError } from '@shared/api/errors'
import type { Db } from '../db'
import { countItems, itemPages, type ExportItem } from './exportSource'

export interface ExportOptions {
  signal?: AbortSignal
  onProgress?: (done: number, total: number | null, rows: number) => void
  /** Items read per page; small values only in tests. */
  pageItems?: number
  /** CSV: start the file with a UTF-8 byte order mark, so Excel reads it as UTF-8 (default true). */
  bom?: boolean
  /** Long CSV: write cells that start with a formula character as they are (default: neutralised with `'`). */
  rawCsv?: boolean
}

export interface ExportResult {
  rows: number
  bytes: number
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CastorError('cancelled', 'Export cancelled')
}

/**
 * Runs `handle` over every item page, reporting progress in items and the rows the handler wrote. Checks for
 * cancellation between pages.
 */
export async function eachItemPage(db: Db, options: ExportOptions, handle: (items: ExportItem[]) => number | Promise<number>): Promise<number> {
  const total = countItems(db)
  let done = 0
  let rows = 0
  options.onProgress?.(0, total, 0)
  for (const page of itemPages(db, options.pageItems)) {
    throwIfAborted(options.signal)
    rows += await handle(page)
    done += page.length
    options.onProgress?.(done, total, rows)
  }
  throwIfAborted(options.signal)
  return rows
}
