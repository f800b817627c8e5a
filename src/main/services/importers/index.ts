import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import type { ImportFormat, ImportSummary } from '@shared/api/models'
import type { ImportMapping } from '@shared/domain/importMapping'
import { projectFileOf, type Db } from '../db'
import { expandCriteriaSets } from '../criteria/sets'
import { projectCounts } from '../project/projectInfo'
import { detectFormat, type ConcreteFormat } from './detectFormat'
import { asRecord, describeType, type SourceRecord } from './fields'
import { inputError, type InputFile, type PositionUnit } from './importErrors'
import { ImportProgress } from './progress'
import { MAPPING_HEAD_ROWS, mappedKindOf, readHead, readMapped, type MappedKind } from './mapped'
import { saveMapping } from './savedMappings'
import { readGenericJsonlInWorker, wantsWorker } from './workerImport'
import { ProjectWriter } from './projectWriter'
import type { ScoreRow } from './rows'
import { checkGenericHeader, normaliseGenericRecord, restoreCells } from './formats/generic'
import { importPolluxCriteria } from './formats/polluxCriteria'
import { normaliseInstructionSet } from './formats/polluxInstructions'
import { checkPolluxColumns, PolluxRowNormaliser } from './formats/polluxRows'
import { importPolluxTasks } from './formats/polluxTasks'
import { readCsv } from './sources/csv'
import { readJsonDocument } from './sources/jsonDocument'
import { readJsonl } from './sources/jsonl'
import { parquetRowCount, readParquet } from './sources/parquet'

export interface ImportOptions {
  format?: ImportFormat
  signal?: AbortSignal
  /** Progress in bytes of the input file (or records for Parquet), plus rows handled so far. */
  onProgress?: (done: number, total: number | null, rows: number) => void
  /** The name to use in messages and the imports table (uploads have a temp path). */
  displayName?: string
  /**
   * Generic JSONL: parse in a worker thread while this one writes. Unset: for files from 8 MiB up
   * (CASTOR_IMPORT_WORKER_MIN_BYTES overrides); false: never. Where no worker can start, it parses in-thread.
   */
  parallel?: boolean
  /**
   * Read a CSV, JSONL or Parquet file whose columns are not Castor's through this mapping (long-format field →
   * column; importers/mapped.ts). The mapping is kept for the next file with the same columns.
   */
  mapping?: ImportMapping
}

const UNIT_OF_KIND: Record<MappedKind, PositionUnit> = { csv: 'row', jsonl: 'line', parquet: 'record' }

/** Files up to this size get their SHA-256 recorded in `imports`; hashing bigger ones costs more than it tells. */
const HASH_LIMIT = 64 << 20
/** SQLite page cache during an import (KiB): bounded, and large enough that index inserts rarely hit the disk. */
const IMPORT_CACHE_KIB = 32 << 10

/**
 * Imports a file into the project in one IMMEDIATE transaction: all of it lands, or (on any error, or when
 * cancelled) nothing does. Repeating an import leaves the same counts: rows are upserted, and scores from an
 * earlier import are replaced, while a score repeated within the file is an error.
 */
