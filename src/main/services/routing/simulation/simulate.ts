import { kendallTauB } from '../../analytics/engine/correlation'
import { generator } from '../../analytics/engine/bootstrap'
import { answerUnits, ppiMean } from '../../analytics/engine/ppi'
import { expertCeilingAlpha, selectThreshold, type CalibrationPoint } from '../guarantee'

/**
 * Replays an assignment policy on a complete project (every item has all its expert scores), revealing only the
 * scores the policy would have asked for. Pure: no I/O; one repeat at a time (workers run ranges of repeats).
 */

export type Policy = 'judge-guided' | 'breadth' | 'depth' | 'random'
export const POLICIES: readonly Policy[] = ['judge-guided', 'breadth', 'depth', 'random']

/** A complete project, read once (loadSimulation.ts): typed arrays, so it crosses to worker threads cheaply. */
export interface SimulationData {
  items: number
  answers: number
  itemAnswer: Int32Array
  itemCriterion: Int32Array
  itemModel: Int32Array
  criterionNames: string[]
  /** Allowed scores per criterion, ascending. */
  criterionLevels: number[][]
  modelNames: string[]
  /** Expert scores of item i: expertValues[expertOffsets[i] … expertOffsets[i + 1]). */
  expertOffsets: Int32Array
  expertValues: Float64Array
  /** Mean of all the item's expert scores (the full panel), and its consensus (rounded half up to an allowed score). */
  fullMean: Float64Array
  consensus: Float64Array
  /** The judge: most probable score, expected score, confidence; NaN where the item was not judged. */
  judgeTop: Float64Array
  judgeExpected: Float64Array
  confidence: Float64Array
}

export interface SimulationSettings {
  policy: Policy
  /** Absolute α, or 'ceiling': the expert's own leave-one-out disagreement at its upper bound. */
  alpha: number | 'ceiling'
  delta: number
  /** Calibration answers (judge-guided), or the answers fully scored first (other policies with no budget). */
  calibration: number
  /** Most experts an escalated item gets. */
  maxExperts: number
  minItems: number
  /** Expert scores the non-guided policies may spend (default: all). */
  budget?: number
  /**
   * Probabilistic routing: an item above λ still goes to experts with this probability, so every item has a known
   * probability ≥ π_min of reaching one and the estimates use inverse-probability weights over all expert-scored
   * items (Zrnic & Candès 2024). Absent: deterministic routing, estimates from the calibration answers only.
   */
  piMin?: number
  seed: number
}

/** One repeat's figures, per criterion (index) and overall. Null where undefined. */
export interface RepeatOutcome {
  /** Expert scores asked for, per criterion. */
  used: Float64Array
  accepted: Int32Array
  acceptedDisagree: Int32Array
  alpha: Float64Array
  lambda: Float64Array
  /** Per criterion: covered / defined model intervals, summed width ratios are kept as a list. */
  criterionCovered: Int32Array
  criterionDefined: Int32Array
  criterionRatios: number[][]
  criterionTau: Float64Array
  modelCovered: number
  modelDefined: number
  modelRatios: number[]
  tau: number
}

/** The default calibration size: 5 × minItems answers (so λ can be tested with room to spare), at least 10 %. */
export function defaultCalibration(data: SimulationData, minItems: number): { answers: number; chosenBy: string } {
  const answers = Math.min(data.answers, Math.max(5 * minItems, Math.ceil(0.1 * data.answers)))
  return { answers, chosenBy: `min(answers = ${data.answers}, max(5 × min-items = ${5 * minItems}, 10 % of answers = ${Math.ceil(0.1 * data.answers)}))` }
}

