import { inputError } from './importErrors'

/** Rows between progress reports (and cancellation checks that cost a report). */
export const REPORT_EVERY_ROWS = 16_384

/**
 * Progress and cancellation of one import. Sources count rows and call `checkpoint` after each block they
 * read; it reports at most every REPORT_EVERY_ROWS rows and throws `cancelled` once the signal is aborted.
 */
export class ImportProgress {
  rows = 0
  private reportedAt = 0

  constructor(
    private readonly name: string,
    readonly total: number | null,
    private readonly onProgress?: (done: number, total: number | null, rows: number) => void,
    readonly signal?: AbortSignal,
  ) {}

  checkpoint(done: number, force = false): void {
    this.throwIfCancelled()
    if (!this.onProgress || (!force && this.rows - this.reportedAt < REPORT_EVERY_ROWS)) return
    this.reportedAt = this.rows
    this.onProgress(done, this.total, this.rows)
  }

  throwIfCancelled(): void {
    if (this.signal?.aborted) throw inputError({ name: this.name, unit: 'line' }, 0, undefined, undefined, 'cancelled', undefined, 'cancelled')
  }
}
