import type { CriterionLevel } from '../api/models'
import { isNotApplicableText } from './notApplicable'

/**
 * A criterion's scale is the set of its level scores; every level has its text. Sources give rubrics as an
 * object (`{"0": "…", "1": "…"}`) or as POLLUX's lines (`0: …\n1: …`); both become sorted levels.
 */
export type RubricParse = { ok: true; levels: CriterionLevel[] } | { ok: false; reason: string }

const LINE = /^\s*(-?\d+(?:[.,]\d+)?)\s*[:.)-]\s?(.*)$/

/** A value as a rubric message shows it: compact JSON cut at 80 characters (a value too deep to write: a marker). */
function compactJson(value: unknown): string {
  let text: string | undefined
  try {
    text = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? String(item) : item))
  } catch {
    text = Array.isArray(value) ? '[…]' : '{…}'
  }
  text ??= String(value)
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

export function parseRubric(value: unknown): RubricParse {
  if (value === null || value === undefined || value === '') return { ok: false, reason: 'is empty' }
  if (typeof value === 'string') {
    const trimmed = value.trim()
    if (trimmed.startsWith('{')) {
      try {
        return parseRubric(JSON.parse(trimmed) as unknown)
      } catch {
        return { ok: false, reason: 'is neither a JSON object nor lines of "score: text"' }
      }
    }
    return parseRubricLines(value)
  }
  if (Array.isArray(value)) {
    const levels: CriterionLevel[] = []
    for (const entry of value) {
      if (!entry || typeof entry !== 'object') return { ok: false, reason: 'lists something other than {score, text}' }
      const { score, text, description } = entry as Record<string, unknown>
      const number = toScore(score)
      if (number === null) return { ok: false, reason: `has a level whose score ${compactJson(score)} is not a number` }
      const levelText = text ?? description ?? ''
      if (typeof levelText !== 'string') return { ok: false, reason: `has a non-text description for level ${formatScore(number)}: ${compactJson(levelText)}` }
      levels.push({ score: number, text: levelText })
    }
    return finish(levels)
  }
  if (typeof value === 'object') {
    const levels: CriterionLevel[] = []
    for (const [key, text] of Object.entries(value as Record<string, unknown>)) {
      const number = toScore(key)
      if (number === null) return { ok: false, reason: `has a level key ${JSON.stringify(key)} that is not a number` }
      if (typeof text !== 'string') return { ok: false, reason: `has a non-text description for level ${key}: ${compactJson(text)}` }
      levels.push({ score: number, text })
    }
    return finish(levels)
  }
  return { ok: false, reason: `is a ${typeof value}, not an object of score → text` }
}

/** POLLUX rubric lines: `score: text`, where a level's text may run on over following lines. */
function parseRubricLines(text: string): RubricParse {
  const levels: CriterionLevel[] = []
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const match = LINE.exec(line)
    if (match) levels.push({ score: Number(match[1].replace(',', '.')), text: match[2].trim() })
    else if (levels.length) levels[levels.length - 1].text += (levels[levels.length - 1].text ? '\n' : '') + line.trim()
    else if (line.trim()) return { ok: false, reason: `does not start with "score: text" (found ${JSON.stringify(line.slice(0, 40))})` }
  }
  return finish(levels.map((level) => ({ ...level, text: level.text.trim() })))
}

function finish(levels: CriterionLevel[]): RubricParse {
  if (levels.length === 0) return { ok: false, reason: 'has no levels' }
  levels.sort((a, b) => a.score - b.score)
  for (let i = 1; i < levels.length; i++) {
    if (levels[i].score === levels[i - 1].score) return { ok: false, reason: `defines level ${levels[i].score} twice` }
  }
  return { ok: true, levels }
}

function toScore(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && /^\s*-?\d+(?:[.,]\d+)?\s*$/.test(value)) return Number(value.replace(',', '.'))
  return null
}

/** Rubric lines as the POLLUX judge prompt shows them: `score: text`, one per line, no trailing newline. */
export function formatRubricLines(levels: readonly CriterionLevel[]): string {
  return levels.map((level) => `${formatScore(level.score)}: ${level.text}`).join('\n')
}

export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : String(score)
}

/** Two rubrics agree when they have the same scores with the same texts (whitespace at the ends ignored). */
export function sameLevels(a: readonly CriterionLevel[], b: readonly CriterionLevel[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    if (a[i].score !== b[i].score || a[i].text.trim() !== b[i].text.trim()) return false
  }
  return true
}

/** Where two rubrics first differ, in words, for error messages. */
export function describeLevelDifference(expected: readonly CriterionLevel[], actual: readonly CriterionLevel[]): string {
  const scale = (levels: readonly CriterionLevel[]) => `{${levels.map((l) => formatScore(l.score)).join(', ')}}`
  if (scale(expected) !== scale(actual)) return `scale ${scale(actual)} differs from the earlier ${scale(expected)}`
  for (let i = 0; i < expected.length; i++) {
    if (expected[i].text.trim() !== actual[i].text.trim()) {
      return `level ${formatScore(actual[i].score)} reads ${JSON.stringify(actual[i].text.slice(0, 60))}, earlier ${JSON.stringify(expected[i].text.slice(0, 60))}`
    }
  }
  return 'rubrics differ'
}

/** Why a score cell is not a score: not-a-number (text that is neither a number nor an N/A spelling), not-finite, wrong-type. */
export type ScoreParse = { ok: true; score: number | null; notApplicable: boolean } | { ok: false; problem: 'not-a-number' | 'not-finite' | 'wrong-type'; type?: string }

/** A score cell: a number, a numeric string, or null / an N/A spelling (notApplicable.ts) for not applicable. */
export function parseScore(value: unknown): ScoreParse {
  if (value === null) return { ok: true, score: null, notApplicable: true }
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, score: value, notApplicable: false } : { ok: false, problem: 'not-finite' }
  if (typeof value === 'string') {
    const trimmed = value.trim()
    if (isNotApplicableText(trimmed)) return { ok: true, score: null, notApplicable: true }
    const number = toScore(trimmed)
    if (number !== null) return { ok: true, score: number, notApplicable: false }
    return { ok: false, problem: 'not-a-number' }
  }
  return { ok: false, problem: 'wrong-type', type: Array.isArray(value) ? 'a list' : value !== null && typeof value === 'object' ? 'an object' : `a ${typeof value}` }
}

export function isOnScale(score: number, levels: readonly CriterionLevel[]): boolean {
  return levels.some((level) => level.score === score)
}

export function scaleText(levels: readonly CriterionLevel[]): string {
  return `{${levels.map((l) => formatScore(l.score)).join(', ')}}`
}
