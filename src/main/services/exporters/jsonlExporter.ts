import type { Db } from '../db'
import { jsonLinesOf } from './longFormat'
import type { ExportOptions, ExportResult } from './paging'
import { exportText } from './textExport'

/** The generic long format as JSON lines. */
export function exportJsonl(db: Db, target: string, options: ExportOptions): Promise<ExportResult> {
  return exportText(db, target, options, (items) => {
    const lines = items.flatMap(jsonLinesOf)
    return { text: lines.join(''), rows: lines.length }
  })
}
