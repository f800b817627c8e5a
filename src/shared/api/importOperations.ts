import { z } from 'zod'
import { ATTRIBUTE_PREFIX, MAPPING_FIELDS } from '../domain/importMapping'
import { ProjectInfo } from './models'
import { operation } from './operation'

/** A file to import: a host path (desktop) or an upload (`castor serve`). */
const FileSource = z.union([
  z.object({ path: z.string().min(1).max(4096) }).strict(),
  z.object({ uploadId: z.string().regex(/^[a-f0-9]{32}$/) }).strict(),
])

/**
 * Long-format field → the file's column (domain/importMapping.ts); fields left out are absent. `meta.<name>` keeps
 * the column as an instruction attribute (`instructions.meta.<name>`).
 */
export const ImportMappingSchema = z.partialRecord(
  z.union([z.enum(MAPPING_FIELDS), z.templateLiteral([ATTRIBUTE_PREFIX, z.string().min(1).max(200)])]),
  z.string().min(1).max(1000),
)

export const ImportPreview = z.object({
  file: z.string(),
  kind: z.enum(['csv', 'jsonl', 'parquet']),
  columns: z.array(z.string()),
  /** The first rows, one cell per column, as display text (long cells cut short). */
  rows: z.array(z.array(z.string())),
  /** False for Castor's own formats (long format, POLLUX): import those with import-start. */
  needsMapping: z.boolean(),
  /** The mapping saved for these columns, else a guess from the column names. */
  mapping: ImportMappingSchema,
  /** The file the saved mapping was last used with; null when `mapping` is a guess. */
  savedFrom: z.string().nullable(),
})
export type ImportPreview = z.infer<typeof ImportPreview>

/** Import with a column mapping (owner, as every import). */
export const importOperations = {
  /** The file's columns and first rows (only its head is read), and the mapping to offer. */
  'import-preview': operation(z.object({ source: FileSource }).strict(), ImportPreview),
  /** Imports the file through the mapping as a job (`job-progress`), and keeps the mapping for these columns. */
  'import-mapped-start': operation(z.object({ source: FileSource, mapping: ImportMappingSchema }).strict(), z.object({ jobId: z.string() })),
  /** `castor serve --new`: an uploaded .castor file becomes the served project (copied to the new file's path). */
  'project-open-upload': operation(z.object({ uploadId: z.string().regex(/^[a-f0-9]{32}$/) }).strict(), ProjectInfo),
} as const
