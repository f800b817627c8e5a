import { inputError, type InputFile } from '../importErrors'
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
      if (value !== undefined) onRecord(value, line)
    }
    line++
  }
}

function malformed(input: InputFile, line: number, source: string, error: unknown): Error {
  const reason = (error as Error).message.replace(/^JSON\.parse: /, '')
  return inputError(input, line, undefined, source, `is not valid JSON (${reason})`)
}
