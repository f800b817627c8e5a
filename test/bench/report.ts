/** Bench output: plain text tables, one per suite, so ratios measured in one run sit side by side. */
export class BenchReport {
  line(text: string): void {
    process.stdout.write(`${text}\n`)
  }

  table(title: string, rows: [string, string][]): void {
    const width = Math.max(...rows.map(([label]) => label.length))
    this.line(`\n== ${title}`)
    for (const [label, value] of rows) this.line(`  ${label.padEnd(width)}  ${value}`)
  }
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
