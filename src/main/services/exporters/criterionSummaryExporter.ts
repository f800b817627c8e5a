import type { AgreementGroup, Stat, StatsReport } from '@shared/api/statsModels'
import { computeProjectStats } from '../analytics'
import type { Db } from '../db'
import { csvHeader } from './csvExporter'
import { csvRecords, type CsvCell } from './csvText'
import { TextOutput } from './outputFile'
import { throwIfAborted, type ExportOptions, type ExportResult } from './paging'

/**
 * The criterion summary: one record per criterion with expert scores, its agreement figures as
 * `castor stats --json` computes them (same engine, same scores: first submissions unless the project says latest)
 * and each judge's measures against the expert mean. An undefined figure is null (the stats report says why).
 */
export interface CriterionSummaryRecord {
  criterion: string
  items: number
  annotations: number
  raters: number
  verdict_confidence: number | null
  percent_agreement: number | null
  krippendorff_alpha_ordinal: number | null
  krippendorff_alpha_interval: number | null
  fleiss_kappa: number | null
  gwet_ac2: number | null
  icc21: number | null
  median_time_ms: number | null
  judges: Record<string, { n: number; spearman: number | null; mae: number | null; accuracy: number | null }>
}

const value = (stat: Stat) => stat.value

export function criterionSummaryRecords(report: StatsReport): CriterionSummaryRecord[] {
  return Object.entries(report.agreement.byCriterion).map(([criterion, group]: [string, AgreementGroup]) => {
    const judges: CriterionSummaryRecord['judges'] = {}
    for (const [run, judge] of Object.entries(report.judges)) {
      const measures = judge.byCriterion[criterion]
      if (measures) judges[run] = { n: measures.n, spearman: value(measures.spearman), mae: value(measures.mae), accuracy: value(measures.accuracy) }
    }
    return {
      criterion,
      items: group.items,
      annotations: group.annotations,
      raters: group.raters,
      verdict_confidence: value(group.verdictConfidence),
      percent_agreement: value(group.percentAgreement),
      krippendorff_alpha_ordinal: value(group.krippendorffAlpha.ordinal),
      krippendorff_alpha_interval: value(group.krippendorffAlpha.interval),
      fleiss_kappa: value(group.fleissKappa),
      gwet_ac2: value(group.gwetAC2),
      icc21: value(group.icc.icc21),
      median_time_ms: report.time.byCriterion[criterion]?.medianMs ?? null,
      judges,
    }
  })
}

const figureColumns = [
  'items',
  'annotations',
  'raters',
  'verdict_confidence',
  'percent_agreement',
  'krippendorff_alpha_ordinal',
  'krippendorff_alpha_interval',
  'fleiss_kappa',
  'gwet_ac2',
  'icc21',
  'median_time_ms',
] as const
const judgeMeasures = ['n', 'spearman', 'mae', 'accuracy'] as const

/** JSON lines, or CSV (a column per figure and per judge measure) when the target ends in .csv; CSV always neutralised. */
export async function exportCriterionSummary(db: Db, target: string, options: ExportOptions): Promise<ExportResult> {
  options.onProgress?.(0, 1, 0)
  const report = await computeProjectStats(db)
  throwIfAborted(options.signal)
  const records = criterionSummaryRecords(report)
  const out = new TextOutput(target)
  try {
    if (target.toLowerCase().endsWith('.csv')) {
      const runs = Object.keys(report.judges).sort()
      const judgeColumns = runs.flatMap((run) => judgeMeasures.map((measure) => `judge:${run}:${measure}`))
      out.write(csvHeader(['criterion', ...figureColumns, ...judgeColumns], options))
      const rows = records.map((record): CsvCell[] => [
        record.criterion,
        ...figureColumns.map((column) => record[column] ?? ''),
        ...runs.flatMap((run) => judgeMeasures.map((measure) => record.judges[run]?.[measure] ?? '')),
      ])
      out.write(csvRecords(rows))
    } else {
      for (const record of records) out.write(`${JSON.stringify(record)}\n`)
    }
    const bytes = await out.commit()
    options.onProgress?.(1, 1, records.length)
    return { rows: records.length, bytes }
  } catch (error) {
    await out.discard()
    throw error
  }
}
