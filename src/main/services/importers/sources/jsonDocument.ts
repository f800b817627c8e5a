import fs from 'node:fs/promises'
import { inputError, type InputFile } from '../importErrors'
import { firstInvalidUtf8 } from './textBlocks'

/** Reads a whole JSON file (the POLLUX taxonomies, instruction sets as one array): UTF-8 checked, BOM stripped. */
export async function readJsonDocument(file: string, input: InputFile): Promise<unknown> {
  const bytes = await fs.readFile(file)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const bad = firstInvalidUtf8(bytes)
    throw inputError({ ...input, unit: 'line' }, lineAt(bytes.subarray(0, bad).toString('latin1'), bad), undefined, undefined, 'is not valid UTF-8; save the file as UTF-8')
  }
  if (text.trim() === '') throw inputError(input, 0, undefined, undefined, 'is empty')
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const message = (error as Error).message
    const position = /position (\d+)/.exec(message)
    const lineColumn = /line (\d+) column/.exec(message)
    const line = lineColumn ? Number(lineColumn[1]) : position ? lineAt(text, Number(position[1])) : 0
    throw inputError({ ...input, unit: 'line' }, line, undefined, undefined, `is not valid JSON (${message})`)
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++
  return line
}
