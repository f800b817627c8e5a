import fs from 'node:fs/promises'
import { inputError, type InputFile } from '../importErrors'
import { ExactJsonError, needsExactParse, parseExactJson } from './exactJson'
import { exactJsonInputError } from './jsonl'
import { firstInvalidUtf8 } from './textBlocks'

/**
 * Reads a whole JSON file (the POLLUX taxonomies, instruction sets as one array): UTF-8 checked, BOM stripped.
 * As JSONL lines, a document JSON.parse may have changed (big integers, duplicated keys) is read again exactly,
 * and every failure names its line.
 */
export async function readJsonDocument(file: string, input: InputFile): Promise<unknown> {
  const bytes = await fs.readFile(file)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const bad = firstInvalidUtf8(bytes)
    const byte = `0x${bytes[bad]?.toString(16).padStart(2, '0')}`
    throw inputError({ ...input, unit: 'line' }, lineAt(bytes.subarray(0, bad).toString('latin1'), bad), undefined, undefined, 'not-utf8', { byte })
  }
  if (text.trim() === '') throw inputError(input, 0, undefined, undefined, 'empty')
  return parseJsonText(text, { ...input, unit: 'line' }, 1)
}

/** A JSON text that starts on line `firstLine` of the file: parsed, and its failures located by line and field. */
export function parseJsonText(text: string, input: InputFile, firstLine: number): unknown {
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch (error) {
    try {
      parseExactJson(text)
    } catch (exact) {
      if (exact instanceof ExactJsonError) throw located(input, text, firstLine, exact)
    }
    throw inputError(input, firstLine, undefined, undefined, 'not-json', { detail: (error as Error).message })
  }
  if (!needsExactParse(text, value)) return value
  try {
    return parseExactJson(text)
  } catch (error) {
    if (error instanceof ExactJsonError) throw located(input, text, firstLine, error)
    throw error
  }
}

function located(input: InputFile, text: string, firstLine: number, error: ExactJsonError) {
  const line = firstLine + lineAt(text, error.offset) - 1
  const lineStart = text.lastIndexOf('\n', error.offset - 1) + 1
  const lineEnd = text.indexOf('\n', error.offset)
  return exactJsonInputError(input, line, text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd), new ExactJsonError(error.failure, error.offset - lineStart, error.field))
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++
  return line
}
