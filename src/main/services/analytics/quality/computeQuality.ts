import type { CompareMeasures, Stat } from '@shared/api/statsModels'
import type { QualityFigure, QualityFigures, QualityOptions, QualityReport } from '@shared/api/qualityOperations'
import type { StatsInput } from '../engine'
import { binomial, generator, logFactorials, percentile } from '../engine/bootstrap'
import { ceilingPairsOf } from '../engine/ceiling'
import { buildTriples, buildTriplesFromCodes, compareMeasures, type Triples } from '../engine/compare'
import { quantilesInPlace } from '../engine/quantiles'
import { cohenKappaFromTable } from '../engine/kappa'
import { nullStat, statNumber } from '../engine/stat'
import { categorize, scoreTable } from '../engine/table'
import type { QualityData } from './loadQuality'
import { fitMace, type MaceFit } from './maceFit'

/**
 * Per-annotator quality, overall and per criterion. Agreement with the leave-one-out consensus, Spearman and MAE
 * against the mean of the others are the engine's human-ceiling pairs (engine/ceiling.ts) grouped by annotator;
 * κ per peer and agreement per judge run are counted on shared items; MACE's competence comes from maceFit.ts;
 * behaviour figures from the submitted annotations (QualityData); control accuracy from controlAccuracy.ts. Intervals: seeded percentile bootstrap over the
 * units behind each figure (its pairs or shared items), drawn as one multinomial per resample.
 */
export interface QualityResult {
  report: QualityReport
  mace: MaceFit
}

const NO_SCORES = 'no submitted scores'
const ANSWER_LEVEL = 'an answer-level figure (see the overall row)'
const NO_TIMES = 'no active time recorded'
const NO_CONTROLS = 'no control items'

const figure = (stat: Stat, n: number): QualityFigure => ({ ...stat, n })
const share = (hits: number, n: number, reason: string): QualityFigure => (n > 0 ? { value: hits / n, n } : { value: null, reason, n: 0 })

/** By selection, not a sort: a workbench project has an active time per score. */
const median = (values: number[]): number => quantilesInPlace(Float64Array.from(values), [0.5])[0]

/** A Multinomial(n, counts / n) redraw of `counts` (the counts of units behind a figure). */
function redraw(counts: ArrayLike<number>, random: () => number, logFact: Float64Array, out: Float64Array): Float64Array {
  let left = 0
  for (let k = 0; k < counts.length; k++) left += counts[k]
  let mass = left
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k]
    out[k] = c > 0 && left > 0 ? (k === counts.length - 1 || c >= mass ? left : binomial(left, c / mass, random, logFact)) : 0
    left -= out[k]
    mass -= c
  }
  return out
}

function interval(values: number[]): [number, number] | undefined {
  const finite = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort()
  if (finite.length < values.length * 0.5 || finite.length === 0) return undefined
  return [percentile(finite, 2.5), percentile(finite, 97.5)]
}

