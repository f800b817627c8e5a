import type { Db } from '../db'
import { CSV_NOT_APPLICABLE, csvHeader, csvScore } from './csvExporter'
import { csvRecords, type CsvCell } from './csvText'
import type { ExportItem } from './exportSource'
import type { ExportOptions, ExportResult } from './paging'
import { exportText, jsonLines } from './textExport'
import { mean, median } from './scoreStats'

/**
 * The item summary: one record per item (answer × criterion) with its scores side by side: submitted
 * annotations (null = not applicable), their count, mean and median, the published gold score, the lead's final
 * score, MACE's label, whether it is a control (and its reference score), and the judges' scores. A failed judgment is no score: it is listed under `judge_errors` with its reason.
 */
export interface AggregateRecord {
  instruction_id: string
  model: string
  criterion: string
  scores: Record<string, number | null>
  /** How many submitted, applicable scores the statistics use. */
  n: number
  mean: number | null
  median: number | null
  gold_score: number | null
  /** The lead's adjudicated final score (null = not applicable); absent when the item has none. */
  final_score?: number | null
  final_note?: string
  /** MACE's posterior label (analytics/quality); null when no expert scored the item. */
  mace_label: number | null
  /** Whether the item is a control item (a lead's; annotators never see this file's flag). */
  control: boolean
  /** The control's reference score; null when the item is no control. */
  control_score: number | null
  judges: Record<string, number | null>
  judge_errors?: Record<string, string>
}

export function aggregateItem(item: ExportItem): AggregateRecord {
  const scores: Record<string, number | null> = {}
  const applicable: number[] = []
  for (const annotation of item.annotations) {
    if (annotation.status !== 'submitted') continue
    scores[annotation.annotator] = annotation.notApplicable ? null : annotation.score
    if (!annotation.notApplicable && annotation.score !== null) applicable.push(annotation.score)
  }
  const judges: Record<string, number | null> = {}
  const errors: Record<string, string> = {}
  for (const judgment of item.judgments) {
    if (judgment.error !== null) errors[judgment.run] = judgment.error
    else judges[judgment.run] = judgment.notApplicable ? null : judgment.score
  }
  const final = item.final
  return {
    instruction_id: item.instructionId,
    model: item.model,
    criterion: item.criterion.externalId,
    scores,
    n: applicable.length,
    mean: mean(applicable),
    median: median(applicable),
    gold_score: item.goldScore,
    ...(final ? { final_score: final.notApplicable ? null : final.score, ...(final.note ? { final_note: final.note } : {}) } : {}),
    mace_label: item.maceLabel ?? null,
    control: Boolean(item.control),
    control_score: item.control?.score ?? null,
    judges,
    ...(Object.keys(errors).length ? { judge_errors: errors } : {}),
  }
}

/** A failed judgment's cell in the item summary CSV: never a score, never N/A. */
export const CSV_JUDGE_ERROR = 'error'

/**
 * The item summary as JSON lines, or as CSV (a column per annotator and per judge run) when the target ends in
 * .csv. Its CSV is always neutralised for spreadsheets: names of annotators and runs are headers there.
 */
export function exportAggregate(db: Db, target: string, options: ExportOptions): Promise<ExportResult> {
  if (!target.toLowerCase().endsWith('.csv')) return exportText(db, target, options, (items) => jsonLines(items.map(aggregateItem)))
  const annotators = db.prepare('SELECT name FROM annotators ORDER BY name').pluck().all() as string[]
  const runs = db.prepare('SELECT name FROM judge_runs ORDER BY name').pluck().all() as string[]
  const cell = (scores: Record<string, number | null>, name: string): CsvCell => (name in scores ? (scores[name] ?? CSV_NOT_APPLICABLE) : '')
  const judgeCell = (record: AggregateRecord, run: string): CsvCell => (record.judge_errors && run in record.judge_errors ? CSV_JUDGE_ERROR : cell(record.judges, run))
  const columns = ['instruction_id', 'model', 'criterion', ...annotators, 'n', 'mean', 'median', 'gold_score', 'final_score', 'final_note', 'mace_label', 'control', 'control_score', ...runs.map((run) => `judge:${run}`)]
  return exportText(
    db,
    target,
    options,
    (items) => {
      const rows = items.map(aggregateItem).map((r): CsvCell[] => [
        r.instruction_id,
        r.model,
        r.criterion,
        ...annotators.map((name) => cell(r.scores, name)),
        r.n,
        r.mean ?? '',
        r.median ?? '',
        r.gold_score ?? '',
        r.final_score === undefined ? '' : csvScore(r.final_score === null ? 'not_applicable' : 'scored', r.final_score),
        r.final_note ?? '',
        r.mace_label ?? '',
        r.control ? 'true' : 'false',
        r.control_score ?? '',
        ...runs.map((run) => judgeCell(r, run)),
      ])
      return { text: csvRecords(rows), rows: rows.length }
    },
    csvHeader(columns, options),
  )
}