export async function importFile(db: Db, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now()
  const name = options.displayName ?? file
  if (db.readonly) throw inputError({ name, unit: 'line' }, 0, undefined, undefined, 'project-read-only', undefined, 'read-only')
  requireNoOpenTransaction(db, name)
  const size = fileSize(file, name)
  const mapping = options.mapping
  const mappedKind = mapping ? mappedKindOf(file, name) : null
  const format: ConcreteFormat = mappedKind
    ? `generic-${mappedKind}`
    : !options.format || options.format === 'auto'
      ? await detectFormat(file, { name, unit: 'line' })
      : options.format
  const input: InputFile = { name, unit: mappedKind ? UNIT_OF_KIND[mappedKind] : unitOf(format, file) }
  const mappedColumns = mappedKind ? (await readHead(file, name, MAPPING_HEAD_ROWS)).columns : null
  const total = format === 'pollux-parquet' || format === 'generic-parquet' ? (await parquetRowCount(file, input)).rows : size
  const progress = new ImportProgress(name, total, options.onProgress, options.signal)
  progress.throwIfCancelled()
  const sha256 = size <= HASH_LIMIT ? await hashFile(file) : null
  const before = countAll(db)

  return withImportTransaction(db, async () => {
    const firstNewInstruction = db.prepare('SELECT coalesce(max(id), 0) + 1 FROM instructions').pluck().get() as number
    const importId = db.prepare('INSERT INTO imports (source, format, sha256, rows) VALUES (?, ?, ?, 0) RETURNING id').pluck().get(name, format, sha256) as number
    if (mapping && mappedKind && mappedColumns) {
      await readMapped(mappedKind, file, input, mapping, progress, db, importId)
      saveMapping(db, mappedColumns, mapping, name)
      db.prepare('UPDATE imports SET mapping = ? WHERE id = ?').run(JSON.stringify(mapping), importId)
    } else {
      await runFormat(format, { db, file, input, progress, importId, parallel: wantsWorker(size, options.parallel) })
    }
    // instructions this import added get the criteria (and their answers the items) of the sets that apply
    await expandCriteriaSets(db, { fromInstructionId: firstNewInstruction })
    if (progress.rows === 0) throw inputError(input, 0, undefined, undefined, 'no-records')
    const after = countAll(db)
    const added = Object.fromEntries(Object.entries(after).map(([key, value]) => [key, value - before[key as keyof typeof before]])) as ImportSummary['added']
    const summary: ImportSummary = { file: name, format, rows: progress.rows, added, durationMs: Math.round(performance.now() - started) }
    db.prepare('UPDATE imports SET rows = ?, summary = ? WHERE id = ?').run(progress.rows, JSON.stringify(summary), importId)
    progress.checkpoint(total, true)
    return summary
  }, name)
}

interface FormatRun {
  db: Db
  file: string
  input: InputFile
  progress: ImportProgress
  importId: number
  parallel: boolean
}

async function runFormat(format: ConcreteFormat, run: FormatRun): Promise<void> {
  const { db, file, input, progress, importId } = run
  /** A score-row format: its reader hands records to its normaliser, and the one writer stores the rows. */
  const scoreRows = (
    read: (onRecord: (record: SourceRecord, position: number) => void) => Promise<void>,
    normalise: (record: SourceRecord, position: number) => ScoreRow,
  ) => {
    const writer = new ProjectWriter(db, input, importId)
    return read((record, position) => writer.writeScoreRow(normalise(record, position), position))
  }
  const generic = (record: SourceRecord, position: number) => normaliseGenericRecord(input, record, position)
  const jsonlRecords = (onRecord: (record: SourceRecord, line: number) => void) =>
    readJsonl(file, input, progress, (value, line) => onRecord(asRecord(input, line, value), line))
  switch (format) {
    case 'generic-jsonl': {
      const writer = new ProjectWriter(db, input, importId)
      if (run.parallel && (await readGenericJsonlInWorker(file, input, progress, (row, line) => writer.writeScoreRow(row, line)))) return
      return jsonlRecords((record, line) => writer.writeScoreRow(generic(record, line), line))
    }
    case 'generic-csv':
      return scoreRows((onRecord) => readCsv(file, input, progress, (columns) => checkGenericHeader(input, columns), onRecord), (record, row) => generic(restoreCells(record), row))
    case 'generic-parquet':
      return scoreRows((onRecord) => readParquet(file, input, progress, (columns) => checkGenericHeader(input, columns), onRecord), generic)
    case 'pollux-jsonl': {
      const rows = new PolluxRowNormaliser(input)
      return scoreRows(jsonlRecords, (record, line) => rows.normalise(record, line))
    }
    case 'pollux-parquet': {
      const rows = new PolluxRowNormaliser(input)
      return scoreRows(
        (onRecord) => readParquet(file, input, progress, (columns) => checkPolluxColumns(input, columns), onRecord),
        (record, position) => rows.normalise(record, position),
      )
    }
    case 'pollux-instructions': {
      const writer = new ProjectWriter(db, input, importId)
      const write = (value: unknown, position: number) =>
        writer.writeInstructionSet(normaliseInstructionSet(input, asRecord(input, position, value), position), position, 'instruction')
      if (input.unit === 'line') return readJsonl(file, input, progress, write)
      const document = await readJsonDocument(file, input)
      if (!Array.isArray(document)) throw inputError(input, 0, undefined, undefined, 'not-instruction-array', { type: describeType(document) })
      document.forEach((value, index) => {
        progress.rows++
        write(value, index + 1)
      })
      return
    }
    case 'pollux-criteria':
      return importPolluxCriteria(db, input, await readJsonDocument(file, input), progress)
    case 'pollux-tasks':
      return importPolluxTasks(db, input, await readJsonDocument(file, input), progress)
  }
}

