import fs from 'node:fs'
import path from 'node:path'
import type { ImportFormat } from '@shared/api/models'
import type { SourceRecord } from './fields'
import { inputError, type InputFile } from './importErrors'
import { parseJsonText } from './sources/jsonDocument'
import { parquetRowCount } from './sources/parquet'

export type ConcreteFormat = Exclude<ImportFormat, 'auto'>

/**
 * 'auto': the extension picks Parquet and CSV; otherwise the first non-blank character decides: `[` is an
 * instruction set, `{` starts a JSON record (read whole however long: a JSONL line or a pretty-printed document)
 * whose keys decide, and a first line naming instruction_id is a CSV header.
 */
export async function detectFormat(file: string, input: InputFile): Promise<ConcreteFormat> {
  // Uploads may sit at a temporary path without an extension; the name they came with still has it.
  const extension = (path.extname(file) || path.extname(input.name)).toLowerCase()
  if (extension === '.parquet' || startsWithParquetMagic(file)) {
    const { columns } = await parquetRowCount(file, { ...input, unit: 'record' })
    return columns.includes('instruction_id') && columns.includes('criterion') ? 'generic-parquet' : 'pollux-parquet'
  }
  if (extension === '.csv') return 'generic-csv'
  const start = firstRecord(file)
  const lineInput: InputFile = { ...input, unit: 'line' }
  if (start.kind === 'empty') throw inputError(input, 0, undefined, undefined, 'empty')
  if (start.kind === 'array') return 'pollux-instructions'
  if (start.kind === 'other') {
    if (/(^|,)"?instruction_id"?(,|$)/.test(start.text.trim())) return 'generic-csv'
    throw inputError(lineInput, start.line, undefined, start.text.slice(0, 120), 'unknown-start')
  }
  const first = parseJsonText(start.text, lineInput, start.line)
  if (first === null || typeof first !== 'object' || Array.isArray(first)) {
    throw inputError(lineInput, start.line, undefined, start.text.slice(0, 120), 'unknown-start')
  }
  const format = formatOfRecord(first as SourceRecord)
  if (!format) throw inputError(lineInput, start.line, undefined, Object.keys(first).slice(0, 12).join(', '), 'unknown-format')
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

type FirstRecord =
  | { kind: 'empty' }
  | { kind: 'array' }
  /** The first JSON object's text (from its `{` to the matching `}`, or to the end of a broken file) and its line. */
  | { kind: 'object'; text: string; line: number }
  /** Anything else: its first line (at most 1 MiB), e.g. a CSV header. */
  | { kind: 'other'; text: string; line: number }

const OTHER_LINE_LIMIT = 1 << 20

/**
 * Reads from the start only as far as the first record ends: blank space and a BOM are skipped, then a `{` is
 * followed through strings and nesting to its matching `}`. The pieces read are joined once.
 */
export function firstRecord(file: string): FirstRecord {
  const fd = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(1 << 20)
    const parts: Buffer[] = []
    let offset = 0
    let line = 1
    let kind: 'object' | 'other' | null = null
    let depth = 0
    let inString = false
    let escaped = false
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, offset)
      if (read === 0) break
      const chunk = buffer.subarray(0, read)
      let at = 0
      if (kind === null) {
        if (offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) at = 3
        for (; at < read; at++) {
          const byte = chunk[at]
          if (byte === 0x0a) line++
          else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) break
        }
        offset += read
        if (at === read) continue
        if (chunk[at] === 0x5b) return { kind: 'array' }
        kind = chunk[at] === 0x7b ? 'object' : 'other'
      } else offset += read
      const from = at
      let end = -1
      if (kind === 'other') {
        end = chunk.indexOf(0x0a, at)
      } else {
        for (; at < read; at++) {
          const byte = chunk[at]
          if (inString) {
            if (escaped) escaped = false
            else if (byte === 0x5c) escaped = true
            else if (byte === 0x22) inString = false
          } else if (byte === 0x22) inString = true
          else if (byte === 0x7b || byte === 0x5b) depth++
          else if ((byte === 0x7d || byte === 0x5d) && --depth === 0) {
            end = at + 1
            break
          }
        }
      }
      parts.push(Buffer.from(chunk.subarray(from, end === -1 ? read : end)))
      if (end !== -1) break
      if (kind === 'other' && offset >= OTHER_LINE_LIMIT) break
    }
    if (kind === null) return { kind: 'empty' }
    return { kind, text: Buffer.concat(parts).toString('utf8'), line }
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
