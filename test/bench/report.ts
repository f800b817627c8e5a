import os from 'node:os'

/** Bench output: plain text tables, one per suite, then machine-readable JSON lines to compare commits. */
export class BenchReport {
  line(text: string): void {
    process.stdout.write(`${text}\n`)
  }

  table(title: string, rows: [string, string][]): void {
    const width = Math.max(...rows.map(([label]) => label.length))
    this.line(`\n== ${title}`)
    for (const [label, value] of rows) this.line(`  ${label.padEnd(width)}  ${value}`)
  }

  /** One JSON line, `{"suite": …, …}`, with the load average at the time (1, 5, 15 min) and the core count. */
  json(suite: string, figures: Record<string, unknown>): void {
    const loadAverage = os.loadavg().map((v) => Number(v.toFixed(2)))
    this.line(JSON.stringify({ suite, ...figures, loadAverage, cores: os.availableParallelism() }))
  }
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

export { median } from './measure'
