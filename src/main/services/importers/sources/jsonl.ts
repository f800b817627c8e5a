import { inputError, type InputFile } from '../importErrors'
import type { ImportProgress } from '../progress'
import { readTextBlocks } from './textBlocks'

const NEWLINE = 0x0a

/** Calls `onRecord` with every JSON value of a JSONL file and its 1-based line number; blank lines are skipped. */
export async function readJsonl(
  file: string,
  input: InputFile,
  progress: ImportProgress,
  onRecord: (value: unknown, line: number) => void,
): Promise<void> {
  await readJsonlValues(
    file,
    input,
    (value, line) => {
      progress.rows++
      onRecord(value, line)
    },
    (bytesDone) => progress.checkpoint(bytesDone),
  )
}

/**
 * The parsing under readJsonl, without an ImportProgress (the import worker runs it): `onBlockDone` follows
 * the records of each block read, with the bytes read so far, and may return a promise to pause reading.
 */
export async function readJsonlValues(
  file: string,
  input: InputFile,
  onRecord: (value: unknown, line: number) => void,
  onBlockDone: (bytesDone: number) => void | Promise<void>,
): Promise<void> {
  await readTextBlocks(file, input, (bytes, firstLine, bytesDone) => {
    let line = firstLine
    let start = 0
    const length = bytes.length
    while (start < length) {
      let end = bytes.indexOf(NEWLINE, start)
      if (end === -1) end = length
      if (end > start) {
        const source = bytes.toString('utf8', start, end)
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
      start = end + 1
    }
    return onBlockDone(bytesDone)
  })
}

function malformed(input: InputFile, line: number, source: string, error: unknown): Error {
  const reason = (error as Error).message.replace(/^JSON\.parse: /, '')
  return inputError(input, line, undefined, source, `is not valid JSON (${reason})`)
}