/** What positions in the file are called: lines of JSONL, rows of CSV, records of Parquet and JSON documents. */
function unitOf(format: ConcreteFormat, file: string): PositionUnit {
  if (format === 'generic-csv') return 'row'
  if (format === 'generic-jsonl' || format === 'pollux-jsonl') return 'line'
  if (format === 'pollux-instructions') return startsWithBracket(file) ? 'record' : 'line'
  return 'record'
}

function startsWithBracket(file: string): boolean {
  const fd = fs.openSync(file, 'r')
  try {
    const head = Buffer.alloc(4096)
    const read = fs.readSync(fd, head, 0, head.length, 0)
    return head.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('[')
  } finally {
    fs.closeSync(fd)
  }
}

function fileSize(file: string, name: string): number {
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch {
    throw inputError({ name, unit: 'line' }, 0, undefined, undefined, 'no-such-file', undefined, 'not-found')
  }
  if (!stat.isFile()) throw inputError({ name, unit: 'line' }, 0, undefined, undefined, 'not-a-file')
  if (stat.size === 0) throw inputError({ name, unit: 'line' }, 0, undefined, undefined, 'empty')
  return stat.size
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Everything an import can add, so that its summary counts each kind (a taxonomy adds tasks and nothing else). */
function countAll(db: Db): ImportSummary['added'] {
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  return { ...projectCounts(db), judgeRuns: count('judge_runs'), tasks: count('tasks') }
}

function requireNoOpenTransaction(db: Db, name: string): void {
  if (db.inTransaction) throw inputError({ name, unit: 'line' }, 0, undefined, undefined, 'import-in-progress', undefined, 'conflict')
}

/**
 * One IMMEDIATE transaction around asynchronous work (the file is streamed). better-sqlite3's transaction()
 * cannot span awaits, so BEGIN / COMMIT / ROLLBACK are issued here; the page cache is enlarged meanwhile.
 */
async function withImportTransaction<T>(db: Db, work: () => Promise<T>, name: string): Promise<T> {
  // Checked again: another import may have begun while this one read the file's format and hash.
  requireNoOpenTransaction(db, name)
  const cacheSize = db.pragma('cache_size', { simple: true }) as number
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`)
  try {
    db.exec('BEGIN IMMEDIATE')
    const result = await work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw notWritable(db, error, name) ?? error
  } finally {
    db.pragma(`cache_size = ${cacheSize}`)
  }
}

/** SQLite refusing to write (a read-only file or folder, a full or vanished disk) named as the project file that is not writable. */
function notWritable(db: Db, error: unknown, name: string): Error | null {
  const code = (error as { code?: unknown }).code
  if (typeof code !== 'string' || !/^SQLITE_(READONLY|CANTOPEN|IOERR|FULL|PERM)/.test(code)) return null
  return inputError({ name, unit: 'line' }, 0, undefined, undefined, 'project-not-writable', { project: projectFileOf(db), detail: (error as Error).message }, 'read-only')
}
