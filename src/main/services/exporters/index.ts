// PLACEHOLDER — being written by the exporters helper. Signature is fixed:
import type { ExportFormat } from '@shared/api/models'
import type { Db } from '../db'

export interface ExportOptions {
  signal?: AbortSignal
  onProgress?: (done: number, total: number | null, rows: number) => void
}

export async function exportProject(_db: Db, _format: ExportFormat, _outPath: string, _options: ExportOptions = {}): Promise<{ rows: number; bytes: number }> {
  throw new Error('exportProject is not written yet')
}

/** A file name for an export of the project, e.g. `demo.aggregate.jsonl`. */
export function exportFileName(projectName: string, format: ExportFormat): string {
  const extension = { jsonl: 'jsonl', csv: 'csv', parquet: 'parquet', aggregate: 'aggregate.jsonl', 'pollux-train': 'pollux-train.jsonl' }[format]
  return `${projectName}.${extension}`
}
