import type { Calibration, ReliabilityBin } from '@shared/api/statsModels'
import { nullStat, statOf } from './stat'

/**
 * Expected calibration error over `bins` equal-width confidence bins: Σ_b (n_b / n) |accuracy_b − confidence_b|.
 * Bin b holds confidences in [b/bins, (b+1)/bins); a confidence of exactly 1 goes in the last bin.
 * `confidence[i]` is the judge's top stored probability, `correct[i]` 1 when its most probable score equals the
 * rounded expert mean.
 */
export function calibration(confidence: Float64Array, correct: Uint8Array, n = confidence.length, bins = 10): Calibration {
  const count = new Float64Array(bins)
  const conf = new Float64Array(bins)
  const hits = new Float64Array(bins)
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(confidence[i] * bins)))
    count[b]++
    conf[b] += confidence[i]
    hits[b] += correct[i]
  }
  const table: ReliabilityBin[] = []
  let ece = 0
  for (let b = 0; b < bins; b++) {
    const c = count[b]
    table.push({ lo: b / bins, hi: (b + 1) / bins, n: c, confidence: c ? conf[b] / c : null, accuracy: c ? hits[b] / c : null })
    if (c) ece += (c / n) * Math.abs(hits[b] / c - conf[b] / c)
  }
  return {
    n,
    ece: n === 0 ? nullStat('no judgment stored score probabilities') : statOf(ece, 'no judgment stored score probabilities'),
    bins: n === 0 ? [] : table,
  }
}
