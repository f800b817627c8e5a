import type { CastorError } from '@shared/api/errors'
import { inputError, type InputFile } from '../importErrors'
import { ExactJsonError, needsExactParse, parseExactJson } from './exactJson'
import type { ImportProgress } from '../progress'
import { blockLines } from './blockLines'
import { readTextBlocks } from './textBlocks'

/** Calls `onRecord` with every JSON value of a JSONL file and its 1-based line number; blank lines are skipped. */
export async function readJsonl(
  file: string,
  input: InputFile,
  progress: ImportProgress,
  onRecord: (value: unknown, line: number) => void,
): Promise<void> {
  const count = (value: unknown, line: number) => {
    progress.rows++
    onRecord(value, line)
  }
  await readTextBlocks(file, input, (bytes, firstLine, bytesDone) => {
    parseJsonlBlock(bytes, firstLine, input, count)
    progress.checkpoint(bytesDone)
  })
}

/**
 * Parses a block of whole lines (valid UTF-8, as readTextBlocks gives them) whose first line is `firstLine`;
 * blank lines are skipped. The import worker parses most blocks itself and hands some to the main thread.
 * JSON.parse reads every line; the few that it may have changed (exactJson.ts needsExactParse: big integers,
 * duplicated keys, numbers out of range) are read again exactly, and a value too deep for the code that handles
 * it is refused naming its line and field instead of overflowing the stack.
 */
export function parseJsonlBlock(bytes: Uint8Array, firstLine: number, input: InputFile, onRecord: (value: unknown, line: number) => void): void {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let line = firstLine
  for (const source of blockLines(buffer)) {
    if (source.length > 0) {
      let value: unknown
      try {
        value = JSON.parse(source)
      } catch (error) {
        if (source.trim() !== '') throw malformed(input, line, source, error)
        value = undefined
      }
      if (value !== undefined) {
        if (needsExactParse(source, value)) value = parseExactRecord(input, line, source)
        try {
          onRecord(value, line)
        } catch (error) {
          if (!isStackOverflow(error)) throw error
          parseExactRecord(input, line, source) // names the field nested too deep
          throw error
        }
      }
    }
    line++
  }
}

/** A record read exactly (exactJson.ts); its failures name the line, the field and what is wrong. */
export function parseExactRecord(input: InputFile, line: number, source: string): unknown {
  try {
    return parseExactJson(source)
  } catch (error) {
    if (!(error instanceof ExactJsonError)) throw error
    throw exactJsonInputError(input, line, source, error)
  }
}

export function exactJsonInputError(input: InputFile, line: number, source: string, error: ExactJsonError): CastorError {
  const { failure, field } = error
  switch (failure.kind) {
    case 'duplicate-key':
      return inputError(input, line, field, failure.key, 'duplicate-key', { key: failure.key })
    case 'number-out-of-range':
      return inputError(input, line, field, failure.token, 'number-out-of-range', { token: failure.token })
    case 'too-deep':
      return inputError(input, line, field, source.slice(error.offset - 40 < 0 ? 0 : error.offset - 40, error.offset + 40), 'too-deep', { depth: failure.depth })
    case 'syntax':
      return inputError(input, line, field, source.slice(Math.max(0, error.offset - 40), error.offset + 40), 'not-json', { detail: `${failure.detail} at character ${error.offset + 1}` })
  }
}

export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message)
}

function malformed(input: InputFile, line: number, source: string, error: unknown): Error {
  const detail = (error as Error).message.replace(/^JSON\.parse: /, '')
  return inputError(input, line, undefined, source, 'not-json', { detail })
}
