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
  'score',
  'rationale',
  'task',
  'difficulty',
  'domain',
  'final_score', // a lead's adjudicated final score for the item (on every row of the item; null/N/A = not applicable)
  'final_note',
] as const

export type LongFormatColumn = (typeof LONG_FORMAT_COLUMNS)[number]

export const LONG_FORMAT_REQUIRED_COLUMNS = ['instruction_id', 'instruction', 'model', 'answer', 'criterion'] as const satisfies readonly LongFormatColumn[]
