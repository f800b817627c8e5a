import type { ExportFormat } from '@shared/api/models'
import { CastorError, isCastorError } from '@shared/api/errors'
import type { Db } from '../db'
import { exportAggregate } from './aggregateExporter'
import { exportCriterionSummary } from './criterionSummaryExporter'
import { exportCsv } from './csvExporter'
import { exportJsonl } from './jsonlExporter'
import { exportParquet } from './parquetExporter'
import type { ExportOptions, ExportResult } from './paging'
import { exportPolluxTrain } from './polluxTrainExporter'

export type { ExportOptions, ExportResult } from './paging'

const exporters: Record<ExportFormat, (db: Db, target: string, options: ExportOptions) => Promise<ExportResult>> = {
  jsonl: exportJsonl,
  csv: exportCsv,
  parquet: exportParquet,
  aggregate: exportAggregate,
  'criterion-summary': exportCriterionSummary,
  'pollux-train': exportPolluxTrain,
}

/**
 * Writes the project to `outPath` in `format`. Reads the project a page of items at a time and writes through a
 * buffered stream, so memory stays bounded; the file appears only once it is complete.
 */
export async function exportProject(db: Db, format: ExportFormat, outPath: string, options: ExportOptions = {}): Promise<ExportResult> {
  const exporter = exporters[format]
  if (!exporter) throw new CastorError('invalid-input', `Unknown export format ${JSON.stringify(format)}`, { field: 'format', value: format })
  try {
    return await exporter(db, outPath, options)
  } catch (error) {
    if (isCastorError(error)) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new CastorError('invalid-input', `Cannot write ${outPath}: ${(error as Error).message}`, { file: outPath })
    }
    throw error
  }
}

/** A file name for an export of the project, e.g. `demo.aggregate.jsonl`. */
export function exportFileName(projectName: string, format: ExportFormat): string {
  const extension = { jsonl: 'jsonl', csv: 'csv', parquet: 'parquet', aggregate: 'aggregate.jsonl', 'criterion-summary': 'criteria.csv', 'pollux-train': 'pollux-train.jsonl' }[format]
  return `${projectName}.${extension}`
}
