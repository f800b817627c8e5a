import type { SimulationReport } from '@shared/api/simulationModels'
import type { RepeatOutcome, SimulationData, SimulationSettings } from './simulate'

/** The simulation report from all repeats' outcomes (means over repeats, per criterion and overall). */

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
  const populationRate = projectRates(data)
  const populationViolated = (o: RepeatOutcome, c: number) => !Number.isNaN(o.lambda[c]) && populationRate(c, o.lambda[c]) > o.alpha[c] + 1e-12
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
        populationViolationRate: outcomes.filter((o) => populationViolated(o, c)).length / R,
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
  let populationViolations = 0
  for (const o of outcomes) {
    for (let c = 0; c < C; c++) {
      if (violated(o, c)) violations++
      if (populationViolated(o, c)) populationViolations++
    }
  }
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
    piMin: settings.piMin ?? null,
    data: { items: data.items, answers: data.answers, models: data.modelNames.length, k: meta.k },
    expertScores: expertScores(fixed, meanOf(outcomes.map((o) => sum(o.used)))!),
    itemLevel: {
      acceptedShare: data.items > 0 ? meanOf(outcomes.map((o) => sum(o.accepted)))! / data.items : 0,
      disagreementOnAccepted: { mean: meanOf(pooled), max: pooled.length ? Math.max(...pooled) : null },
      violationRate: C > 0 ? violations / (R * C) : 0,
      populationViolationRate: C > 0 ? populationViolations / (R * C) : 0,
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

/**
 * The judge's disagreement with the consensus among all the project's judged items of criterion c with confidence
 * ≥ λ: the risk the guarantee is about, with the project as the population (the realized rate on one repeat's
 * accepted items scatters around it).
 */
function projectRates(data: SimulationData): (c: number, lambda: number) => number {
  const C = data.criterionNames.length
  const lists: { confidence: number; wrong: number }[][] = Array.from({ length: C }, () => [])
  for (let i = 0; i < data.items; i++) {
    if (Number.isNaN(data.confidence[i])) continue
    lists[data.itemCriterion[i]].push({ confidence: data.confidence[i], wrong: data.judgeTop[i] !== data.consensus[i] ? 1 : 0 })
  }
  const sorted = lists.map((list) => {
    list.sort((a, b) => b.confidence - a.confidence)
    const confidence = Float64Array.from(list, (p) => p.confidence)
    const errors = new Float64Array(list.length + 1)
    list.forEach((p, k) => (errors[k + 1] = errors[k] + p.wrong))
    return { confidence, errors }
  })
  return (c, lambda) => {
    const { confidence, errors } = sorted[c]
    // items with confidence ≥ λ (the threshold's own tolerance) form a prefix
    let lo = 0
    let hi = confidence.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (confidence[mid] >= lambda - 1e-12) lo = mid + 1
      else hi = mid
    }
    return lo > 0 ? errors[lo] / lo : 0
  }
}
