import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'
import { mappingAttributes, mappingEntries, mappingProblems, MAPPING_FIELDS, type ImportMapping } from '@shared/domain/importMapping'
import { asRecord, isAbsent, optionalText, requiredId, requiredText, type SourceRecord } from './fields'
import { inputError, type InputFile } from './importErrors'
import { ImportProgress } from './progress'
import type { Db } from '../db'
import { ProjectWriter } from './projectWriter'
import type { InstructionFields } from './rows'
import { genericColumns, genericRequiredColumns, normaliseGenericRecord } from './formats/generic'
import { readCsv } from './sources/csv'
import { readJsonl } from './sources/jsonl'
import { readParquet } from './sources/parquet'

/**
 * Import through a column mapping: a row-transform layer in front of the generic long format. Each source record
 * becomes a long-format record (field ← its mapped column); rows with a criterion go through the generic
 * normaliser, rows without one only make their instruction and answer (items come from criteria sets). Messages
 * name the source column beside the field (InputFile.columns).
 */
export type MappedKind = 'csv' | 'jsonl' | 'parquet'

/** CSV, JSONL or Parquet, by extension (of the path, else of the name uploads came with), else by content. */
export function mappedKindOf(file: string, name: string): MappedKind {
  const extension = (path.extname(file) || path.extname(name)).toLowerCase()
  if (extension === '.parquet') return 'parquet'
  if (extension === '.csv' || extension === '.tsv') return 'csv'
  if (extension === '.jsonl' || extension === '.json' || extension === '.ndjson') return 'jsonl'
  const fd = fs.openSync(file, 'r')
  try {
    const head = Buffer.alloc(256)
    const read = fs.readSync(fd, head, 0, head.length, 0)
    if (read >= 4 && head.toString('latin1', 0, 4) === 'PAR1') return 'parquet'
    return head.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'jsonl' : 'csv'
  } finally {
    fs.closeSync(fd)
  }
}

export interface FileHead {
  kind: MappedKind
  columns: string[]
  rows: SourceRecord[]
}

const HEAD_DONE = new Error('head read')
/** Rows of the head whose columns key a saved mapping (JSONL has no header: the keys of its first records). */
export const MAPPING_HEAD_ROWS = 50

/** The file's columns and first rows, reading only its head (one block of text, or one range of Parquet rows). */
export async function readHead(file: string, name: string, limit: number): Promise<FileHead> {
  const kind = mappedKindOf(file, name)
  const rows: SourceRecord[] = []
  if (kind === 'parquet') {
    const input: InputFile = { name, unit: 'record' }
    let metadata
    try {
      metadata = await parquetMetadataAsync(await asyncBufferFromFile(file))
    } catch (error) {
      throw inputError(input, 0, undefined, undefined, 'not-parquet', { detail: (error as Error).message })
    }
    const columns = parquetSchema(metadata).children.map((child) => child.element.name)
    const rowEnd = Math.min(limit, Number(metadata.num_rows))
    if (rowEnd > 0) rows.push(...((await parquetReadObjects({ file: await asyncBufferFromFile(file), metadata, rowStart: 0, rowEnd })) as SourceRecord[]))
    return { kind, columns, rows }
  }
  const progress = new ImportProgress(name, null)
  const keep = (record: SourceRecord) => {
    rows.push(record)
    if (rows.length >= limit) throw HEAD_DONE
  }
  let columns: string[] = []
  try {
    if (kind === 'csv') {
      await readCsv(file, { name, unit: 'row' }, progress, (header) => void (columns = header), keep)
    } else {
      const input: InputFile = { name, unit: 'line' }
      await readJsonl(file, input, progress, (value, line) => keep(asRecord(input, line, value)))
    }
  } catch (error) {
    if (error !== HEAD_DONE) throw error
  }
  if (kind === 'jsonl') columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  return { kind, columns, rows }
}

/** Whether columns are Castor's own long format (then no mapping is needed). */
export function isLongFormat(columns: readonly string[]): boolean {
  return genericRequiredColumns.every((column) => columns.includes(column)) && columns.every((column) => genericColumns.has(column))
}

/** Columns of POLLUX's own files: those import without a mapping. */
const POLLUX_COLUMNS = ['criteria_name', 'model_id', 'prompt_id', 'criteria']

/**
 * Whether a file with these columns is for a mapping: not Castor's long format (CSV: exactly its columns, as the
 * generic CSV reader wants; JSONL and Parquet: its required columns, other keys are ignored there) and not POLLUX's.
 */
export function needsMapping(kind: MappedKind, columns: readonly string[]): boolean {
  if (columns.some((column) => POLLUX_COLUMNS.includes(column))) return false
  return kind === 'csv' ? !isLongFormat(columns) : !genericRequiredColumns.every((column) => columns.includes(column))
}

