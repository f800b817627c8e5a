import { columnSignature, mappingFromJson, type ImportMapping } from '@shared/domain/importMapping'
import type { Db } from '../db'
import { MAPPING_HEAD_ROWS, needsMapping, readHead, type FileHead } from './mapped'

/** The mapping last used for a file with these columns (the same set, in any order), or null. */
export function savedMapping(db: Db, columns: readonly string[]): { mapping: ImportMapping; source: string } | null {
  const row = db.prepare('SELECT mapping, source FROM import_mappings WHERE signature = ?').get(columnSignature(columns)) as
    | { mapping: string; source: string }
    | undefined
  if (!row) return null
  try {
    return { mapping: mappingFromJson(JSON.parse(row.mapping)), source: row.source }
  } catch {
    return null
  }
}

/** Keeps the mapping for the next file with these columns (called inside the import's transaction). */
export function saveMapping(db: Db, columns: readonly string[], mapping: ImportMapping, source: string): void {
  db.prepare(
    `INSERT INTO import_mappings (signature, mapping, source) VALUES (?, ?, ?)
     ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping, source = excluded.source,
       used_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  ).run(columnSignature(columns), JSON.stringify(mapping), source)
}

/**
 * A file that needs a mapping and has one saved: its columns are not the long format and a mapping was kept
 * for them. Null for anything else (Castor's own formats, unreadable heads).
 */
export async function savedMappingForFile(db: Db, file: string, name: string): Promise<{ mapping: ImportMapping; source: string } | null> {
  let head: FileHead
  try {
    head = await readHead(file, name, MAPPING_HEAD_ROWS)
  } catch {
    return null
  }
  if (head.columns.length === 0 || !needsMapping(head.kind, head.columns)) return null
  return savedMapping(db, head.columns)
}
