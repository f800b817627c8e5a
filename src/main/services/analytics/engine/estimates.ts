import type { EstimateRow, Estimates, RankedModel, RunEstimates } from '@shared/api/estimatesModels'
import type { StatsInput } from './computeStats'
import { answerUnits, ppiMean, type PpiEstimate } from './ppi'

export const UNIFORM_SAMPLE = 'expert-scored items taken as a uniform random sample of the judged items'

/**
 * The report's `estimates`: for each judge run that stored probabilities, PPI++ means per model × criterion and per
 * model (answer units: an answer is an instruction × model). The judge's value on an item is its expected score (its
 * score where that judgment stored no probabilities); the expert value is the mean of the item's expert scores.
 */
export function computeEstimates(input: StatsInput): Estimates {
  const expertSum = new Float64Array(input.itemCount)
  const expertCount = new Int32Array(input.itemCount)
  const out: Estimates = {}
  const runs = [...input.judges]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .filter((judge) => judge.expected && judge.expected.subarray(0, judge.length).some((v) => Number.isFinite(v)))
  if (runs.length === 0) return out
  const { item: scoreItem, value: scoreValue, length: scoreRows } = input.scores
  for (let k = 0; k < scoreRows; k++) {
    expertSum[scoreItem[k]] += scoreValue[k]
    expertCount[scoreItem[k]]++
  }
  for (const judge of runs) {
    const expected = judge.expected!
    const n = judge.length
    const f = new Float64Array(n)
    const y = new Float64Array(n)
    for (let k = 0; k < n; k++) {
      const item = judge.item[k]
      f[k] = Number.isFinite(expected[k]) ? expected[k] : judge.score[k]
      y[k] = expertCount[item] > 0 ? expertSum[item] / expertCount[item] : Number.NaN
    }
    out[judge.name] = runEstimates(input, judge.item.subarray(0, n), f, y)
  }
  return out
}

/** Estimates of one run's judged items (`item`: item index of each, `f` judge value, `y` expert mean or NaN). */
export function runEstimates(input: StatsInput, item: Int32Array, f: Float64Array, y: Float64Array, inclusion?: Float64Array, sample = UNIFORM_SAMPLE): RunEstimates {
  const M = input.modelNames.length
  const C = input.criterionNames.length
  // positions of each (criterion, model) group and each model
  const groups = new Map<number, number[]>()
  const models: number[][] = Array.from({ length: M }, () => [])
  for (let k = 0; k < item.length; k++) {
    const key = input.itemCriterion[item[k]] * M + input.itemModel[item[k]]
    let list = groups.get(key)
    if (!list) groups.set(key, (list = []))
    list.push(k)
    models[input.itemModel[item[k]]].push(k)
  }
  const pick = (source: Float64Array, at: number[]) => Float64Array.from(at, (k) => source[k])
  const byCriterion: Record<string, Record<string, EstimateRow>> = {}
  const criterionOrder = Array.from({ length: C }, (_, c) => c).sort((a, b) => (input.criterionNames[a] < input.criterionNames[b] ? -1 : 1))
  for (const c of criterionOrder) {
    const row: Record<string, EstimateRow> = {}
    for (const m of sortedModels(input)) {
      const at = groups.get(c * M + m)
      if (!at) continue
      row[input.modelNames[m]] = rowOf(ppiMean(pick(f, at), pick(y, at), { inclusion: inclusion && pick(inclusion, at) }))
    }
    if (Object.keys(row).length) byCriterion[input.criterionNames[c]] = row
  }
  const byModel: Record<string, EstimateRow> = {}
  for (const m of sortedModels(input)) {
    const at = models[m]
    if (!at.length) continue
    const answer = Int32Array.from(at, (k) => input.itemInstruction[item[k]])
    const units = answerUnits(pick(f, at), pick(y, at), answer, inclusion && pick(inclusion, at))
    byModel[input.modelNames[m]] = rowOf(ppiMean(units.judge, units.expert, { inclusion: units.inclusion }))
  }
  return { byModel, byCriterion, ranking: ranking(byModel), sample }
}

function sortedModels(input: StatsInput): number[] {
  return input.modelNames.map((_, m) => m).sort((a, b) => (input.modelNames[a] < input.modelNames[b] ? -1 : 1))
}

export function rowOf(e: PpiEstimate): EstimateRow {
  return { labeled: e.labeled, unlabeled: e.unlabeled, lambda: e.lambda, ppi: e.ppi, expertOnly: e.expertOnly, widthRatio: e.widthRatio }
}

export function ranking(byModel: Record<string, EstimateRow>): RankedModel[] {
  const defined = Object.entries(byModel).filter(([, row]) => row.ppi.value !== null && row.ppi.ci)
  defined.sort(([a, x], [b, y]) => y.ppi.value! - x.ppi.value! || (a < b ? -1 : 1))
  return defined.map(([model, row], i) => ({ model, rank: i + 1, value: row.ppi.value!, ci: row.ppi.ci! }))
}
