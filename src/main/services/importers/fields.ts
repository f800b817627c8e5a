import { inputError, type InputFile } from './importErrors'

/**
 * Hand-written field checks for the hot path (no schema library per row): each returns the value in the type
 * the writer needs or throws the precise error naming file, position, field and value.
 */
export type SourceRecord = Record<string, unknown>

export function asRecord(input: InputFile, position: number, value: unknown): SourceRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw inputError(input, position, undefined, value, 'expected-object', { type: describeType(value) })
  }
  return value as SourceRecord
}

export function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** A value that is absent: missing key, null or an empty string (CSV has no null). */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

/** Text that must be there and not be blank. */
export function requiredText(input: InputFile, position: number, record: SourceRecord, field: string): string {
  const value = record[field]
  if (typeof value === 'string') {
    if (value.trim() === '') throw inputError(input, position, field, value, 'blank')
    return value
  }
  if (value === undefined || value === null) throw inputError(input, position, field, value, 'missing')
  throw inputError(input, position, field, value, 'must-be-text', { type: describeType(value) })
}

/** An identifier: text or a whole number (JSON ids are often numbers). */
export function requiredId(input: InputFile, position: number, record: SourceRecord, field: string): string {
  const value = record[field]
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'bigint') return String(value)
  return requiredText(input, position, record, field).trim()
}

export function optionalText(input: InputFile, position: number, record: SourceRecord, field: string): string | null {
  const value = record[field]
  if (typeof value === 'string') return value === '' ? null : value
  if (value === undefined || value === null) return null
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  throw inputError(input, position, field, value, 'must-be-text', { type: describeType(value) })
}

/** An optional number (POLLUX criteria_score): null when absent; numeric text is accepted. */
export function optionalNumber(input: InputFile, position: number, record: SourceRecord, field: string): number | null {
  const value = record[field]
  if (isAbsent(value)) return null
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'string' && /^\s*-?\d+(?:[.,]\d+)?\s*$/.test(value)) return Number(value.replace(',', '.'))
  throw inputError(input, position, field, value, 'must-be-number')
}

/** The first of several alias fields that the record has (present, even if null); undefined when none. */
export function firstPresent(record: SourceRecord, fields: readonly string[]): string | undefined {
  for (const field of fields) if (record[field] !== undefined) return field
  return undefined
}
