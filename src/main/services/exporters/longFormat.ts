import type { CriterionLevel } from '@shared/api/models'
import { LONG_FORMAT_COLUMNS } from '@shared/domain/longFormat'
import { formatScore } from '@shared/domain/rubric'
import type { ExportItem } from './exportSource'

/**
 * The generic long format that the importers read back: one row per annotation and per judgment, and one bare row
 * for an item that has neither (it defines the item). `score` null = not applicable.
 */
export interface LongRow {
  instruction_id: string
  instruction: string
  reference_answer: string | null
  model: string
  answer: string
  criterion: string
  criterion_name: string
  rubric: Record<string, string>
  annotator: string | null
  judge: string | null
  score: number | null
  rationale: string | null
  task: string | null
  difficulty: string | null
  domain: string | null
  /** The adjudicated final score: undefined when the item has none, null when it is not applicable. */
  final_score: number | null | undefined
  final_note: string | null
}

/** The columns in file order (CSV header, Parquet schema). */
export const longColumns = LONG_FORMAT_COLUMNS satisfies readonly (keyof LongRow)[]

export function rubricObject(levels: readonly CriterionLevel[]): Record<string, string> {
  const rubric: Record<string, string> = {}
  for (const level of levels) rubric[formatScore(level.score)] = level.text
  return rubric
}

export function* longRowsOf(item: ExportItem): Generator<LongRow> {
  const base = {
    instruction_id: item.instructionId,
    instruction: item.instruction,
    reference_answer: item.referenceAnswer,
    model: item.model,
    answer: item.answer,
    criterion: item.criterion.externalId,
    criterion_name: item.criterion.name,
    rubric: rubricObject(item.criterion.levels),
  }
  const tail = {
    task: item.taskPath,
    difficulty: item.difficulty,
    domain: item.domain,
    final_score: item.final ? item.final.score : undefined,
    final_note: item.final?.note ?? null,
  }
  for (const annotation of item.annotations) {
    yield { ...base, annotator: annotation.annotator, judge: null, score: annotation.score, rationale: annotation.rationale, ...tail }
  }
  for (const judgment of item.judgments) {
    yield { ...base, annotator: null, judge: judgment.run, score: judgment.score, rationale: judgment.rationale, ...tail }
  }
  if (item.annotations.length === 0 && item.judgments.length === 0) {
    yield { ...base, annotator: null, judge: null, score: null, rationale: null, ...tail }
  }
}

/**
 * An item's rows as JSON lines. The long texts (instruction, answer, rubric) are serialised once per item and
 * shared by its rows; fields that are empty are left out, `score` stays on scored rows (null = not applicable).
 */
export function jsonLinesOf(item: ExportItem): string[] {
  const head = JSON.stringify({
    instruction_id: item.instructionId,
    instruction: item.instruction,
    ...(item.referenceAnswer !== null ? { reference_answer: item.referenceAnswer } : {}),
    model: item.model,
    answer: item.answer,
    criterion: item.criterion.externalId,
    criterion_name: item.criterion.name,
    rubric: rubricObject(item.criterion.levels),
  }).slice(0, -1)
  const tail = JSON.stringify({
    ...(item.taskPath !== null ? { task: item.taskPath } : {}),
    ...(item.difficulty !== null ? { difficulty: item.difficulty } : {}),
    ...(item.domain !== null ? { domain: item.domain } : {}),
    ...(item.final ? { final_score: item.final.score } : {}),
    ...(item.final?.note ? { final_note: item.final.note } : {}),
  }).slice(1)
  const close = tail === '}' ? '}' : `,${tail}`
  const scored = (rater: 'annotator' | 'judge', name: string, score: number | null, rationale: string | null) =>
    `${head},${JSON.stringify(rater)}:${JSON.stringify(name)},"score":${JSON.stringify(score)}${rationale !== null ? `,"rationale":${JSON.stringify(rationale)}` : ''}${close}\n`
  const lines = [
    ...item.annotations.map((a) => scored('annotator', a.annotator, a.score, a.rationale)),
    ...item.judgments.map((j) => scored('judge', j.run, j.score, j.rationale)),
  ]
  if (lines.length === 0) lines.push(`${head}${close}\n`)
  return lines
}
