import fs from 'node:fs'
import path from 'node:path'
import type { ImportFormat } from '@shared/api/models'
import type { SourceRecord } from './fields'
import { inputError, type InputFile } from './importErrors'
import { readJsonDocument } from './sources/jsonDocument'
import { parquetRowCount } from './sources/parquet'

export type ConcreteFormat = Exclude<ImportFormat, 'auto'>

const PEEK_LIMIT = 16 << 20
/** Taxonomies and instruction-set arrays are read whole; anything bigger must be one record per line. */
const WHOLE_DOCUMENT_LIMIT = 256 << 20

/**
 * 'auto': the extension picks Parquet and CSV; for JSON and JSONL the first record's keys decide, and a JSON
 * document that is not one record per line is a taxonomy (criteria.json, tasks.json) or an instruction set.
 */
export async function detectFormat(file: string, input: InputFile): Promise<ConcreteFormat> {
  // Uploads may sit at a temporary path without an extension; the name they came with still has it.
  const extension = (path.extname(file) || path.extname(input.name)).toLowerCase()
  if (extension === '.parquet' || startsWithParquetMagic(file)) {
    const { columns } = await parquetRowCount(file, { ...input, unit: 'record' })
    return columns.includes('instruction_id') && columns.includes('criterion') ? 'generic-parquet' : 'pollux-parquet'
  }
  if (extension === '.csv') return 'generic-csv'
  const head = firstLine(file).replace(/^\uFEFF/, '').trim()
  if (head === '') throw inputError(input, 0, undefined, undefined, 'is empty')
  if (head.startsWith('[')) return 'pollux-instructions'
  if (!head.startsWith('{') && /(^|,)"?instruction_id"?(,|$)/.test(head)) return 'generic-csv'
  let first: unknown
  try {
    first = JSON.parse(head)
  } catch (error) {
    // Not one record per line: a pretty-printed JSON document, or a JSONL file whose first line is broken.
    if (fs.statSync(file).size > WHOLE_DOCUMENT_LIMIT) {
      throw inputError({ ...input, unit: 'line' }, 1, undefined, head, `is not valid JSON (${(error as Error).message})`)
    }
    first = await readJsonDocument(file, { ...input, unit: 'line' })
  }
  if (first === null || typeof first !== 'object' || Array.isArray(first)) {
    throw inputError({ ...input, unit: 'line' }, 1, undefined, head, 'starts with something other than a JSON object; cannot tell its format')
  }
  const format = formatOfRecord(first as SourceRecord)
  if (!format) {
    throw inputError(
      { ...input, unit: 'line' },
      1,
      undefined,
      Object.keys(first).slice(0, 12).join(', '),
      'has keys that match no import format (generic rows have instruction_id and criterion; POLLUX rows criteria_name and model_id; instruction sets prompt_id and criteria); choose the format explicitly',
    )
  }
  return format
}

function formatOfRecord(record: SourceRecord): ConcreteFormat | null {
  if ('prompt_id' in record || Array.isArray(record.criteria)) return 'pollux-instructions'
  if ('criteria_name' in record || 'model_id' in record) return 'pollux-jsonl'
  if ('instruction_id' in record || 'criterion' in record) return 'generic-jsonl'
  const values = Object.values(record)
  const sample = values[0]
  if (sample && typeof sample === 'object' && !Array.isArray(sample)) {
    if ('scale' in sample) return 'pollux-criteria'
    if ('tasks' in sample) return 'pollux-tasks'
  }
  return null
}

/** The file's first non-blank line (up to PEEK_LIMIT bytes), read synchronously: cheap, and only once. */
function firstLine(file: string): string {
  const fd = fs.openSync(file, 'r')
  try {
    let pending: Buffer[] = []
    let pendingBytes = 0
    let offset = 0
    const buffer = Buffer.alloc(64 << 10)
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, offset)
      if (read === 0) break
      offset += read
      const chunk = buffer.subarray(0, read)
      let start = 0
      for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
        const line = Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8')
        if (line.trim() !== '') return line
        pending = []
        pendingBytes = 0
        start = end + 1
      }
      pending.push(Buffer.from(chunk.subarray(start)))
      pendingBytes += read - start
      if (pendingBytes >= PEEK_LIMIT) break
    }
    return Buffer.concat(pending).toString('utf8')
  } finally {
    fs.closeSync(fd)
  }
}

function startsWithParquetMagic(file: string): boolean {
  const fd = fs.openSync(file, 'r')
  try {
    const magic = Buffer.alloc(4)
    return fs.readSync(fd, magic, 0, 4, 0) === 4 && magic.toString('latin1') === 'PAR1'
  } finally {
    fs.closeSync(fd)
  }
}
