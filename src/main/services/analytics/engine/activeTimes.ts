import type { TimeStats } from '@shared/api/statsModels'
import type { StatsInput } from './computeStats'
import { quantilesInPlace } from './quantiles'

export const TIME_EDGES_MS = [0, 5_000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000]

export interface ActiveTimes {
  overall: TimeStats
  /** Per annotator (criterion) index; null where none of their scores has a time. */
  byAnnotator: (TimeStats | null)[]
  byCriterion: (TimeStats | null)[]
  /** Scores per bin of TIME_EDGES_MS: [edge i, edge i + 1), the last bin open-ended. */
  histogram: number[]
}

/**
 * The active time of the scores that have one: overall, per annotator, per criterion, and its histogram. Times are
 * gathered in two passes into one buffer per grouping with each group contiguous (a counting sort), and each
 * group's median and 90th percentile are found by selection. The annotator buffer, reordered group by group,
 * still holds every time and serves for the overall figures.
 */
export function activeTimes(scores: StatsInput['scores'], itemCriterion: Int32Array, annotators: number, criteria: number): ActiveTimes {
  const { rater, timeMs, item, length } = scores
  const annotatorStart = new Int32Array(annotators + 1)
  const criterionStart = new Int32Array(criteria + 1)
  for (let r = 0; r < length; r++) {
    if (Number.isNaN(timeMs[r])) continue
    annotatorStart[rater[r] + 1]++
    criterionStart[itemCriterion[item[r]] + 1]++
  }
  for (let a = 0; a < annotators; a++) annotatorStart[a + 1] += annotatorStart[a]
  for (let c = 0; c < criteria; c++) criterionStart[c + 1] += criterionStart[c]
  const timed = annotatorStart[annotators]
  const byAnnotator = new Float64Array(timed)
  const byCriterion = new Float64Array(timed)
  const annotatorSum = new Float64Array(annotators)
  const criterionSum = new Float64Array(criteria)
  const histogram = new Float64Array(TIME_EDGES_MS.length)
  const annotatorAt = annotatorStart.slice(0, annotators)
  const criterionAt = criterionStart.slice(0, criteria)
  let sum = 0
  for (let r = 0; r < length; r++) {
    const t = timeMs[r]
    if (Number.isNaN(t)) continue
    const a = rater[r]
    const c = itemCriterion[item[r]]
    byAnnotator[annotatorAt[a]++] = t
    byCriterion[criterionAt[c]++] = t
    annotatorSum[a] += t
    criterionSum[c] += t
    sum += t
    histogram[bin(t)]++
  }
  const groupStats = (buffer: Float64Array, start: Int32Array, sums: Float64Array) =>
    Array.from(sums, (s, g) => (start[g + 1] > start[g] ? summary(buffer.subarray(start[g], start[g + 1]), s) : null))
  const perAnnotator = groupStats(byAnnotator, annotatorStart, annotatorSum)
  return {
    overall: summary(byAnnotator, sum),
    byAnnotator: perAnnotator,
    byCriterion: groupStats(byCriterion, criterionStart, criterionSum),
    histogram: Array.from(histogram),
  }
}

/** The histogram bin of a time: the last edge at or below it (bin 0 below the first). */
function bin(t: number): number {
  let b = TIME_EDGES_MS.length - 1
  while (b > 0 && t < TIME_EDGES_MS[b]) b--
  return b
}

/** Reorders `times`. */
function summary(times: Float64Array, sum: number): TimeStats {
  if (times.length === 0) return { n: 0, meanMs: null, medianMs: null, p90Ms: null }
  const [medianMs, p90Ms] = quantilesInPlace(times, [0.5, 0.9])
  return { n: times.length, meanMs: sum / times.length, medianMs, p90Ms }
}