/** A 32-bit mix of seed and repeat: every repeat has its own stream, whatever thread runs it. */
function repeatSeed(seed: number, repeat: number): number {
  let h = (Math.imul(seed ^ 0x2545f491, 0x85ebca6b) ^ Math.imul(repeat + 1, 0xc2b2ae35)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

function shuffled(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = order[i]
    order[i] = order[j]
    order[j] = t
  }
  return order
}

export function simulateRepeat(data: SimulationData, settings: SimulationSettings, repeat: number): RepeatOutcome {
  const random = generator(repeatSeed(settings.seed, repeat))
  const C = data.criterionNames.length
  const N = data.items
  const outcome: RepeatOutcome = {
    used: new Float64Array(C),
    accepted: new Int32Array(C),
    acceptedDisagree: new Int32Array(C),
    alpha: new Float64Array(C).fill(Number.NaN),
    lambda: new Float64Array(C).fill(Number.NaN),
    criterionCovered: new Int32Array(C),
    criterionDefined: new Int32Array(C),
    criterionRatios: Array.from({ length: C }, () => []),
    criterionTau: new Float64Array(C).fill(Number.NaN),
    modelCovered: 0,
    modelDefined: 0,
    modelRatios: [],
    tau: Number.NaN,
  }
  // the expert value each item ends with (NaN: none revealed), for the estimates
  const revealedMean = new Float64Array(N).fill(Number.NaN)
  let inclusion: Float64Array | undefined
  // experts in the order they would arrive: a random rotation of the item's scores
  const nth = (i: number, start: number, k: number) => {
    const from = data.expertOffsets[i]
    const count = data.expertOffsets[i + 1] - from
    return data.expertValues[from + ((start + k) % count)]
  }
  const reveal = (i: number, k: number, start: number) => {
    let sum = 0
    for (let j = 0; j < k; j++) sum += nth(i, start, j)
    outcome.used[data.itemCriterion[i]] += k
    revealedMean[i] = k > 0 ? sum / k : Number.NaN
  }
  const countOf = (i: number) => data.expertOffsets[i + 1] - data.expertOffsets[i]

  if (settings.policy === 'judge-guided') {
    const calibrationAnswer = new Uint8Array(data.answers)
    const order = shuffled(data.answers, random)
    for (let a = 0; a < Math.min(settings.calibration, data.answers); a++) calibrationAnswer[order[a]] = 1
    // thresholds per criterion from the calibration items
    const points: CalibrationPoint[][] = Array.from({ length: C }, () => [])
    const panels: number[][][] = Array.from({ length: C }, () => [])
    for (let i = 0; i < N; i++) {
      if (!calibrationAnswer[data.itemAnswer[i]]) continue
      const c = data.itemCriterion[i]
      reveal(i, countOf(i), 0)
      if (Number.isNaN(data.confidence[i])) continue
      points[c].push({ confidence: data.confidence[i], agrees: data.judgeTop[i] === data.consensus[i] })
      if (settings.alpha === 'ceiling') {
        const from = data.expertOffsets[i]
        panels[c].push(Array.from(data.expertValues.subarray(from, data.expertOffsets[i + 1])))
      }
    }
    for (let c = 0; c < C; c++) {
      const alpha = settings.alpha === 'ceiling' ? expertCeilingAlpha(panels[c], data.criterionLevels[c], settings.delta) : settings.alpha
      outcome.alpha[c] = alpha
      if (!Number.isFinite(alpha)) continue
      const { lambda } = selectThreshold(points[c], { alpha, delta: settings.delta, minItems: settings.minItems })
      if (lambda !== null) outcome.lambda[c] = lambda
    }
    // the rest: accepted above λ, else escalated one expert at a time
    const piMin = settings.piMin
    const sampled = Math.min(settings.calibration, data.answers) / Math.max(1, data.answers)
    if (piMin !== undefined) inclusion = new Float64Array(N)
    for (let i = 0; i < N; i++) {
      const c = data.itemCriterion[i]
      const lambda = outcome.lambda[c]
      const above = !Number.isNaN(lambda) && data.confidence[i] >= lambda
      // the probability that item i reaches an expert (calibration, escalation or the π_min draw)
      if (inclusion) inclusion[i] = above ? sampled + (1 - sampled) * piMin! : 1
      if (calibrationAnswer[data.itemAnswer[i]]) continue
      if (above && !(piMin !== undefined && random() < piMin)) {
        outcome.accepted[c]++
        if (data.judgeTop[i] !== data.consensus[i]) outcome.acceptedDisagree[c]++
        continue
      }
      const available = Math.min(countOf(i), settings.maxExperts)
      const start = Math.floor(random() * countOf(i))
      let k = Math.min(1, available)
      // a second expert when the first differs from the judge's most probable score, a third when two differ …
      if (k === 1 && available > 1 && nth(i, start, 0) !== data.judgeTop[i]) {
        k = 2
        while (k < available && !allEqual(i, start, k, nth)) k++
      }
      outcome.used[c] += k
      // with probabilistic routing the item's first expert (a random member of its panel: unbiased for the panel's
      // mean, unlike the mean of adaptively stopped experts) enters the weighted estimates
      if (inclusion && k > 0) revealedMean[i] = nth(i, start, 0)
    }
    // deterministic routing: the estimates use the calibration answers only (the uniform random sample)
  } else {
    spendBudget(data, settings, random, reveal, countOf)
  }
  estimate(data, revealedMean, outcome, inclusion)
  return outcome
}

function allEqual(i: number, start: number, k: number, nth: (i: number, start: number, k: number) => number): boolean {
  const first = nth(i, start, 0)
  for (let j = 1; j < k; j++) if (nth(i, start, j) !== first) return false
  return true
}

/** breadth: every item its next expert, round after round; depth: answers in order, each fully; random: depth in random order. */
function spendBudget(
  data: SimulationData,
  settings: SimulationSettings,
  random: () => number,
  reveal: (i: number, k: number, start: number) => void,
  countOf: (i: number) => number,
): void {
  let budget = settings.budget ?? Number.POSITIVE_INFINITY
  const N = data.items
  const given = new Int32Array(N)
  const starts = Int32Array.from({ length: N }, (_, i) => Math.floor(random() * countOf(i)))
  const cap = (i: number) => Math.min(countOf(i), settings.maxExperts)
  if (settings.policy === 'breadth') {
    const most = Math.max(0, ...Array.from({ length: N }, (_, i) => cap(i)))
    for (let round = 1; round <= most && budget > 0; round++) {
      for (let i = 0; i < N && budget > 0; i++) {
        if (cap(i) >= round) {
          given[i] = round
          budget--
        }
      }
    }
  } else {
    const answerOrder = settings.policy === 'random' ? shuffled(data.answers, random) : Int32Array.from({ length: data.answers }, (_, a) => a)
    const rank = new Int32Array(data.answers)
    answerOrder.forEach((a, r) => (rank[a] = r))
    const items = Int32Array.from({ length: N }, (_, i) => i).sort((x, y) => rank[data.itemAnswer[x]] - rank[data.itemAnswer[y]] || x - y)
    for (const i of items) {
      if (budget <= 0) break
      given[i] = Math.min(cap(i), budget)
      budget -= given[i]
    }
  }
  for (let i = 0; i < N; i++) reveal(i, given[i], starts[i])
}

/** PPI estimates of the repeat against the full-panel means: coverage, width ratios, Kendall's τ of the ranking. */
function estimate(data: SimulationData, revealed: Float64Array, outcome: RepeatOutcome, inclusion?: Float64Array): void {
  const C = data.criterionNames.length
  const M = data.modelNames.length
  const groups: number[][] = Array.from({ length: C * M }, () => [])
  const byModel: number[][] = Array.from({ length: M }, () => [])
  for (let i = 0; i < data.items; i++) {
    if (Number.isNaN(data.judgeExpected[i])) continue
    groups[data.itemCriterion[i] * M + data.itemModel[i]].push(i)
    byModel[data.itemModel[i]].push(i)
  }
  const pick = (source: Float64Array, at: number[]) => Float64Array.from(at, (i) => source[i])
  const mean = (values: Float64Array) => values.reduce((s, v) => s + v, 0) / values.length
  for (let c = 0; c < C; c++) {
    const estimated: number[] = []
    const truth: number[] = []
    for (let m = 0; m < M; m++) {
      const at = groups[c * M + m]
      if (!at.length) continue
      const e = ppiMean(pick(data.judgeExpected, at), pick(revealed, at), { inclusion: inclusion && pick(inclusion, at) })
      if (e.ppi.value === null || !e.ppi.ci) continue
      const t = mean(pick(data.fullMean, at))
      outcome.criterionDefined[c]++
      if (e.ppi.ci[0] <= t + 1e-12 && t - 1e-12 <= e.ppi.ci[1]) outcome.criterionCovered[c]++
      if (e.widthRatio.value !== null) outcome.criterionRatios[c].push(e.widthRatio.value)
      estimated.push(e.ppi.value)
      truth.push(t)
    }
    outcome.criterionTau[c] = tauOf(estimated, truth)
  }
  const estimated: number[] = []
  const truth: number[] = []
  for (let m = 0; m < M; m++) {
    const at = byModel[m]
    if (!at.length) continue
    const answer = Int32Array.from(at, (i) => data.itemAnswer[i])
    // weighted: items as units (their inclusion probabilities differ within an answer), so an answer's items count
    // as independent; unweighted: answers as units
    const units = inclusion ? { judge: pick(data.judgeExpected, at), expert: pick(revealed, at) } : answerUnits(pick(data.judgeExpected, at), pick(revealed, at), answer)
    const e = ppiMean(units.judge, units.expert, { inclusion: inclusion && pick(inclusion, at) })
    if (e.ppi.value === null || !e.ppi.ci) continue
    const t = mean(answerUnits(pick(data.fullMean, at), pick(data.fullMean, at), answer).expert)
    outcome.modelDefined++
    if (e.ppi.ci[0] <= t + 1e-12 && t - 1e-12 <= e.ppi.ci[1]) outcome.modelCovered++
    if (e.widthRatio.value !== null) outcome.modelRatios.push(e.widthRatio.value)
    estimated.push(e.ppi.value)
    truth.push(t)
  }
  outcome.tau = tauOf(estimated, truth)
}

function tauOf(x: number[], y: number[]): number {
  if (x.length < 2) return Number.NaN
  const tau = kendallTauB(x, y)
  return tau.value ?? Number.NaN
}
