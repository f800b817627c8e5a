import type { RaterPatterns, Patterns } from './agreement'
import { buildPatterns, buildRaterPatterns, groupRaterWeights } from './agreement'
import { encodePairs, roundHalfUp, type PairCodes } from './compare'
import type { StatsInput } from './computeStats'
import { categorize, scoreTable } from './table'

/**
 * The human ceiling's pairs: each expert's score vs the mean of the other experts of the item (items with ≥ 2
 * scores), with that mean rounded half up to the criterion's nearest allowed score. Pairs are counted as distinct
 * (expert, criterion, pattern, own score) cells with a weight, so the cost is O(rater patterns), not O(scores).
 */
export interface CeilingPairs {
  n: number
  codes: PairCodes
  /** Items behind each pair cell. */
  weight: Float64Array
  rater: Int32Array
  criterion: Int32Array
}

export function ceilingPairs(input: StatsInput, patterns: Patterns, rp: RaterPatterns, criterionRaterWeights: Float64Array, categories: Float64Array): CeilingPairs {
  // A pair depends only on the item's pattern, the expert's own score, the criterion (for rounding) and the
  // expert (for the breakdown): count those, then build triples.
  const A = input.annotatorNames.length
  const C = input.criterionNames.length
  const { K, P } = patterns
  const ceilingCells = new Map<number, number>()
  const ceilingSpace = A * C * P * K
  const ceilingDense = ceilingSpace <= 1 << 23 ? new Float64Array(ceilingSpace) : null
  // items per (criterion, rater pattern), then each pattern's rows: O(rater patterns), not O(scores)
  for (let criterion = 0; criterion < C; criterion++) {
    for (let q = 0; q < rp.RP; q++) {
      const w = criterionRaterWeights[criterion * rp.RP + q]
      if (!(w > 0)) continue
      const base = criterion * P + rp.toPattern[q]
      for (let r = rp.offsets[q]; r < rp.offsets[q + 1]; r++) {
        const key = (rp.rater[r] * C * P + base) * K + rp.code[r]
        if (ceilingDense) ceilingDense[key] += w
        else ceilingCells.set(key, (ceilingCells.get(key) ?? 0) + w)
      }
    }
  }
  if (ceilingDense) ceilingDense.forEach((v, key) => v > 0 && ceilingCells.set(key, v))
  const patternSum = new Float64Array(P)
  for (let p = 0; p < P; p++) for (let k = 0; k < K; k++) patternSum[p] += patterns.counts[p * K + k] * categories[k]
  const E = ceilingCells.size
  const eRef = new Float64Array(E)
  const eRounded = new Float64Array(E)
  const ePred = new Float64Array(E)
  const eWeight = new Float64Array(E)
  const eRater = new Int32Array(E)
  const eCriterion = new Int32Array(E)
  let at = 0
  for (const [key, weight] of [...ceilingCells].sort((a, b) => a[0] - b[0])) {
    const k = key % K
    const p = Math.floor(key / K) % P
    const criterion = Math.floor(key / (K * P)) % C
    eRater[at] = Math.floor(key / (K * P * C))
    eCriterion[at] = criterion
    ePred[at] = categories[k]
    eRef[at] = (patternSum[p] - categories[k]) / (patterns.m[p] - 1)
    eRounded[at] = roundHalfUp(eRef[at], input.criterionLevels[criterion])
    eWeight[at] = weight
    at++
  }
  return { n: E, codes: encodePairs(ePred, eRef, eRounded, E), weight: eWeight, rater: eRater, criterion: eCriterion }
}

/** The ceiling's pairs of an input, building the score table and patterns on its own (the quality figures). */
export function ceilingPairsOf(input: StatsInput): CeilingPairs {
  const { scores, itemCount } = input
  const table = scoreTable(itemCount, input.annotatorNames.length, scores.item, scores.rater, scores.value, scores.length)
  const { categories, code } = categorize(table)
  const patterns = buildPatterns(table, code, categories)
  const rp = buildRaterPatterns(table, code, patterns)
  const weights = groupRaterWeights(patterns, rp, input.itemCriterion, input.criterionNames.length)
  return ceilingPairs(input, patterns, rp, weights.rater, categories)
}
