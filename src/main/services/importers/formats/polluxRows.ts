import { createHash } from 'node:crypto'
import { inputError, type InputFile } from '../importErrors'
import { firstPresent, isAbsent, optionalNumber, optionalText, requiredId, requiredText, type SourceRecord } from '../fields'
import type { RowFieldNames, ScoreRow } from '../rows'

/**
 * POLLUX rows as published on Hugging Face (ai-forever/POLLUX), JSONL or Parquet: one row per answer × criterion
 * (with criteria_score, the published aggregate) or per answer × criterion × expert where the expert columns
 * are present. The format has no instruction id: instructions are keyed by a hash of their text.
 */
export const ANNOTATOR_ALIASES = ['annotator', 'annotator_id', 'expert_id'] as const
export const SCORE_ALIASES = ['annotator_score', 'expert_score', 'score'] as const
export const RATIONALE_ALIASES = ['annotator_feedback', 'expert_feedback', 'feedback', 'rationale', 'criteria_feedback'] as const
export const polluxRequiredColumns = ['instruction', 'answer', 'model_id', 'criteria_name'] as const

/** The instruction external id of a POLLUX row: `pollux:` + the first 16 hex digits of the text's SHA-256. */
export function polluxInstructionId(text: string): string {
  return `pollux:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`
}

/** task_type / task_subtype / task_subsubtype, the non-empty parts joined by ' / '. */
export function taskPathOf(parts: readonly unknown[]): string | null {
  const present = parts.filter((part): part is string | number => (typeof part === 'string' && part.trim() !== '') || typeof part === 'number').map((part) => String(part).trim())
  return present.length ? present.join(' / ') : null
}

export class PolluxRowNormaliser {
  private lastText = ''
  private lastId = ''

  constructor(private readonly input: InputFile) {}

  normalise(record: SourceRecord, position: number): ScoreRow {
    const input = this.input
    const text = requiredText(input, position, record, 'instruction')
    if (text !== this.lastText) {
      this.lastText = text
      this.lastId = polluxInstructionId(text)
    }
    const raterField = firstPresent(record, ANNOTATOR_ALIASES)
    const raterValue = raterField ? record[raterField] : undefined
    const scoreField = firstPresent(record, SCORE_ALIASES) ?? 'annotator_score'
    const rawScore = record[scoreField]
    const score = typeof rawScore === 'bigint' ? Number(rawScore) : rawScore // Parquet INT64 columns
    let rater: ScoreRow['rater'] = null
    if (raterField && !isAbsent(raterValue)) {
      rater = { kind: 'annotator', name: requiredId(input, position, record, raterField) }
      if (score === undefined) throw inputError(input, position, scoreField, undefined, 'pollux-score-missing')
    } else if (!isAbsent(score)) {
      throw inputError(input, position, scoreField, score, 'pollux-score-without-annotator', { fields: ANNOTATOR_ALIASES.join(' / ') })
    }
    const rationaleField = firstPresent(record, RATIONALE_ALIASES)
    const fields: RowFieldNames = { instruction: 'instruction', answer: 'answer', criterion: 'criteria_name', rubric: 'rubrics', score: scoreField, rater: raterField ?? 'annotator' }
    const rubric = record.rubrics
    return {
      instruction: {
        externalId: this.lastId,
        text,
        referenceAnswer: optionalText(input, position, record, 'reference_answer'),
        taskPath: taskPathOf([record.task_type, record.task_subtype, record.task_subsubtype]),
        difficulty: optionalText(input, position, record, 'difficulty'),
        domain: optionalText(input, position, record, 'domain'),
        meta: null,
      },
      model: requiredId(input, position, record, 'model_id'),
      answer: requiredText(input, position, record, 'answer'),
      criterion: { value: requiredText(input, position, record, 'criteria_name').trim(), rubric: isAbsent(rubric) ? undefined : rubric, keyedByRubric: true },
      goldScore: optionalNumber(input, position, record, 'criteria_score'),
      rater,
      score,
      rationale: rationaleField ? optionalText(input, position, record, rationaleField) : null,
      fields,
    }
  }
}

export function checkPolluxColumns(input: InputFile, columns: string[]): void {
  const missing = polluxRequiredColumns.filter((column) => !columns.includes(column))
  if (missing.length) {
    throw inputError(input, 0, undefined, columns.join(','), 'pollux-columns-missing', { missing: missing.join(', '), columns: columns.join(', ') })
  }
}
