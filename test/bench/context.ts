import type { BenchReport } from './report'

/** What every suite gets: where to put files, how big to make them, where to print. */
export interface BenchContext {
  dir: string
  scale: number
  report: BenchReport
  /** The generated score-row project (1.2 M rows at full scale): the import suite's, or imported once on demand. */
  project(): Promise<string>
}

export type BenchSuite = (bench: BenchContext) => Promise<void>
