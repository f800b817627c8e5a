import type { TimeStats } from '@shared/api/statsModels'
import type { StatsInput } from './computeStats'
import { kthSmallest, quantilesInPlace } from './quantiles'

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
 * The active time of the scores that have one: overall, per annotator, per criterion, and its histogram. Each
 * group's median and 90th percentile are order statistics found without sorting: by counting times into buckets
 * of their doubles' high words (bucketedTimes), or, for negative or infinite times, by gathering each group's times
 * and selecting (gatheredTimes).
 */
export function activeTimes(scores: StatsInput['scores'], itemCriterion: Int32Array, annotators: number, criteria: number): ActiveTimes {
  return bucketedTimes(scores, itemCriterion, annotators, criteria) ?? gatheredTimes(scores, itemCriterion, annotators, criteria)
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1
const QUANTILES = [0.5, 0.9]

/**
 * Three passes over the scores, nothing copied but the few times near each wanted rank. For non-negative finite
 * doubles the high 32 bits order like the number (exponent, then the top of the mantissa), so counting the times
 * per range of high words (about log-spaced) finds the bucket of each wanted order statistic; the third pass
 * collects those buckets' times, and a selection among them gives the statistic. Times are counted once per
 * (annotator, criterion) cell, and each group's counts summed over its cells. Groups: 0 overall, then the
 * annotators, then the criteria. Null when a time is negative or infinite.
 */
function bucketedTimes(scores: StatsInput['scores'], itemCriterion: Int32Array, annotators: number, criteria: number): ActiveTimes | null {
  const { rater, timeMs, item, length } = scores
  const words = new Uint32Array(timeMs.buffer, timeMs.byteOffset, length * 2)
  const high = LITTLE_ENDIAN ? 1 : 0
  let lowest = 0xffffffff
  let highest = 0
  for (let r = 0; r < length; r++) {
    if (Number.isNaN(timeMs[r])) continue
    const word = words[2 * r + high]
    // the sign bit (negative, −0), or Infinity's exponent
    if (word >= 0x7ff00000) return null
    if (word < lowest) lowest = word
    if (word > highest) highest = word
  }
  // counts per (annotator, criterion) cell and bucket; each group's counts are sums over its cells
  const cells = annotators * criteria
  const B = Math.max(16, Math.min(4096, Math.floor((1 << 22) / Math.max(1, cells))))
  let shift = 0
  while ((highest - lowest) >>> shift >= B) shift++
  const cellCounts = new Int32Array(cells * B)
  const cellSums = new Float64Array(cells)
  const histogram = new Float64Array(TIME_EDGES_MS.length)
  for (let r = 0; r < length; r++) {
    const t = timeMs[r]
    if (Number.isNaN(t)) continue
    const cell = rater[r] * criteria + itemCriterion[item[r]]
    cellCounts[cell * B + ((words[2 * r + high] - lowest) >>> shift)]++
    cellSums[cell] += t
    histogram[bin(t)]++
  }
  const G = 1 + annotators + criteria
  const firstCriterion = 1 + annotators
  const counts = new Int32Array(G * B)
  const sums = new Float64Array(G)
  for (let a = 0; a < annotators; a++) {
    for (let c = 0; c < criteria; c++) {
      const cell = a * criteria + c
      sums[0] += cellSums[cell]
      sums[1 + a] += cellSums[cell]
      sums[firstCriterion + c] += cellSums[cell]
      for (let b = 0; b < B; b++) {
        const n = cellCounts[cell * B + b]
        if (n === 0) continue
        counts[b] += n
        counts[(1 + a) * B + b] += n
        counts[(firstCriterion + c) * B + b] += n
      }
    }
  }
  // each group's wanted ranks: their buckets, marked with a slot that collects the bucket's times
  const sizes = new Int32Array(G)
  const slotOf = new Int32Array(G * B).fill(-1)
  const slots: { values: Float64Array; filled: number }[] = []
  const wanted: { slot: number; within: number }[][] = []
  for (let g = 0; g < G; g++) {
    let n = 0
    for (let b = 0; b < B; b++) n += counts[g * B + b]
    sizes[g] = n
    wanted.push(
      n === 0
        ? []
        : ranksOf(n).map((rank) => {
            let before = 0
            let b = 0
            while (before + counts[g * B + b] <= rank) before += counts[g * B + b++]
            if (slotOf[g * B + b] < 0) {
              slotOf[g * B + b] = slots.length
              slots.push({ values: new Float64Array(counts[g * B + b]), filled: 0 })
            }
            return { slot: slotOf[g * B + b], within: rank - before }
          }),
    )
  }
  // the (cell, bucket)s some group wants: most scores are in none of them
  const wantedCell = new Uint8Array(cells * B)
  for (let a = 0; a < annotators; a++) {
    for (let c = 0; c < criteria; c++) {
      for (let b = 0; b < B; b++) {
        if (slotOf[b] >= 0 || slotOf[(1 + a) * B + b] >= 0 || slotOf[(firstCriterion + c) * B + b] >= 0) wantedCell[(a * criteria + c) * B + b] = 1
      }
    }
  }
  for (let r = 0; r < length; r++) {
    const t = timeMs[r]
    if (Number.isNaN(t)) continue
    const a = rater[r]
    const c = itemCriterion[item[r]]
    const b = (words[2 * r + high] - lowest) >>> shift
    if (wantedCell[(a * criteria + c) * B + b] === 0) continue
    collect(slots, slotOf[b], t)
    collect(slots, slotOf[(1 + a) * B + b], t)
    collect(slots, slotOf[(firstCriterion + c) * B + b], t)
  }
  const stats = (g: number): TimeStats | null => {
    const n = sizes[g]
    if (n === 0) return null
    const statistic = wanted[g].map(({ slot, within }) => kthSmallest(slots[slot].values, within))
    const ranks = ranksOf(n)
    const [medianMs, p90Ms] = QUANTILES.map((q) => {
      const pos = q * (n - 1)
      const lo = Math.floor(pos)
      const low = statistic[ranks.indexOf(lo)]
      return pos > lo ? low + (statistic[ranks.indexOf(lo + 1)] - low) * (pos - lo) : low
    })
    return { n, meanMs: sums[g] / n, medianMs, p90Ms }
  }
  return {
    overall: stats(0) ?? { n: 0, meanMs: null, medianMs: null, p90Ms: null },
    byAnnotator: Array.from({ length: annotators }, (_, a) => stats(1 + a)),
    byCriterion: Array.from({ length: criteria }, (_, c) => stats(firstCriterion + c)),
    histogram: Array.from(histogram),
  }
}

/** The order statistics the quantiles of n values interpolate between. */
function ranksOf(n: number): number[] {
  const ranks = new Set<number>()
  for (const q of QUANTILES) {
    const pos = q * (n - 1)
    ranks.add(Math.floor(pos))
    if (pos > Math.floor(pos)) ranks.add(Math.floor(pos) + 1)
  }
  return [...ranks]
}

function collect(slots: { values: Float64Array; filled: number }[], slot: number, t: number): void {
  if (slot < 0) return
  const target = slots[slot]
  target.values[target.filled++] = t
}

/** Times gathered per group (a counting sort), each group's quantiles by selection: any finite or infinite times. */
function gatheredTimes(scores: StatsInput['scores'], itemCriterion: Int32Array, annotators: number, criteria: number): ActiveTimes {
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
  const [medianMs, p90Ms] = quantilesInPlace(times, QUANTILES)
  return { n: times.length, meanMs: sum / times.length, medianMs, p90Ms }
}
