import { LONG_FORMAT_COLUMNS, LONG_FORMAT_REQUIRED_COLUMNS } from '@shared/domain/longFormat'
import { notApplicableSpellingList } from '@shared/domain/notApplicable'
import { restoreCell } from '@shared/domain/spreadsheetCells'
import { inputError, type InputFile } from '../importErrors'
import { isAbsent, optionalText, requiredId, requiredText, type SourceRecord } from '../fields'
import type { RowFieldNames, ScoreRow } from '../rows'
import { readScoreState } from './genericState'

/**
 * Castor's generic long format, one score per row (JSONL or CSV):
 * instruction_id, instruction, reference_answer?, model, answer, criterion, criterion_name?, rubric?, annotator | judge, score,
 * rationale?, task?, difficulty?, domain?, and the state columns of Castor's exports (formats/genericState.ts). A row
 * with neither annotator nor judge only defines its item.
 */
export const genericRequiredColumns = LONG_FORMAT_REQUIRED_COLUMNS
/** The long format's columns, plus `probabilities`: another name of score_probabilities that imports accept. */
export const genericColumns = new Set<string>([...LONG_FORMAT_COLUMNS, 'probabilities'])

export const ANNOTATOR_FIELDS: RowFieldNames = { instruction: 'instruction', answer: 'answer', criterion: 'criterion', rubric: 'rubric', score: 'score', rater: 'annotator' }
export const JUDGE_FIELDS: RowFieldNames = { ...ANNOTATOR_FIELDS, rater: 'judge' }

export function normaliseGenericRecord(input: InputFile, record: SourceRecord, position: number): ScoreRow {
  const annotator = optionalText(input, position, record, 'annotator')
  const judge = optionalText(input, position, record, 'judge')
  if (annotator !== null && judge !== null) {
    throw inputError(input, position, 'judge', judge, 'judge-with-annotator', { annotator: JSON.stringify(annotator) })
  }
  const rater = annotator !== null ? { kind: 'annotator' as const, name: annotator.trim() } : judge !== null ? { kind: 'judge' as const, name: judge.trim() } : null
  const score = record.score
  const state = readScoreState(input, position, record, rater?.kind ?? null)
  if (rater) {
    if (rater.name === '') throw inputError(input, position, rater.kind, annotator ?? judge, 'rater-blank')
    if (score === undefined && state?.status !== 'error' && state?.status !== 'not_applicable') throw inputError(input, position, 'score', undefined, 'score-missing', { spellings: notApplicableSpellingList })
  } else if (!isAbsent(score)) {
    throw inputError(input, position, 'score', score, 'score-without-rater')
  }
  const rubric = record.rubric
  return {
    instruction: {
      externalId: requiredId(input, position, record, 'instruction_id'),
      text: requiredText(input, position, record, 'instruction'),
      referenceAnswer: optionalText(input, position, record, 'reference_answer'),
      taskPath: optionalText(input, position, record, 'task'),
      difficulty: optionalText(input, position, record, 'difficulty'),
      domain: optionalText(input, position, record, 'domain'),
      meta: null,
    },
    model: requiredId(input, position, record, 'model'),
    answer: requiredText(input, position, record, 'answer'),
    criterion: {
      value: requiredId(input, position, record, 'criterion'),
      rubric: isAbsent(rubric) ? undefined : rubric,
      keyedByRubric: false,
      name: optionalText(input, position, record, 'criterion_name'),
    },
    goldScore: null,
    rater,
    score,
    rationale: optionalText(input, position, record, 'rationale'),
    fields: rater?.kind === 'judge' ? JUDGE_FIELDS : ANNOTATOR_FIELDS,
    state,
  }
}

/** A CSV record with the cells that an export neutralised for spreadsheets given back (spreadsheetCells.ts). */
export function restoreCells(record: SourceRecord): SourceRecord {
  for (const key in record) {
    const value = record[key]
    if (typeof value === 'string' && value.charCodeAt(0) === 39 /* ' */) record[key] = restoreCell(value)
  }
  return record
}

/** A generic CSV header must have the required columns and no unknown ones. */
export function checkGenericHeader(input: InputFile, columns: string[]): void {
  const seen = new Set<string>()
  for (const column of columns) {
    if (seen.has(column)) throw inputError({ ...input, unit: 'line' }, 1, column, column, 'header-column-twice')
    seen.add(column)
  }
  const missing = genericRequiredColumns.filter((column) => !seen.has(column))
  const unknown = columns.filter((column) => !genericColumns.has(column))
  if (missing.length || unknown.length) {
    throw inputError(
      { ...input, unit: 'line' },
      1,
      undefined,
      columns.join(','),
      missing.length && unknown.length ? 'header-missing-and-unknown-columns' : missing.length ? 'header-missing-columns' : 'header-unknown-columns',
      { missing: missing.join(', '), unknown: unknown.join(', '), expected: [...genericColumns].join(', ') },
    )
  }
}
