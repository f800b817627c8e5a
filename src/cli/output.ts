import { serializeError, type ErrorLocation, type SerializedError } from '@shared/api/errors'

/** How a command reports: human text, or JSON objects one per line on stdout (`--json`). */
export interface OutputMode {
  json: boolean
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`)
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`)
}

export function describeLocation(location: ErrorLocation | undefined): string | null {
  if (!location) return null
  const parts: string[] = []
  if (location.file) parts.push(location.line !== undefined ? `${location.file}:${location.line}` : location.file)
  else if (location.line !== undefined) parts.push(`line ${location.line}`)
  if (location.field) parts.push(`field "${location.field}"`)
  if (location.value !== undefined) parts.push(`value ${truncate(safeJson(location.value), 80)}`)
  return parts.length ? parts.join(', ') : null
}

/** Reports a failure: the message and where it happened on stderr; with --json also `{error}` on stdout. */
export function reportError(error: unknown, mode: OutputMode): SerializedError {
  const serialized = serializeError(error)
  const where = describeLocation(serialized.location)
  process.stderr.write(`castor: ${serialized.message}\n${where ? `  at ${where}\n` : ''}`)
  if (serialized.code === 'internal' && process.env.CASTOR_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`)
  }
  if (mode.json) printJson({ error: { code: serialized.code, message: serialized.message, location: serialized.location ?? null } })
  return serialized
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

export function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}
