import type { AverageOverModels, JudgeMeasures, Stat } from '@shared/api/statsModels'
import { JUDGE_MODEL_MEASURES } from '@shared/api/statsMeasures'
import type { Patterns } from './agreement'
import { nullStat, statOf } from './stat'
import type { ScoreTable } from './table'

/**
 * Verdict confidence with the judge as one more voter (the POLLUX model cards' definition: the maximum empirical
 * probability among the assigned scores), per pair: the item's expert scores plus the judge's score.
 */
export function judgeVerdictConfidence(table: ScoreTable, patterns: Patterns, items: Int32Array, pred: Float64Array, n: number): Float64Array {
  const { K, counts } = patterns
  const patternMax = new Int32Array(patterns.P)
  for (let p = 0; p < patterns.P; p++) for (let k = 0; k < K; k++) patternMax[p] = Math.max(patternMax[p], counts[p * K + k])
  const out = new Float64Array(n)
  const { offsets, value } = table
  const itemPattern = patterns.itemPattern
  for (let k = 0; k < n; k++) {
    const item = items[k]
    const start = offsets[item]
    const m = offsets[item + 1] - start
    const score = pred[k]
    let same = 0
    for (let r = start; r < start + m; r++) if (value[r] === score) same++
    const p = itemPattern[item]
    const most = p >= 0 ? patternMax[p] : 1
    out[k] = Math.max(most, same + 1) / (m + 1)
  }
  return out
}

/** The mean of per-pair values by group (null where a group has no pair). */
export function meanByGroup(values: Float64Array, items: Int32Array, group: Int32Array, groups: number): Stat[] {
  const sum = new Float64Array(groups)
  const count = new Float64Array(groups)
  for (let k = 0; k < values.length; k++) {
    const g = group[items[k]]
    sum[g] += values[k]
    count[g]++
  }
  return Array.from(sum, (s, g) => (count[g] > 0 ? statOf(s / count[g], 'no item') : nullStat('no item has scores from both the experts and this judge')))
}

/** The model cards' "Avg." row: each measure's mean over the answer models where it is defined. */
export function averageOverModels(byModel: JudgeMeasures[]): AverageOverModels {
  const out: Record<string, Stat | number> = { models: byModel.length }
  for (const measure of JUDGE_MODEL_MEASURES) {
    const defined = byModel.map((m) => measure.pick(m).value).filter((v): v is number => v !== null)
    out[measure.key] = defined.length
      ? { value: defined.reduce((a, b) => a + b, 0) / defined.length }
      : nullStat(byModel.length ? 'undefined for every answer model' : 'no answer model has scores from both the experts and this judge')
  }
  return out as AverageOverModels
}
