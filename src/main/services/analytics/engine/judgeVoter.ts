import type { AverageOverModels, JudgeMeasures, Stat } from '@shared/api/statsModels'
import { JUDGE_MODEL_MEASURES } from '@shared/api/statsMeasures'
import type { Patterns } from './agreement'
import { nullStat, statOf } from './stat'
import type { ScoreTable } from './table'

/**
 * Verdict confidence with the judge as one more voter (the POLLUX model cards' definition: the maximum empirical
 * probability among the assigned scores), per pair: the item's expert scores plus the judge's score; its mean over
 * all pairs and per group of items (answer model). A pair's value depends only on its item's score pattern and the
 * judge's score, so it is computed once per (pattern, judge score) and looked up per pair.
 * `predCode`: each pair's judge score as a code into `predValues`.
 */
export function judgeVerdictConfidence(
  table: ScoreTable,
  patterns: Patterns,
  items: Int32Array,
  predCode: Int32Array,
  predValues: Float64Array,
  n: number,
  group: Int32Array,
  groups: number,
): { overall: Stat; byGroup: Stat[] } {
  const { K, P, counts, categories, itemPattern } = patterns
  const KP = predValues.length
  // each judge score's expert category (−1: no expert gave it)
  const category = Int32Array.from(predValues, (v) => categories.indexOf(v))
  const byPattern = new Float64Array(P * KP)
  for (let p = 0; p < P; p++) {
    let most = 0
    for (let k = 0; k < K; k++) most = Math.max(most, counts[p * K + k])
    for (let c = 0; c < KP; c++) {
      const same = category[c] >= 0 ? counts[p * K + category[c]] : 0
      byPattern[p * KP + c] = Math.max(most, same + 1) / (patterns.m[p] + 1)
    }
  }
  const { offsets, value } = table
  const sum = new Float64Array(groups)
  const count = new Float64Array(groups)
  let total = 0
  for (let k = 0; k < n; k++) {
    const item = items[k]
    const p = itemPattern[item]
    // an item with one expert score: 2/2 when the judge gives the same score, else 1/2
    const v = p >= 0 ? byPattern[p * KP + predCode[k]] : value[offsets[item]] === predValues[predCode[k]] ? 1 : 0.5
    const g = group[item]
    sum[g] += v
    count[g]++
    total += v
  }
  const mean = (s: number, c: number) => (c > 0 ? statOf(s / c, 'no item') : nullStat('no item has scores from both the experts and this judge'))
  return { overall: mean(total, n), byGroup: Array.from(sum, (s, g) => mean(s, count[g])) }
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
