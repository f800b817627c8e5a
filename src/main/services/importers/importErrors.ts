import { CastorError, type ErrorCode } from '@shared/api/errors'
import { importReasonText, type ImportReasonKey, type ImportReasonParams } from '@shared/api/importReasons'
import { notApplicableSpellingList } from '@shared/domain/notApplicable'
import type { ScoreParse } from '@shared/domain/rubric'

/** What a position in an input file is called in messages: JSONL lines, CSV data rows, Parquet / JSON records. */
export type PositionUnit = 'line' | 'row' | 'record'

/** The file being imported, as messages name it. */
export interface InputFile {
  /** options.displayName ?? the path. */
  name: string
  unit: PositionUnit
  /** A mapped import: the source column of each long-format field, so that messages name the column too. */
  columns?: Readonly<Record<string, string>>
}

const MAX_SHOWN = 120

/**
 * A value as a message shows it: compact JSON (nested values too, never "[object Object]"), long texts cut
 * short; a number JSON cannot write (Infinity) as its text; a value too deep to write as a short marker.
 */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  let text: string | undefined
  try {
    text = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value, jsonSafe)
  } catch {
    text = Array.isArray(value) ? '[…]' : typeof value === 'object' ? '{…}' : String(value)
  }
  if (text === undefined) return String(value)
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return String(value)
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  return value
}

/**
 * The value kept in an error's location (it crosses the contract as JSON): texts cut short, a small object as it
 * is, a large or deeply nested one as its compact JSON cut short.
 */
function shortValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value
  if (typeof value === 'bigint') return String(value)
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (value !== null && typeof value === 'object') {
    const text = showValue(value)
    if (text.length >= MAX_SHOWN || text.endsWith('…')) return text
    try {
      return JSON.parse(text) as unknown
    } catch {
      return text // a marker for a value too deep to write
    }
  }
  return value
}

/**
 * The error every importer throws for bad input: names file, line/row/record, field and value, and carries its
 * reason as a key + parameters (shared/api/importReasons.ts) for the UI; the message is the English text.
 * `position` 0 means the file as a whole.
 */
export function inputError(
  input: InputFile,
  position: number,
  field: string | undefined,
  value: unknown,
  reason: ImportReasonKey,
  params?: ImportReasonParams,
  code: ErrorCode = 'invalid-input',
): CastorError {
  const where = position > 0 ? `${input.name}, ${input.unit} ${position}` : input.name
  const column = field ? input.columns?.[field] : undefined
  const subject = column !== undefined ? `: column "${column}" (${field}) ` : field ? `: field "${field}" ` : ': '
  const text = importReasonText({ key: reason, params })
  return new CastorError(code, `${where}${subject}${text}`, {
    file: input.name,
    ...(position > 0 ? { line: position, unit: input.unit } : {}),
    ...(field ? { field } : {}),
    ...(column !== undefined ? { column } : {}),
    ...(value !== undefined ? { value: shortValue(value) } : {}),
    reason: params ? { key: reason, params } : { key: reason },
  })
}

/** A score cell that is not a score (shared/domain/rubric.ts parseScore), with the N/A spellings it could have used. */
export function scoreError(input: InputFile, position: number, field: string, value: unknown, parsed: Extract<ScoreParse, { ok: false }>): CastorError {
  if (parsed.problem === 'not-finite') return inputError(input, position, field, value, 'score-not-finite')
  if (parsed.problem === 'wrong-type') return inputError(input, position, field, value, 'score-wrong-type', { type: parsed.type ?? 'something else' })
  return inputError(input, position, field, value, 'score-not-a-number', { spellings: notApplicableSpellingList })
}