/** Refuses a mapping that does not fit the columns, naming each problem. */
export function requireValidMapping(input: InputFile, mapping: ImportMapping, columns: readonly string[]): void {
  const problems = mappingProblems(mapping, columns)
  if (problems.length) throw inputError(input, 0, undefined, undefined, 'mapping-invalid', { problems: problems.map((problem) => problem.message).join('; ') })
}

/** An InputFile whose messages name each mapped field's source column. */
export function mappedInput(input: InputFile, mapping: ImportMapping): InputFile {
  return { ...input, columns: Object.fromEntries(mappingEntries(mapping)) }
}

/**
 * Turns one source record into what the writer stores. An unmapped instruction_id is derived from the
 * instruction's text (the same text is the same instruction); an unmapped model is the file's name.
 */
export class MappedRows {
  private readonly defaultModel: string
  private readonly attributes: [name: string, column: string][]

  constructor(
    private readonly input: InputFile,
    private readonly mapping: ImportMapping,
  ) {
    this.defaultModel = path.basename(input.name).replace(/\.[^.]+$/, '') || 'model'
    this.attributes = mappingAttributes(mapping)
  }

  /**
   * The row's instruction attributes (absent values left out): `difficulty` and `domain` are instruction columns,
   * the others `instructions.meta` JSON. The first row of an instruction in an import sets them (the writer caches it).
   */
  private attributesOf(source: SourceRecord): Pick<InstructionFields, 'difficulty' | 'domain' | 'meta'> {
    const fields: Pick<InstructionFields, 'difficulty' | 'domain' | 'meta'> = { difficulty: null, domain: null, meta: null }
    if (this.attributes.length === 0) return fields
    const meta: Record<string, unknown> = {}
    for (const [name, column] of this.attributes) {
      const value = source[column]
      if (isAbsent(value)) continue
      if (name === 'difficulty' || name === 'domain') fields[name] = String(value)
      else meta[name] = value
    }
    if (Object.keys(meta).length) fields.meta = JSON.stringify(meta)
    return fields
  }

  write(writer: ProjectWriter, source: SourceRecord, position: number): void {
    const record: SourceRecord = {}
    for (const field of MAPPING_FIELDS) {
      const column = this.mapping[field]
      if (column !== undefined) record[field] = source[column]
    }
    const input = this.input
    if (this.mapping.instruction_id === undefined) record.instruction_id = textId(requiredText(input, position, record, 'instruction'))
    if (this.mapping.model === undefined) record.model = this.defaultModel
    if (this.mapping.criterion !== undefined && !isAbsent(record.criterion)) {
      const row = normaliseGenericRecord(input, record, position)
      Object.assign(row.instruction, this.attributesOf(source))
      writer.writeScoreRow(row, position)
      return
    }
    for (const field of ['score', 'rubric', 'annotator', 'judge'] as const) {
      if (!isAbsent(record[field])) throw inputError(input, position, 'criterion', record.criterion, 'criterion-empty-but-given', { field })
    }
    const instruction: InstructionFields = {
      externalId: requiredId(input, position, record, 'instruction_id'),
      text: requiredText(input, position, record, 'instruction'),
      referenceAnswer: optionalText(input, position, record, 'reference_answer'),
      taskPath: optionalText(input, position, record, 'task'),
      ...this.attributesOf(source),
    }
    writer.writeAnswer(instruction, requiredId(input, position, record, 'model'), requiredText(input, position, record, 'answer'), position)
  }
}

function textId(text: string): string {
  return createHash('sha256').update(text.normalize('NFC')).digest('hex').slice(0, 12)
}

/** Reads the file through the mapping into the writer (inside the import's transaction). */
export async function readMapped(
  kind: MappedKind,
  file: string,
  input: InputFile,
  mapping: ImportMapping,
  progress: ImportProgress,
  db: Db,
  importId: number,
): Promise<void> {
  const mapped = mappedInput(input, mapping)
  const writer = new ProjectWriter(db, mapped, importId)
  const rows = new MappedRows(mapped, mapping)
  const write = (record: SourceRecord, position: number) => rows.write(writer, record, position)
  if (kind === 'csv') return readCsv(file, mapped, progress, (columns) => requireValidMapping(input, mapping, columns), write)
  if (kind === 'parquet') return readParquet(file, mapped, progress, (columns) => requireValidMapping(input, mapping, columns), write)
  // JSONL has no header: the mapping is checked for its own consistency; a missing key is an absent value.
  const columnsOfMapping = mappingEntries(mapping).map(([, column]) => column)
  requireValidMapping(input, mapping, columnsOfMapping)
  return readJsonl(file, mapped, progress, (value, line) => write(asRecord(mapped, line, value), line))
}