export function computeQuality(input: StatsInput, data: QualityData, options: QualityOptions): QualityResult {
  const A = input.annotatorNames.length
  const C = input.criterionNames.length
  const names = input.annotatorNames
  const B = options.bootstrap
  const random = generator(options.seed * 2_654_435_761 + 17)
  const maxUnits = Math.max(input.scores.length, data.length, 1)
  const logFact = B > 0 ? logFactorials(maxUnits) : new Float64Array(1)
  // group g: annotator a overall (a * (C + 1)) or on criterion c (a * (C + 1) + 1 + c)
  const G = A * (C + 1)
  const groupOf = (a: number, c: number) => a * (C + 1) + (c < 0 ? 0 : 1 + c)

  // leave-one-out consensus: the engine's ceiling pairs, grouped by annotator and annotator × criterion
  const ceiling = ceilingPairsOf(input)
  const pairGroup = new Int32Array(ceiling.n * 2)
  const weights = new Float64Array(ceiling.n * 2)
  for (let e = 0; e < ceiling.n; e++) {
    pairGroup[2 * e] = groupOf(ceiling.rater[e], -1)
    pairGroup[2 * e + 1] = groupOf(ceiling.rater[e], ceiling.criterion[e])
  }
  const doubled = {
    ...ceiling.codes,
    n: ceiling.n * 2,
    ref: new Int32Array(ceiling.n * 2),
    rounded: new Int32Array(ceiling.n * 2),
    pred: new Int32Array(ceiling.n * 2),
  }
  for (let e = 0; e < ceiling.n; e++) {
    for (const d of [0, 1]) {
      const at = 2 * e + d
      doubled.ref[at] = ceiling.codes.ref[e]
      doubled.rounded[at] = ceiling.codes.rounded[e]
      doubled.pred[at] = ceiling.codes.pred[e]
      weights[at] = ceiling.weight[e]
    }
  }
  const triples = buildTriplesFromCodes(doubled, pairGroup, G, weights, false)
  const consensus = triples.byGroup.map((ids, g) => (ids.length ? compareMeasures(triples, g) : undefined))
  const consensusCi = triples.byGroup.map((ids, g) => (ids.length && B > 0 ? compareIntervals(triples, g, B, random, logFact) : undefined))

  // κ per peer and agreement per judge run, on shared items
  const { scores, itemCount } = input
  const table = scoreTable(itemCount, A, scores.item, scores.rater, scores.value, scores.length)
  const { categories, code } = categorize(table)
  const K = categories.length
  const kappaTables = new Map<number, Float64Array>() // key: (g * A + peer)
  for (let i = 0; i < itemCount; i++) {
    const c = input.itemCriterion[i]
    for (let r = table.offsets[i]; r < table.offsets[i + 1]; r++) {
      for (let s = table.offsets[i]; s < table.offsets[i + 1]; s++) {
        if (r === s) continue
        const a = table.rater[r]
        const b = table.rater[s]
        for (const g of [groupOf(a, -1), groupOf(a, c)]) {
          const key = g * A + b
          let t = kappaTables.get(key)
          if (!t) kappaTables.set(key, (t = new Float64Array(K * K)))
          t[code[r] * K + code[s]]++
        }
      }
    }
  }
  // judge agreement: per (group, run) shared items and equal scores
  const runs = [...input.judges].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
  const judgeCounts = runs.map(() => ({ n: new Float64Array(G), equal: new Float64Array(G) }))
  runs.forEach((run, j) => {
    const judged = new Float64Array(itemCount).fill(Number.NaN)
    for (let k = 0; k < run.length; k++) judged[run.item[k]] = run.score[k]
    for (let i = 0; i < itemCount; i++) {
      if (Number.isNaN(judged[i])) continue
      for (let r = table.offsets[i]; r < table.offsets[i + 1]; r++) {
        for (const g of [groupOf(table.rater[r], -1), groupOf(table.rater[r], input.itemCriterion[i])]) {
          judgeCounts[j].n[g]++
          if (table.value[r] === judged[i]) judgeCounts[j].equal[g]++
        }
      }
    }
  })

  const maceFit = fitMace(input, { restarts: options.maceRestarts, seed: options.seed })

  // behaviour
  const submitted = new Float64Array(G)
  const na = new Float64Array(G)
  const revised = new Float64Array(G)
  const timed = new Float64Array(G)
  const rushed = new Float64Array(G)
  const times: number[][] = Array.from({ length: G }, () => [])
  const rushedMs = options.rushedSeconds * 1000
  const answers = new Map<string, { a: number; first: number; same: boolean; scored: number }>()
  for (let r = 0; r < data.length; r++) {
    const a = data.annotator[r]
    const c = input.itemCriterion[data.item[r]]
    for (const g of [groupOf(a, -1), groupOf(a, c)]) {
      submitted[g]++
      if (data.notApplicable[r]) na[g]++
      if (data.revised[r]) revised[g]++
      if (!Number.isNaN(data.timeMs[r])) {
        timed[g]++
        times[g].push(data.timeMs[r])
        if (data.timeMs[r] < rushedMs) rushed[g]++
      }
    }
    if (data.notApplicable[r]) continue
    const key = `${a}:${data.response[r]}`
    const answer = answers.get(key)
    if (!answer) answers.set(key, { a, first: data.score[r], same: true, scored: 1 })
    else {
      answer.scored++
      if (data.score[r] !== answer.first) answer.same = false
    }
  }
  const straightN = new Float64Array(A)
  const straight = new Float64Array(A)
  for (const answer of answers.values()) {
    if (answer.scored < 2) continue
    straightN[answer.a]++
    if (answer.same) straight[answer.a]++
  }

  const figuresOf = (a: number, c: number): QualityFigures | null => {
    const g = groupOf(a, c)
    if (submitted[g] === 0) return null
    const cm: CompareMeasures | undefined = consensus[g]
    const ci = consensusCi[g]
    const noPairs = 'no item scored by this annotator and another expert'
    const compareFigure = (pick: (m: CompareMeasures) => Stat, ciOf?: [number, number]): QualityFigure =>
      cm ? figure({ ...pick(cm), ...(ciOf && pick(cm).value !== null ? { ci: ciOf } : {}) }, cm.n) : figure(nullStat(noPairs), 0)
    const kappaWithPeers: Record<string, QualityFigure> = {}
    const peers = names.map((name, b) => ({ name, b })).filter(({ b }) => b !== a)
    for (const { name, b } of peers) {
      const t = kappaTables.get(g * A + b)
      if (!t) continue
      const k = cohenKappaFromTable(t, K)
      let ciK: [number, number] | undefined
      if (B > 0 && k.quadratic.value !== null) {
        const out = new Float64Array(t.length)
        const draws: number[] = []
        for (let s = 0; s < B; s++) draws.push(statNumber(cohenKappaFromTable(redraw(t, random, logFact, out), K).quadratic))
        ciK = interval(draws)
      }
      kappaWithPeers[name] = figure({ ...k.quadratic, ...(ciK ? { ci: ciK } : {}) }, k.n)
    }
    const agreementWithJudges: Record<string, QualityFigure> = {}
    runs.forEach((run, j) => {
      const n = judgeCounts[j].n[g]
      if (!n) return
      const equal = judgeCounts[j].equal[g]
      let ciJ: [number, number] | undefined
      if (B > 0) {
        const out = new Float64Array(2)
        const draws: number[] = []
        for (let s = 0; s < B; s++) draws.push(redraw([equal, n - equal], random, logFact, out)[0] / n)
        ciJ = interval(draws)
      }
      agreementWithJudges[run.name] = { value: equal / n, ...(ciJ ? { ci: ciJ } : {}), n }
    })
    const theta = c < 0 ? maceFit.competence[a] : maceFit.competenceByCriterion[a * C + c]
    const thetaN = c < 0 ? maceFit.observations[a] : maceFit.observationsByCriterion[a * C + c]
    return {
      n: submitted[g],
      agreementWithConsensus: compareFigure((m) => m.accuracy, ci?.accuracy),
      spearmanVsOthers: compareFigure((m) => m.spearman, ci?.spearman),
      maeVsOthers: compareFigure((m) => m.mae, ci?.mae),
      maceCompetence: maceFigure(theta, thetaN, c < 0 ? maceFit.competenceReason : maceFit.competenceReasonByCriterion[c], maceFit.competenceWarning, noPairs),
      medianActiveSeconds: timed[g] ? { value: median(times[g]) / 1000, n: timed[g] } : figure(nullStat(NO_TIMES), 0),
      rushedShare: share(rushed[g], timed[g], NO_TIMES),
      naShare: share(na[g], submitted[g], NO_SCORES),
      revisionRate: share(revised[g], submitted[g], NO_SCORES),
      straightLiningShare: c < 0 ? share(straight[a], straightN[a], 'no answer with two or more criteria scored') : figure(nullStat(ANSWER_LEVEL), 0),
      controlAccuracy: controlFigure(data, a, c),
      kappaWithPeers,
      agreementWithJudges,
    }
  }

  const annotators: QualityReport['annotators'] = {}
  const order = names.map((name, a) => ({ name, a })).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
  const criteriaOrder = input.criterionNames.map((label, c) => ({ label, c })).sort((x, y) => (x.label < y.label ? -1 : x.label > y.label ? 1 : 0))
  for (const { name, a } of order) {
    const overall = figuresOf(a, -1)
    if (!overall) continue
    const byCriterion: Record<string, QualityFigures> = {}
    for (const { label, c } of criteriaOrder) {
      const f = figuresOf(a, c)
      if (f) byCriterion[label] = f
    }
    annotators[name] = { role: input.annotatorRoles[a], ...overall, byCriterion }
  }
  // judges against MACE's posterior labels, overall and per criterion
  const judgesVsMace: QualityReport['judgesVsMace'] = {}
  for (const run of runs) {
    const pred: number[] = []
    const ref: number[] = []
    const criterionOf: number[] = []
    for (let k = 0; k < run.length; k++) {
      const label = maceFit.label[run.item[k]]
      if (Number.isNaN(label)) continue
      pred.push(run.score[k])
      ref.push(label)
      criterionOf.push(input.itemCriterion[run.item[k]])
    }
    const p = Float64Array.from(pred)
    const r = Float64Array.from(ref)
    const overall = compareMeasures(buildTriples(p, r, r, new Int32Array(p.length), 1), 0)
    const perCriterion = buildTriples(p, r, r, Int32Array.from(criterionOf), C)
    const byCriterion: Record<string, CompareMeasures> = {}
    for (const { label, c } of criteriaOrder) if (perCriterion.byGroup[c].length) byCriterion[label] = compareMeasures(perCriterion, c)
    judgesVsMace[run.name] = { ...overall, byCriterion }
  }
  const usedCriteria = new Set<number>()
  for (let r = 0; r < data.length; r++) usedCriteria.add(input.itemCriterion[data.item[r]])
  return {
    report: {
      annotators,
      criteria: criteriaOrder.filter(({ c }) => usedCriteria.has(c)).map(({ label, c }) => ({ id: input.criterionIds[c], label })),
      runs: runs.map((run) => run.name),
      judgesVsMace,
      options: { rushedSeconds: options.rushedSeconds, bootstrap: B, seed: options.seed, maceRestarts: options.maceRestarts },
    },
    mace: maceFit,
  }
}

