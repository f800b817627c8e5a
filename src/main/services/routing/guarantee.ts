import { roundHalfUp } from '../analytics/engine/compare'
import { betaQuantile } from '../analytics/engine/betaDistribution'

/**
 * The routing guarantee ("Trust or Escalate", Jung et al., ICLR 2025): per criterion, the lowest judge-confidence
 * threshold λ such that, among calibration items with confidence ≥ λ, the judge disagrees with the expert consensus
 * at a rate ≤ α with probability ≥ 1 − δ. Pure TypeScript, no I/O.
 */

/** Judge vs expert consensus on one calibration item. */
export interface CalibrationPoint {
  confidence: number
  agrees: boolean
}

export interface ThresholdOptions {
  /** Largest tolerated disagreement rate among accepted items. */
  alpha: number
  /** Probability that the guarantee may fail. */
  delta: number
  /** Thresholds backed by fewer accepted calibration items are skipped, not tested. */
  minItems: number
  /** Thresholds to test (any order; tested from high to low). Default DEFAULT_GRID. */
  grid?: number[]
}

export interface TestedThreshold {
  lambda: number
  /** Accepted calibration items (confidence ≥ λ). */
  n: number
  /** Of those, how many the judge got wrong. */
  errors: number
  /** Clopper–Pearson upper bound on the error rate at level 1 − δ (1 with no items; computed for skipped ones too). */
  upperBound: number
  passed: boolean
  skipped?: 'few-items'
}

export interface ThresholdResult {
  /** Accept items with confidence ≥ lambda; null: accept nothing. */
  lambda: number | null
  tested: TestedThreshold[]
  reason?: string
}

/** 0.00, 0.01, …, 1.00: fixed before seeing data, as fixed-sequence testing requires. */
export const DEFAULT_GRID: readonly number[] = Array.from({ length: 101 }, (_, i) => Math.round(i) / 100)

/**
 * One-sided exact (Clopper–Pearson) upper bound on a binomial rate at confidence 1 − δ:
 * the (1 − δ) quantile of Beta(errors + 1, n − errors); 1 when every trial failed. `errors` may be fractional
 * (an average over experts, see expertCeilingAlpha).
 */
export function clopperPearsonUpper(errors: number, n: number, delta: number): number {
  if (!(n > 0)) return 1
  if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`)
  if (errors < 0 || errors > n) throw new RangeError(`errors must be in [0, n], got ${errors} of ${n}`)
  if (errors >= n) return 1
  if (errors === 0) return 1 - Math.pow(delta, 1 / n)
  return betaQuantile(1 - delta, errors + 1, n - errors)
}

/**
 * Fixed-sequence testing over a decreasing grid: thresholds backed by fewer than minItems calibration items are
 * skipped; the first tested threshold whose upper bound exceeds α stops the walk; λ = the lowest that passed.
 */
export function selectThreshold(points: CalibrationPoint[], options: ThresholdOptions): ThresholdResult {
  const { alpha, delta, minItems } = options
  const grid = [...new Set(options.grid ?? DEFAULT_GRID)].sort((a, b) => b - a)
  // points by confidence, descending, so each threshold's counts are a prefix
  const sorted = [...points].sort((a, b) => b.confidence - a.confidence)
  const tested: TestedThreshold[] = []
  let lambda: number | null = null
  let at = 0
  let n = 0
  let errors = 0
  let failed = false
  for (const threshold of grid) {
    while (at < sorted.length && sorted[at].confidence >= threshold - 1e-12) {
      n++
      if (!sorted[at].agrees) errors++
      at++
    }
    if (n < minItems) {
      tested.push({ lambda: threshold, n, errors, upperBound: clopperPearsonUpper(errors, n, delta), passed: false, skipped: 'few-items' })
      continue
    }
    const upperBound = clopperPearsonUpper(errors, n, delta)
    const passed = upperBound <= alpha
    tested.push({ lambda: threshold, n, errors, upperBound, passed })
    if (!passed) {
      failed = true
      break
    }
    lambda = threshold
  }
  if (lambda !== null) return { lambda, tested }
  const reason =
    points.length < minItems
      ? `only ${points.length} calibration items, fewer than the minimum of ${minItems}`
      : failed
        ? `the most confident threshold backed by ${minItems} or more items already exceeds α = ${alpha} at δ = ${delta}`
        : `no threshold of the grid is backed by ${minItems} or more calibration items`
  return { lambda: null, tested, reason }
}

/** The judge's confidence on an item: the top probability, or 1 − entropy / ln(K). */
export function judgeConfidence(probabilities: number[], measure: 'top' | 'entropy'): number {
  const total = probabilities.reduce((s, p) => s + (p > 0 ? p : 0), 0)
  if (!(total > 0)) return 0
  if (measure === 'top') return Math.max(...probabilities) / total
  if (probabilities.length < 2) return 1
  let entropy = 0
  for (const raw of probabilities) {
    const p = raw / total
    if (p > 0) entropy -= p * Math.log(p)
  }
  return Math.min(1, Math.max(0, 1 - entropy / Math.log(probabilities.length)))
}

/** The expert consensus: the mean rounded half up to an allowed score (the accuracy figure's rule). */
export function consensusScore(expertScores: number[], allowedScores: number[]): number {
  if (expertScores.length === 0) throw new RangeError('consensus of no expert scores')
  const mean = expertScores.reduce((s, x) => s + x, 0) / expertScores.length
  return roundHalfUp(mean, allowedScores.length ? Float64Array.from([...allowedScores].sort((a, b) => a - b)) : null)
}

/**
 * "No worse than one more expert": the leave-one-out disagreement of one expert with the others' consensus over the
 * calibration items with ≥ 2 experts (each item weighs one, its experts averaged), at its Clopper–Pearson upper bound.
 * NaN when no item has two experts.
 */
export function expertCeilingAlpha(calibrationItems: number[][], allowedScores: number[], delta: number): number {
  let items = 0
  let disagreements = 0
  for (const scores of calibrationItems) {
    if (scores.length < 2) continue
    let differ = 0
    for (let j = 0; j < scores.length; j++) {
      const others = scores.filter((_, k) => k !== j)
      if (scores[j] !== consensusScore(others, allowedScores)) differ++
    }
    items++
    disagreements += differ / scores.length
  }
  if (items === 0) return Number.NaN
  return clopperPearsonUpper(disagreements, items, delta)
}

/** A committee of runs as probabilities: each allowed score's share of the votes (scores outside the scale refused). */
export function committeeProbabilities(scores: number[], allowedScores: number[]): number[] {
  if (scores.length === 0) throw new RangeError('a committee needs at least one vote')
  const counts = allowedScores.map(() => 0)
  for (const score of scores) {
    const at = allowedScores.findIndex((s) => Math.abs(s - score) < 1e-9)
    if (at < 0) throw new RangeError(`committee vote ${score} is not an allowed score (${allowedScores.join(', ')})`)
    counts[at]++
  }
  return counts.map((c) => c / scores.length)
}

/** The judge's most probable score (the first on a tie) and its expected score. */
export function scoreSummary(probabilities: number[], allowedScores: number[]): { top: number; expected: number } {
  let best = 0
  let total = 0
  let expected = 0
  for (let i = 0; i < probabilities.length; i++) {
    if (probabilities[i] > probabilities[best]) best = i
    total += probabilities[i]
    expected += probabilities[i] * allowedScores[i]
  }
  return { top: allowedScores[best], expected: total > 0 ? expected / total : Number.NaN }
}
