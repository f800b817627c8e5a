import type { Db } from '../db'
import type { ExportItem } from './exportSource'
import { TextOutput } from './outputFile'
import { eachItemPage, type ExportOptions, type ExportResult } from './paging'

/** What one page of items becomes in a text export, and how many rows that is. */
export interface TextPage {
  text: string
  rows: number
}

/**
 * A text export (JSONL, CSV): an optional header, then every page of items as text through a bounded buffer.
 * The target appears only when the whole export succeeded.
 */
export async function exportText(
  db: Db,
  target: string,
  options: ExportOptions,
  pageText: (items: ExportItem[]) => TextPage,
  header = '',
): Promise<ExportResult> {
  const out = new TextOutput(target)
  try {
    if (header) out.write(header)
    const rows = await eachItemPage(db, options, async (items) => {
      const page = pageText(items)
      if (page.text) out.write(page.text)
      await out.drain()
      return page.rows
    })
    return { rows, bytes: await out.commit() }
  } catch (error) {
    await out.discard()
    throw error
  }
}

/** Records as JSON lines. */
export function jsonLines(records: readonly unknown[]): TextPage {
  let text = ''
  for (const record of records) text += `${JSON.stringify(record)}\n`
  return { text, rows: records.length }
}
