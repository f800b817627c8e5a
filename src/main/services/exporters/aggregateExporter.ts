import { stringify } from 'csv-stringify/sync'
import type { Db } from '../db'
import { CSV_NOT_APPLICABLE } from './csvExporter'
import type { ExportItem } from './exportSource'
import type { ExportOptions, ExportResult } from './paging'
import { exportText, jsonLines } from './textExport'
import { mean, median } from './scoreStats'

/** One item's scores side by side: submitted annotations (null = not applicable), their statistics, the judges. */
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
  judges: Record<string, number | null>
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
  for (const judgment of item.judgments) judges[judgment.run] = judgment.notApplicable ? null : judgment.score
  return {
    instruction_id: item.instructionId,
    model: item.model,
    criterion: item.criterion.externalId,
    scores,
    n: applicable.length,
    mean: mean(applicable),
    median: median(applicable),
    gold_score: item.goldScore,
    judges,
  }
}

/** Per-item aggregates: JSON lines, or CSV (a column per annotator and per judge run) when the target ends in .csv. */
export function exportAggregate(db: Db, target: string, options: ExportOptions): Promise<ExportResult> {
  if (!target.toLowerCase().endsWith('.csv')) return exportText(db, target, options, (items) => jsonLines(items.map(aggregateItem)))
  const annotators = db.prepare('SELECT name FROM annotators ORDER BY name').pluck().all() as string[]
  const runs = db.prepare('SELECT name FROM judge_runs ORDER BY name').pluck().all() as string[]
  const cell = (scores: Record<string, number | null>, name: string) => (name in scores ? (scores[name] ?? CSV_NOT_APPLICABLE) : '')
  const header = stringify([['instruction_id', 'model', 'criterion', ...annotators, 'n', 'mean', 'median', 'gold_score', ...runs.map((run) => `judge:${run}`)]])
  return exportText(
    db,
    target,
    options,
    (items) => {
      const rows = items.map(aggregateItem).map((r) => [
        r.instruction_id,
        r.model,
        r.criterion,
        ...annotators.map((name) => cell(r.scores, name)),
        r.n,
        r.mean ?? '',
        r.median ?? '',
        r.gold_score ?? '',
        ...runs.map((run) => cell(r.judges, run)),
      ])
      return { text: rows.length ? stringify(rows) : '', rows: rows.length }
    },
    header,
  )
}