/** The tallies of controlAccuracy.ts, the rule Team › Controls shows too. */
function controlFigure(data: QualityData, a: number, c: number): QualityFigure {
  if (!data.controls) return figure(nullStat(NO_CONTROLS), 0)
  const overall = data.controls.accuracy.get(a)
  const tally = (c < 0 ? overall : overall?.byCriterion.get(c)) ?? { n: 0, correct: 0 }
  return share(tally.correct, tally.n, 'no control item scored')
}

function compareIntervals(t: Triples, g: number, B: number, random: () => number, logFact: Float64Array): { accuracy?: [number, number]; spearman?: [number, number]; mae?: [number, number] } {
  const ids = t.byGroup[g]
  const counts = Float64Array.from(ids, (id) => t.count[id])
  const out = new Float64Array(ids.length)
  const weights = new Float64Array(t.count.length)
  const draws = { accuracy: [] as number[], spearman: [] as number[], mae: [] as number[] }
  for (let s = 0; s < B; s++) {
    redraw(counts, random, logFact, out)
    ids.forEach((id, k) => (weights[id] = out[k]))
    const m = compareMeasures(t, g, weights)
    draws.accuracy.push(statNumber(m.accuracy))
    draws.spearman.push(statNumber(m.spearman))
    draws.mae.push(statNumber(m.mae))
  }
  return { accuracy: interval(draws.accuracy), spearman: interval(draws.spearman), mae: interval(draws.mae) }
}

function maceFigure(theta: number, n: number, reason: string | null, warning: string | null, noPairs: string): QualityFigure {
  if (n === 0 || !Number.isFinite(theta)) return figure(nullStat(noPairs), 0)
  if (reason) return figure(nullStat(reason), n)
  return { value: theta, n, ...(warning ? { warning } : {}) }
}
