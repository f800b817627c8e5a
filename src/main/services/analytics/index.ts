import type { StatsOptions, StatsReport } from '@shared/api/statsModels'
import { StatsOptions as StatsOptionsSchema } from '@shared/api/statsModels'
import { openProject, type Db } from '../db'
import { applyIntervals, computeStats, intervals, slotsPerResample, type StatsInput } from './engine'
import { runBootstrap } from './bootstrapRunner'
import { loadProject } from './load/loadProject'

export { loadProject, topProbability, type LoadTimes } from './load/loadProject'
export { runBootstrap } from './bootstrapRunner'

export interface ComputeOptions extends StatsOptions {
  /** Worker threads for the bootstrap (default: os.availableParallelism()). */
  threads?: number
}

/**
 * The whole stats report of a project (a Db or a project file path, opened read-only): reads the scores once,
 * computes every figure, and with `bootstrap` > 0 adds 95 % percentile intervals from that many seeded item
 * resamples run in worker threads.
 */
export async function computeProjectStats(project: Db | string, options: ComputeOptions = {}): Promise<StatsReport> {
  return statsOf(readProject(project, options.source), options)
}

/** The engine's input of a project (a Db, or a file opened read-only for the read). */
export function readProject(project: Db | string, source?: 'first' | 'latest'): StatsInput {
  if (typeof project !== 'string') return loadProject(project, undefined, source)
  const db = openProject(project, { readOnly: true })
  try {
    return loadProject(db, undefined, source)
  } finally {
    db.close()
  }
}

/** The report of an input already read (the dashboard reads once, then computes and lists items from the same data). */
export async function statsOf(input: StatsInput, options: ComputeOptions = {}): Promise<StatsReport> {
  const { bootstrap, seed, top } = StatsOptionsSchema.parse({ bootstrap: options.bootstrap, seed: options.seed, top: options.top, source: options.source })
  const { report, bootstrapJob } = computeStats(input, { seed, top })
  if (bootstrap > 0) {
    const job = bootstrapJob()
    const figures = await runBootstrap(job, bootstrap, options.threads)
    applyIntervals(report, input, job, intervals(figures, slotsPerResample(job)), bootstrap)
  }
  return report
}
