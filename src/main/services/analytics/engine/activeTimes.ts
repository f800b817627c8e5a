import type { TimeReport, TimeStats } from '@shared/api/statsModels'
import type { StatsInput } from './computeStats'
import { interpolateQuantiles, kthSmallest, quantileRanks } from './quantiles'

const TIME_EDGES_MS = [0, 5_000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000]
const QUANTILES = [0.5, 0.9]
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

export interface ActiveTimes {
  overall: TimeStats
  /** Per annotator (criterion) index; undefined where none of their scores has a time. */
  byAnnotator: (TimeStats | undefined)[]
  byCriterion: (TimeStats | undefined)[]
  /** Scores per bin [edgesMs[i], edgesMs[i + 1]), the last bin open-ended. */
  histogram: TimeReport['histogram']
}

/**
 * The active time of the scores that have one: overall, per annotator, per criterion, and its histogram, in three
 * passes over the scores with nothing copied but the few times near each wanted rank. A double's high 32 bits,
 * with the sign bit flipped (all bits for a negative number), order like the number, so counting the times per
 * range of those keys (about log-spaced) finds the bucket of each order statistic a median or 90th percentile
 * needs; the third pass collects those buckets' times, and a selection among them gives the statistic. Times are
 * counted once per (annotator, criterion) cell, and each group's counts summed over its cells. Groups: 0 overall,
 * then the annotators, then the criteria.
 */
export function activeTimes(scores: StatsInput['scores'], itemCriterion: Int32Array, annotators: number, criteria: number): ActiveTimes {
  const { rater, timeMs, item, length } = scores
  const words = new Uint32Array(timeMs.buffer, timeMs.byteOffset, length * 2)
  const high = LITTLE_ENDIAN ? 1 : 0
  let lowest = 0xffffffff
  let highest = 0
  for (let r = 0; r < length; r++) {
    if (Number.isNaN(timeMs[r])) continue
    const key = orderKey(words[2 * r + high])
    if (key < lowest) lowest = key
    if (key > highest) highest = key
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
    cellCounts[cell * B + ((orderKey(words[2 * r + high]) - lowest) >>> shift)]++
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
      quantileRanks(n, n === 0 ? [] : QUANTILES).map((rank) => {
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
    const b = (orderKey(words[2 * r + high]) - lowest) >>> shift
    if (wantedCell[(a * criteria + c) * B + b] === 0) continue
    collect(slots, slotOf[b], t)
    collect(slots, slotOf[(1 + a) * B + b], t)
    collect(slots, slotOf[(firstCriterion + c) * B + b], t)
  }
  const stats = (g: number): TimeStats | undefined => {
    const n = sizes[g]
    if (n === 0) return undefined
    const ranks = quantileRanks(n, QUANTILES)
    const [medianMs, p90Ms] = interpolateQuantiles(
      n,
      QUANTILES,
      ranks,
      wanted[g].map(({ slot, within }) => kthSmallest(slots[slot].values, within)),
    )
    return { n, meanMs: sums[g] / n, medianMs, p90Ms }
  }
  return {
    overall: stats(0) ?? { n: 0, meanMs: null, medianMs: null, p90Ms: null },
    byAnnotator: Array.from({ length: annotators }, (_, a) => stats(1 + a)),
    byCriterion: Array.from({ length: criteria }, (_, c) => stats(firstCriterion + c)),
    histogram: { edgesMs: [...TIME_EDGES_MS], counts: Array.from(histogram) },
  }
}

/** A double's high word as a key that orders like the number: the sign bit flipped, or every bit when negative. */
function orderKey(word: number): number {
  return (word ^ ((word >> 31) | 0x80000000)) >>> 0
}

function collect(slots: { values: Float64Array; filled: number }[], slot: number, t: number): void {
  if (slot < 0) return
  const target = slots[slot]
  target.values[target.filled++] = t
}

/** The histogram bin of a time: the last edge at or below it (bin 0 below the first). */
function bin(t: number): number {
  let b = TIME_EDGES_MS.length - 1
  while (b > 0 && t < TIME_EDGES_MS[b]) b--
  return b
}
