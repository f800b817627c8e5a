import type { EstimateRow, Estimates, RankedModel, RunEstimates } from '@shared/api/estimatesModels'
import { ROUTING_ROLE, type StatsInput } from './computeStats'
import { answerUnits, ppiMean, type PpiEstimate } from './ppi'

export const UNIFORM_SAMPLE = 'expert-scored items taken as a uniform random sample of the judged items'
const CENSUS = 'every item has expert scores (on file), so routing drew no sample: all of them are used'

/**
 * The report's `estimates`: for each judge run that stored probabilities, PPI++ means per model × criterion and per
 * model (answer units: an answer is an instruction × model). The judge's value on an item is its expected score (its
 * score where that judgment stored no probabilities); the expert value is the mean of the item's expert scores.
 */
export function computeEstimates(input: StatsInput): Estimates {
  const out: Estimates = {}
  const runs = [...input.judges]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .filter((judge) => judge.expected && anyFinite(judge.expected, judge.length))
  if (runs.length === 0) return out // expert sums only when some run stored probabilities
  const design = samplingDesign(input)
  for (const judge of runs) {
    const expected = judge.expected!
    const n = judge.length
    const f = new Float64Array(n)
    const y = new Float64Array(n)
    const inclusion = design.inclusion && new Float64Array(n)
    for (let k = 0; k < n; k++) {
      const item = judge.item[k]
      f[k] = Number.isFinite(expected[k]) ? expected[k] : judge.score[k]
      y[k] = design.expert[item]
      if (inclusion) inclusion[k] = design.inclusion![item]
    }
    out[judge.name] = { ...runEstimates(input, judge.item.subarray(0, n), f, y, inclusion, design.sample), design: design.kind }
  }
  return out
}

export interface SamplingDesign {
  kind: 'uniform' | 'calibration' | 'weighted'
  /** Per item: the expert value the estimate uses (NaN: the item counts as unlabeled). */
  expert: Float64Array
  /** Per item: inclusion probability (weighted design only; unlabeled items: 1, unused). */
  inclusion?: Float64Array
  sample: string
}

/**
 * Which expert scores make an honest sample. Routing off: every expert-scored item, taken as uniform (the
 * assignment policies hand answers out without looking at the judge). Judge-guided routing: the calibration sample
 * (a seeded uniform sample of answers; an item's value is the mean of its experts) and, when every routed item has
 * a stored probability > 0 of going to an expert (probabilistic routing) and every escalated item has its first
 * score, the routed items too, each with its *first* expert's score weighted by 1/π (later experts were asked
 * because of the earlier ones, so their mean is not unbiased; the first is a random panel member). Conditional on
 * the calibration sample λ is fixed, so the stored π is the item's inclusion probability. Otherwise routed items'
 * scores are left out: with π = 0 above λ they are not a sample of anything. When every item has expert scores
 * (on file: an imported complete project), nothing was sampled and all of them are used.
 */
export function samplingDesign(input: StatsInput): SamplingDesign {
  const N = input.itemCount
  const sum = new Float64Array(N)
  const count = new Int32Array(N)
  const first = new Float64Array(N).fill(Number.NaN)
  for (let k = 0; k < input.scores.length; k++) {
    const i = input.scores.item[k]
    if (count[i] === 0) first[i] = input.scores.value[k]
    sum[i] += input.scores.value[k]
    count[i]++
  }
  const mean = Float64Array.from(sum, (s, i) => (count[i] > 0 ? s / count[i] : Number.NaN))
  const routing = input.routing
  if (!routing) return { kind: 'uniform', expert: mean, sample: UNIFORM_SAMPLE }
  // every item scored (experts' scores on file, e.g. an imported complete project): no sample was drawn at all
  if (N > 0 && count.every((c) => c > 0)) return { kind: 'uniform', expert: mean, sample: CENSUS }
  const expert = new Float64Array(N).fill(Number.NaN)
  let calibrationScored = 0
  let routedScored = 0
  let blocker: string | null = null
  let unscored = 0
  for (let i = 0; i < N; i++) {
    const role = routing.role[i]
    if (role === ROUTING_ROLE.calibration) {
      expert[i] = mean[i]
      if (count[i] > 0) calibrationScored++
      continue
    }
    if (role === ROUTING_ROLE.escalated && count[i] > 0) routedScored++
    if (role === ROUTING_ROLE.escalated && count[i] === 0) unscored++
    if (blocker) continue
    const p = routing.probability[i]
    if (role === 0 || role === ROUTING_ROLE.pending) blocker = 'routing has not placed every item yet (calibration under way or items added since)'
    else if (!(p > 0)) blocker = 'deterministic routing: items above λ never go to experts (π = 0), so routed scores are not a sample'
  }
  if (!blocker && unscored > 0) blocker = `${unscored} escalated items have no expert score yet`
  const calibrationText = `calibration sample only (a seeded uniform random sample of answers): ${calibrationScored} expert-scored items`
  if (blocker) {
    const leftOut = routedScored ? `; ${routedScored} expert-scored routed items left out: ${blocker}` : `; ${blocker}`
    return { kind: 'calibration', expert, sample: calibrationText + leftOut }
  }
  const inclusion = new Float64Array(N).fill(1)
  for (let i = 0; i < N; i++) {
    if (routing.role[i] !== ROUTING_ROLE.escalated) continue
    expert[i] = first[i]
    inclusion[i] = routing.probability[i]
  }
  return {
    kind: 'weighted',
    expert,
    inclusion,
    sample: `calibration sample (${calibrationScored} items, a seeded uniform random sample of answers) + ${routedScored} routed items weighted by 1/π (probabilistic routing; each with its first expert's score)`,
  }
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
    // weighted: items as units (their π differ within an answer), as the simulation does
    const answer = Int32Array.from(at, (k) => input.itemInstruction[item[k]])
    const units = inclusion ? { judge: pick(f, at), expert: pick(y, at), inclusion: pick(inclusion, at) } : answerUnits(pick(f, at), pick(y, at), answer)
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

/** A plain loop: `.some` with a closure over a million judgments cost milliseconds of every stats read. */
function anyFinite(values: Float64Array, length: number): boolean {
  for (let k = 0; k < length; k++) if (Number.isFinite(values[k])) return true
  return false
}
