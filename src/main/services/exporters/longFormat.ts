import type { CriterionLevel } from '@shared/api/models'
import { LONG_FORMAT_COLUMNS, scoreStatusOf, type ScoreStatus } from '@shared/domain/longFormat'
import { formatScore } from '@shared/domain/rubric'
import type { ExportAnnotation, ExportItem, ExportJudgment } from './exportSource'

/**
 * The generic long format that the importers read back: one row per annotation and per judgment, and one bare row
 * for an item that has neither (it defines the item). `status` says what `score` is: a score, not applicable, or a
 * failed judgment (no score; the reason in `error`). A revised annotation carries its blind first submission
 * (`first_*`) beside its latest state, so every figure can be computed again from the file.
 */
export interface LongRow extends RaterFields {
  instruction_id: string
  instruction: string
  reference_answer: string | null
  model: string
  answer: string
  criterion: string
  criterion_name: string
  rubric: Record<string, string>
  task: string | null
  difficulty: string | null
  domain: string | null
  final_status: ScoreStatus | null
  final_score: number | null
  final_note: string | null
  mace_label: number | null
  control_score: number | null
  control_note: string | null
}

/** The fields of one annotation or judgment; all null on an item's bare row. */
export interface RaterFields {
  annotator: string | null
  judge: string | null
  status: ScoreStatus | null
  score: number | null
  rationale: string | null
  error: string | null
  annotation_status: 'draft' | 'submitted' | null
  active_ms: number | null
  first_status: ScoreStatus | null
  first_score: number | null
  first_rationale: string | null
  /** JSON text as stored. */
  score_probabilities: string | null
  /** An annotation on a control item (annotator rows only). */
  control: boolean | null
  /** An annotation given in assisted mode, the judge's score on screen (annotator rows only). */
  assisted: boolean | null
}

/** The columns in file order (CSV header, Parquet schema). */
export const longColumns = LONG_FORMAT_COLUMNS satisfies readonly (keyof LongRow)[]

export function rubricObject(levels: readonly CriterionLevel[]): Record<string, string> {
  const rubric: Record<string, string> = {}
  for (const level of levels) rubric[formatScore(level.score)] = level.text
  return rubric
}

const bare: RaterFields = {
  annotator: null,
  judge: null,
  status: null,
  score: null,
  rationale: null,
  error: null,
  annotation_status: null,
  active_ms: null,
  first_status: null,
  first_score: null,
  first_rationale: null,
  score_probabilities: null,
  control: null,
  assisted: null,
}

function annotationFields(annotation: ExportAnnotation, control: boolean): RaterFields {
  const { first } = annotation
  return {
    ...bare,
    annotator: annotation.annotator,
    status: scoreStatusOf(annotation.score, annotation.notApplicable),
    score: annotation.score,
    rationale: annotation.rationale,
    annotation_status: annotation.status,
    active_ms: annotation.timeSpentMs,
    first_status: first ? scoreStatusOf(first.score, first.notApplicable) : null,
    first_score: first?.score ?? null,
    first_rationale: first?.rationale ?? null,
    control: control || null,
    assisted: annotation.assisted || null,
  }
}

function judgmentFields(judgment: ExportJudgment): RaterFields {
  const status = scoreStatusOf(judgment.score, judgment.notApplicable, judgment.error)
  return {
    ...bare,
    judge: judgment.run,
    status,
    score: status === 'scored' ? judgment.score : null,
    rationale: judgment.rationale,
    error: judgment.error,
    score_probabilities: judgment.probabilities,
  }
}

/** Each annotation's and judgment's fields, or the bare row of an item that has neither. */
export function raterFieldsOf(item: ExportItem): RaterFields[] {
  const control = Boolean(item.control)
  const rows = [...item.annotations.map((annotation) => annotationFields(annotation, control)), ...item.judgments.map(judgmentFields)]
  return rows.length ? rows : [bare]
}

function itemFields(item: ExportItem) {
  const final = item.final
  return {
    instruction_id: item.instructionId,
    instruction: item.instruction,
    reference_answer: item.referenceAnswer,
    model: item.model,
    answer: item.answer,
    criterion: item.criterion.externalId,
    criterion_name: item.criterion.name,
    rubric: rubricObject(item.criterion.levels),
    task: item.taskPath,
    difficulty: item.difficulty,
    domain: item.domain,
    final_status: final ? scoreStatusOf(final.score, final.notApplicable) : null,
    final_score: final?.score ?? null,
    final_note: final?.note ?? null,
    mace_label: item.maceLabel ?? null,
    control_score: item.control?.score ?? null,
    control_note: item.control?.note ?? null,
  }
}

export function* longRowsOf(item: ExportItem): Generator<LongRow> {
  const fields = itemFields(item)
  for (const rater of raterFieldsOf(item)) yield { ...fields, ...rater }
}

/** A JSON object's members without their braces, leaving out null fields except `keepNull`: `"a":1,"b":"x"` (or ''). */
function members(fields: Record<string, unknown>, keepNull?: string): string {
  const present: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) if (value !== null || key === keepNull) present[key] = value
  return JSON.stringify(present).slice(1, -1)
}

/** Stored probabilities as a JSON value; text that is not JSON stays text rather than breaking the line. */
function probabilitiesValue(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * An item's rows as JSON lines. The long texts (instruction, answer, rubric) are serialised once per item and
 * shared by its rows; fields that are empty are left out. `score` is null when not applicable and absent on a
 * failed judgment.
 */
export function jsonLinesOf(item: ExportItem): string[] {
  const { task, difficulty, domain, final_status, final_score, final_note, mace_label, control_score, control_note, ...head } = itemFields(item)
  const headText = members(head)
  const tailText = members({ task, difficulty, domain, final_status, final_score, final_note, mace_label, control_score, control_note }, final_status === 'not_applicable' ? 'final_score' : undefined)
  return raterFieldsOf(item).map((rater) => {
    const fields = { ...rater, score_probabilities: probabilitiesValue(rater.score_probabilities) }
    const raterText = members(fields, rater.status === 'not_applicable' ? 'score' : undefined)
    return `{${[headText, raterText, tailText].filter(Boolean).join(',')}}\n`
  })
}
