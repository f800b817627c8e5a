import type { SimulationReport } from '@shared/api/simulationModels'
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
    for (let i = 0; i < N; i++) {
      if (calibrationAnswer[data.itemAnswer[i]]) continue
      const c = data.itemCriterion[i]
      const lambda = outcome.lambda[c]
      if (!Number.isNaN(lambda) && data.confidence[i] >= lambda) {
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
    }
    // the estimates use the calibration answers only (revealedMean): they are the uniform random sample
  } else {
    spendBudget(data, settings, random, reveal, countOf)
  }
  estimate(data, revealedMean, outcome)
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
function estimate(data: SimulationData, revealed: Float64Array, outcome: RepeatOutcome): void {
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
      const e = ppiMean(pick(data.judgeExpected, at), pick(revealed, at))
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
    const units = answerUnits(pick(data.judgeExpected, at), pick(revealed, at), answer)
    const e = ppiMean(units.judge, units.expert)
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

export interface SimulationMeta {
  judge: string
  committee: string[]
  calibration: { answers: number; chosenBy: string }
  maxExperts: number
  k: number
  repeats: number
}

const median = (values: number[]) => {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const meanOf = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null)
const finite = (values: number[]) => values.filter((v) => Number.isFinite(v))

/** The report of all repeats: means over repeats, per criterion and overall. */
export function summarise(data: SimulationData, settings: SimulationSettings, outcomes: RepeatOutcome[], meta: SimulationMeta): SimulationReport {
  const C = data.criterionNames.length
  const R = outcomes.length
  const fixedByCriterion = new Float64Array(C)
  const itemsByCriterion = new Float64Array(C)
  for (let i = 0; i < data.items; i++) {
    fixedByCriterion[data.itemCriterion[i]] += data.expertOffsets[i + 1] - data.expertOffsets[i]
    itemsByCriterion[data.itemCriterion[i]]++
  }
  const expertScores = (fixed: number, used: number) => ({ fixedK: fixed, used, savedShare: fixed > 0 ? 1 - used / fixed : 0 })
  const violated = (o: RepeatOutcome, c: number) => o.accepted[c] > 0 && o.acceptedDisagree[c] / o.accepted[c] > o.alpha[c] + 1e-12
  const guided = settings.policy === 'judge-guided'
  const byCriterion: Record<string, SimulationReport['byCriterion'][string]> = {}
  const order = data.criterionNames.map((_, c) => c).sort((a, b) => (data.criterionNames[a] < data.criterionNames[b] ? -1 : 1))
  for (const c of order) {
    const disagreement = finite(outcomes.map((o) => (o.accepted[c] > 0 ? o.acceptedDisagree[c] / o.accepted[c] : Number.NaN)))
    const covered = outcomes.reduce((s, o) => s + o.criterionCovered[c], 0)
    const defined = outcomes.reduce((s, o) => s + o.criterionDefined[c], 0)
    const lambdas = outcomes.map((o) => o.lambda[c])
    const withLambda = finite(lambdas)
    byCriterion[data.criterionNames[c]] = {
      expertScores: expertScores(fixedByCriterion[c], meanOf(outcomes.map((o) => o.used[c]))!),
      itemLevel: {
        acceptedShare: itemsByCriterion[c] > 0 ? meanOf(outcomes.map((o) => o.accepted[c]))! / itemsByCriterion[c] : 0,
        disagreementOnAccepted: { mean: meanOf(disagreement), max: disagreement.length ? Math.max(...disagreement) : null },
        violationRate: outcomes.filter((o) => violated(o, c)).length / R,
        alpha: guided ? meanOf(finite(outcomes.map((o) => o.alpha[c]))) : null,
        delta: settings.delta,
        lambda: guided && withLambda.length * 2 > R ? median(withLambda) : null,
      },
      estimates: {
        coverage: defined ? covered / defined : null,
        ciWidthRatio: median(outcomes.flatMap((o) => o.criterionRatios[c])),
        rankingKendallTau: meanOf(finite(outcomes.map((o) => o.criterionTau[c]))),
      },
    }
  }
  const sum = (a: ArrayLike<number>) => {
    let total = 0
    for (let i = 0; i < a.length; i++) total += a[i]
    return total
  }
  const fixed = sum(fixedByCriterion)
  const pooled = finite(outcomes.map((o) => (sum(o.accepted) > 0 ? sum(o.acceptedDisagree) / sum(o.accepted) : Number.NaN)))
  const modelCovered = outcomes.reduce((s, o) => s + o.modelCovered, 0)
  const modelDefined = outcomes.reduce((s, o) => s + o.modelDefined, 0)
  let violations = 0
  for (const o of outcomes) for (let c = 0; c < C; c++) if (violated(o, c)) violations++
  return {
    policy: settings.policy,
    judge: meta.judge,
    committee: meta.committee,
    alphaMode: settings.alpha === 'ceiling' ? 'ceiling' : 'absolute',
    repeats: R,
    seed: settings.seed,
    calibration: meta.calibration,
    maxExperts: meta.maxExperts,
    minItems: settings.minItems,
    data: { items: data.items, answers: data.answers, models: data.modelNames.length, k: meta.k },
    expertScores: expertScores(fixed, meanOf(outcomes.map((o) => sum(o.used)))!),
    itemLevel: {
      acceptedShare: data.items > 0 ? meanOf(outcomes.map((o) => sum(o.accepted)))! / data.items : 0,
      disagreementOnAccepted: { mean: meanOf(pooled), max: pooled.length ? Math.max(...pooled) : null },
      violationRate: C > 0 ? violations / (R * C) : 0,
      alpha: guided ? meanOf(finite(outcomes.flatMap((o) => Array.from(o.alpha)))) : null,
      delta: settings.delta,
    },
    estimates: {
      coverage: modelDefined ? modelCovered / modelDefined : null,
      ciWidthRatio: median(outcomes.flatMap((o) => o.modelRatios)),
      rankingKendallTau: meanOf(finite(outcomes.map((o) => o.tau))),
    },
    byCriterion,
  }
}
