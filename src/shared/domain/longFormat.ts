/**
 * Castor's generic long format, one score per row (JSONL, CSV, Parquet): what the importers read and the
 * exporters write, in file order. A row has an annotator or a judge (or neither: it only defines its item).
 */
export const LONG_FORMAT_COLUMNS = [
  'instruction_id',
  'instruction',
  'reference_answer',
  'model',
  'answer',
  'criterion',
  'criterion_name',
  'rubric',
  'annotator',
  'judge',
  'status', // the row's score: scored | not_applicable | error (a failed judgment: no score, the text in `error`)
  'score',
  'rationale',
  'error',
  'annotation_status', // draft | submitted (annotator rows; absent = submitted)
  'active_ms', // the annotator's active time on the item, in milliseconds
  'first_status', // a revised annotation's blind first submission: status, score, rationale (absent = never revised)
  'first_score',
  'first_rationale',
  'score_probabilities', // a judgment's score probabilities, a JSON object {"score": p}
  'task',
  'difficulty',
  'domain',
  'final_status', // a lead's adjudicated final score for the item (on every row of the item; absent = none)
  'final_score',
  'final_note',
  'mace_label', // MACE's posterior label of the item (on every row; derived, ignored on import)
  'control_score', // a control item's reference score (on every row of the item; absent = not a control)
  'control_note',
  'control', // true on an annotator row whose item is a control: the annotation counts only for control accuracy
  'assisted', // true on an annotator row scored with the judge's score on screen (assisted mode); absent = blind
] as const

export type LongFormatColumn = (typeof LONG_FORMAT_COLUMNS)[number]

export const LONG_FORMAT_REQUIRED_COLUMNS = ['instruction_id', 'instruction', 'model', 'answer', 'criterion'] as const satisfies readonly LongFormatColumn[]

/** What a score cell holds: a score, a rater's "not applicable", or a failed judgment (never a score, never N/A). */
export const SCORE_STATUSES = ['scored', 'not_applicable', 'error'] as const
export type ScoreStatus = (typeof SCORE_STATUSES)[number]

export function scoreStatusOf(score: number | null, notApplicable: boolean, error: string | null = null): ScoreStatus {
  if (error !== null) return 'error'
  return notApplicable || score === null ? 'not_applicable' : 'scored'
}
