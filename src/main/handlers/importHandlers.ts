import path from 'node:path'
import { suggestMapping } from '@shared/domain/importMapping'
import type { ImportPreview } from '@shared/api/importOperations'
import { importFile } from '../services/importers'
import { mappedKindOf, needsMapping, readHead } from '../services/importers/mapped'
import { savedMapping } from '../services/importers/savedMappings'
import { importSource } from './dataHandlers'
import type { HandlerMap } from './types'

const PREVIEW_ROWS = 10
const CELL_CHARS = 200

function cellText(value: unknown): string {
  if (value === undefined || value === null) return ''
  const text = typeof value === 'string' ? value : typeof value === 'bigint' ? String(value) : JSON.stringify(value)
  return text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS)}…` : text
}

export const importHandlers: HandlerMap<'import-preview' | 'import-mapped-start'> = {
  'import-preview': async ({ source }, context) => {
    const { db } = context.project.requireWritable()
    const { file, displayName } = importSource(source, 'auto', context)
    const name = path.basename(displayName)
    // A file whose head cannot be read as rows (a JSON taxonomy, broken text) is for import-start, which says why.
    const head = await readHead(file, displayName, PREVIEW_ROWS).catch(() => null)
    if (!head) return { file: name, kind: mappedKindOf(file, displayName), columns: [], rows: [], needsMapping: false, mapping: {}, savedFrom: null }
    const mappingNeeded = needsMapping(head.kind, head.columns)
    const saved = mappingNeeded ? savedMapping(db, head.columns) : null
    const preview: ImportPreview = {
      file: name,
      kind: head.kind,
      columns: head.columns,
      rows: head.rows.map((row) => head.columns.map((column) => cellText(row[column]))),
      needsMapping: mappingNeeded,
      mapping: saved?.mapping ?? suggestMapping(head.columns),
      savedFrom: saved ? path.basename(saved.source) : null,
    }
    return preview
  },
  'import-mapped-start': ({ source, mapping }, context) => {
    const { db } = context.project.requireWritable()
    const { file, displayName } = importSource(source, 'auto', context)
    const job = context.jobs.start({
      kind: 'import',
      label: path.basename(displayName),
      unit: 'bytes',
      run: async ({ report, signal }) => {
        const summary = await importFile(db, file, { signal, onProgress: report, displayName, mapping })
        context.project.changed()
        return summary
      },
    })
    return { jobId: job.id }
  },
}
