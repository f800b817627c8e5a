import type { Db } from '../db'
import { jsonLinesOf } from './longFormat'
import { TextOutput } from './outputFile'
import { eachItemPage, type ExportOptions, type ExportResult } from './paging'

/** The generic long format as JSON lines. */
export async function exportJsonl(db: Db, target: string, options: ExportOptions): Promise<ExportResult> {
  const out = new TextOutput(target)
  try {
    const rows = await eachItemPage(db, options, async (items) => {
      let written = 0
      for (const item of items) {
        const lines = jsonLinesOf(item)
        out.write(lines.join(''))
        written += lines.length
      }
      await out.drain()
      return written
    })
    return { rows, bytes: await out.commit() }
  } catch (error) {
    await out.discard()
    throw error
  }
}
