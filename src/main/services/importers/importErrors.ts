import { CastorError, type ErrorCode } from '@shared/api/errors'

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

/** A value as a message shows it: JSON, long texts cut short. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = typeof value === 'bigint' ? String(value) : JSON.stringify(value)
  if (text === undefined) return String(value)
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text
}

function shortValue(value: unknown): unknown {
  if (typeof value === 'string' && value.length > MAX_SHOWN) return `${value.slice(0, MAX_SHOWN)}…`
  if (typeof value === 'bigint') return Number(value)
  return value
}

/**
 * The error every importer throws for bad input: names file, line/row/record, field and value.
 * `position` 0 means the file as a whole.
 */
export function inputError(
  input: InputFile,
  position: number,
  field: string | undefined,
  value: unknown,
  reason: string,
  code: ErrorCode = 'invalid-input',
): CastorError {
  const where = position > 0 ? `${input.name}, ${input.unit} ${position}` : input.name
  const column = field ? input.columns?.[field] : undefined
  const subject = column !== undefined ? `: column "${column}" (${field}) ` : field ? `: field "${field}" ` : ': '
  return new CastorError(code, `${where}${subject}${reason}`, {
    file: input.name,
    ...(position > 0 ? { line: position } : {}),
    ...(field ? { field } : {}),
    ...(column !== undefined ? { column } : {}),
    ...(value !== undefined ? { value: shortValue(value) } : {}),
  })
}
