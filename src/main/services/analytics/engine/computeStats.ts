import { computeEstimates } from './estimates'
import type {
  AgreementCore,
  AgreementGroup,
  AgreementStats,
  AnnotatorSummary,
  Ceiling,
  CompareMeasures,
  Disagreements,
  Distributions,
  ExpertDisagreement,
  JudgeDisagreement,
  JudgeGroup,
  JudgeMeasures,
  JudgeStats,
  PerInstruction,
  Stat,
  StatsReport,
  SystemLevel,
  TimeReport,
} from '@shared/api/statsModels'
import { buildPatterns, buildRaterPatterns, groupRaterWeights, patternFigures, raterFiguresFromWeights, type Patterns, type RaterPatterns } from './agreement'
import { BOOTSTRAPPED_AGREEMENT, BOOTSTRAPPED_COMPARE } from '@shared/api/statsMeasures'
import type { BootstrapJob, Family } from './bootstrap'
import { calibration } from './calibration'
import { buildTriplesFromCodes, compareMeasures, confusion, roundHalfUp, scatter, systemAndInstructionByGroup, type PairCodes, type Triples } from './compare'
import { markedIndices, topKAmong, ValueCodes } from './codes'
import { exactScale } from './exactMeans'
import { averageOverModels, judgeVerdictConfidence } from './judgeVoter'
import { categorize, scoreTable, type ScoreTable } from './table'
import { ceilingPairs } from './ceiling'
import { activeTimes } from './activeTimes'
import { buildTriplesByCell, cellCounts, groupWeightsFromCells, itemCells } from './itemCells'

/** Everything the engine needs, as plain typed arrays and name lists (analytics/loadProject.ts builds it). */
export interface StatsInput {
  itemCount: number
  itemId: Int32Array
  itemCriterion: Int32Array
  itemModel: Int32Array
  itemInstruction: Int32Array
  itemTask: Int32Array
  itemDifficulty: Int32Array
  /** Project ids of the criteria (criteria.id), aligned with criterionNames. */
  criterionIds: number[]
  /** Criterion labels (criterionLabels: unique even where names repeat); the report's byCriterion keys. */
  criterionNames: string[]
  /** Allowed scores per criterion, sorted; null when the criterion has no levels. */
  criterionLevels: (Float64Array | null)[]
  modelNames: string[]
  instructionNames: string[]
  taskNames: string[]
  difficultyNames: string[]
  annotatorNames: string[]
  annotatorRoles: string[]
  /** Not-applicable submitted scores per annotator (excluded from every figure). */
  annotatorNotApplicable: Int32Array
  /** Submitted, applicable expert scores (item index, annotator index, score, time in ms or NaN). */
  scores: { item: Int32Array; rater: Int32Array; value: Float64Array; timeMs: Float64Array; length: number }
  judges: JudgeInput[]
  /** Judge-guided routing's record (absent when routing is off): how each item came to its expert scores. */
  routing?: RoutingInput
}

/** item_routing.role as a code (0: the item has no routing row). */
export const ROUTING_ROLE = { calibration: 1, pending: 2, accepted: 3, escalated: 4 } as const

export interface RoutingInput {
  /** Per item: ROUTING_ROLE code. */
  role: Uint8Array
  /** Per item: the stored probability of going to an expert (NaN: none stored). */
  probability: Float64Array
}

export interface JudgeInput {
  name: string
  model: string
  /** Successful judgments: item index and score. */
  item: Int32Array
  score: Float64Array
  /** Top stored probability and its score (NaN when the judgment stored none). */
  confidence: Float64Array
  argmax: Float64Array
  /** Expected score under the stored probabilities (NaN when none); absent: none stored. */
  expected?: Float64Array
  length: number
}

export interface EngineResult {
  report: StatsReport
  /** The work a bootstrap needs (patterns and triples), ready to send to worker threads: built on the first call. */
  bootstrapJob(): BootstrapJob
}

const byKey = <T>(names: string[], values: (T | undefined)[]): Record<string, T> => {
  const out: Record<string, T> = {}
  const order = names.map((name, i) => ({ name, i })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const { name, i } of order) if (values[i] !== undefined) out[name] = values[i] as T
  return out
}

function agreementGroups(
  patterns: Patterns,
  rp: RaterPatterns,
  raterCount: number,
  group: Int32Array,
  groups: number,
  withPairs: boolean,
  raterNames: string[],
  keepEmpty = false,
  weights = groupRaterWeights(patterns, rp, group, groups),
) {
  const raters = raterFiguresFromWeights(rp, weights.rater, groups, patterns.categories, raterCount, withPairs, raterNames)
  const out: (AgreementGroup | undefined)[] = []
  for (let g = 0; g < groups; g++) {
    const figures = patternFigures(patterns, weights.multiset, g * patterns.P)
    const core: AgreementCore = { ...figures, raters: raters.raters[g], icc: raters.icc[g] }
    out.push(figures.items === 0 && !keepEmpty ? undefined : withPairs ? { ...core, pairwise: raters.pairs[g] } : (core as AgreementGroup))
  }
  return out
}

/** Computes the whole report (without confidence intervals) and the bootstrap job. Pure. */
export function computeStats(input: StatsInput, options: { top?: number; seed?: number } = {}): EngineResult {
  const top = options.top ?? 100
  const { itemCount, scores } = input
  const A = input.annotatorNames.length
  const table = scoreTable(itemCount, A, scores.item, scores.rater, scores.value, scores.length)
  const { categories, code } = categorize(table)
  const patterns = buildPatterns(table, code, categories)
  const rp = buildRaterPatterns(table, code, patterns)
  const all = new Int32Array(itemCount)
  const names = input.annotatorNames
  const C = input.criterionNames.length
  const M = input.modelNames.length
  // the item-level groupings, in the order of cells.cellGroup
  const groupings = [
    { group: input.itemCriterion, groups: C },
    { group: input.itemModel, groups: M },
    { group: input.itemTask, groups: input.taskNames.length },
    { group: input.itemDifficulty, groups: input.difficultyNames.length },
  ]
  const [CRITERION, MODEL, TASK, DIFFICULTY] = [0, 1, 2, 3]
  const cells = itemCells(itemCount, groupings)
  const perCell = cellCounts(cells, patterns, rp, table, code)
  // each grouping's weights: summed over cells, or (too many cells × rater patterns) counted over the items
  const weightsOf = (grouping: number | null) =>
    grouping === null
      ? perCell
        ? groupWeightsFromCells(perCell, null, cells.count, 1, patterns, rp)
        : groupRaterWeights(patterns, rp, all, 1)
      : perCell
        ? groupWeightsFromCells(perCell, cells.cellGroup[grouping], cells.count, groupings[grouping].groups, patterns, rp)
        : groupRaterWeights(patterns, rp, groupings[grouping].group, groupings[grouping].groups)

  // agreement
  const overallWeights = weightsOf(null)
  const overall = agreementGroups(patterns, rp, A, all, 1, true, names, true, overallWeights)[0]!
  // items per (criterion, rater pattern): the criterion breakdown and the ceiling share them
  const criterionWeights = weightsOf(CRITERION)
  const byCriterion = agreementGroups(patterns, rp, A, input.itemCriterion, C, true, names, false, criterionWeights)
  // items per (model, pattern): the model breakdown and the experts' score distribution share them
  const modelWeights = weightsOf(MODEL)
  const byModel = agreementGroups(patterns, rp, A, input.itemModel, M, false, names, false, modelWeights)
  const byTask = agreementGroups(patterns, rp, A, input.itemTask, input.taskNames.length, false, names, false, weightsOf(TASK))
  const byDifficulty = agreementGroups(patterns, rp, A, input.itemDifficulty, input.difficultyNames.length, false, names, false, weightsOf(DIFFICULTY))
  const strip = (g: AgreementGroup | undefined): AgreementCore | undefined => {
    if (!g) return undefined
    const { pairwise, ...core } = g as AgreementGroup
    void pairwise
    return core
  }
  const agreement: AgreementStats = {
    ...overall,
    byCriterion: byKey(input.criterionNames, byCriterion),
    byModel: byKey(input.modelNames, byModel.map(strip)),
    byTask: byKey(input.taskNames, byTask.map(strip)),
    byDifficulty: byKey(input.difficultyNames, byDifficulty.map(strip)),
  }

  // expert mean per item, coded once; its rounding per criterion is a small table
  // an item's mean is its pattern's mean (or its one score's value): code those few values
  const refCodes = new ValueCodes()
  const patternMean = new Int32Array(patterns.P)
  for (let p = 0; p < patterns.P; p++) {
    let sum = 0
    for (let k = 0; k < patterns.K; k++) sum += patterns.counts[p * patterns.K + k] * categories[k]
    patternMean[p] = refCodes.code(sum / patterns.m[p])
  }
  const singleMean = Int32Array.from(categories, (v) => refCodes.code(v))
  const { itemPattern } = patterns
  const { offsets } = table
  const itemMean = itemMeanCodes(itemCount, itemPattern, offsets, code, patternMean, singleMean)
  const roundedCodes = new ValueCodes()
  const KR = refCodes.size
  // every item mean is coded by now: round each (criterion, mean) once
  const roundTable = new Int32Array(C * KR)
  for (let c = 0; c < C; c++) for (let k = 0; k < KR; k++) roundTable[c * KR + k] = roundedCodes.code(roundHalfUp(refCodes.values[k], input.criterionLevels[c]))
  const dictionaries = (pred: ValueCodes) => ({ refValues: refCodes.values.slice(0, refCodes.size), roundedValues: roundedCodes.values.slice(0, roundedCodes.size), predValues: pred.values.slice(0, pred.size) })

  // bootstrap families, built only when intervals are asked for (their item codes are passes over every item)
  const families: (() => Family[])[] = [
    () => [
      { kind: 'agreement', itemCode: patterns.itemPattern, groups: 1, patterns },
      { kind: 'agreement', itemCode: criterionPatternCodes(patterns, input.itemCriterion), groups: C, patterns },
    ],
  ]

  // judges
  const judges: Record<string, JudgeStats> = {}
  const judgeDisagreements: Record<string, JudgeDisagreement[]> = {}
  const judgeDistributions: { name: string; item: Int32Array; score: Float64Array; length: number }[] = []
  // each judge's scores coded once: for its pairs (when every judgment has one), the label set and the counts by model
  const judgeCodes: { codes: Int32Array; values: Float64Array; byModel?: Triples }[] = []
  for (const judge of [...input.judges].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    judgeDistributions.push(judge)
    const scoreCodes = new ValueCodes()
    const coded = scoreCodes.encode(judge.score, judge.length)
    judgeCodes.push({ codes: coded, values: scoreCodes.values.slice(0, scoreCodes.size) })
    const { n, pred, items, predCodes, codes } = judgePairs(judge, table.offsets, itemMean, roundTable, KR, input.itemCriterion, scoreCodes, coded)
    const pairCodes: PairCodes = { ...codes, ...dictionaries(predCodes) }
    // every item-level grouping in one pass over the pairs (through their items' cells)
    const [tOverall, tCriterion, tModel, tTask, tDifficulty] = buildTriplesByCell(pairCodes, items, cells, [
      { cellGroup: null, groups: 1, keepPairs: true },
      { cellGroup: cells.cellGroup[CRITERION], groups: C, keepPairs: true },
      { cellGroup: cells.cellGroup[MODEL], groups: M, keepPairs: false },
      { cellGroup: cells.cellGroup[TASK], groups: input.taskNames.length, keepPairs: false },
      { cellGroup: cells.cellGroup[DIFFICULTY], groups: input.difficultyNames.length, keepPairs: false },
    ])
    // every judgment is a pair: its score distribution by model is the model triples' (no pass over judgments)
    if (n === judge.length) judgeCodes[judgeCodes.length - 1].byModel = tModel
    const measures = (t: Triples) => t.byGroup.map((ids, g) => (ids.length ? compareMeasures(t, g) : undefined))
    // a pair's expert mean is its reference code's value (no per-pair copy)
    const refValues = refCodes.values
    const refCode = codes.ref
    const scale = exactScale([...categories, ...scoreCodes.values.subarray(0, scoreCodes.size)], [1, ...patterns.m])
    const levels = systemAndInstructionByGroup({
      pred: pairCodes.predValues,
      predCode: pairCodes.pred,
      ref: refValues,
      refCode,
      model: input.itemModel,
      instruction: input.itemInstruction,
      group: input.itemCriterion,
      groups: C,
      modelNames: input.modelNames,
      via: items,
      scale,
    })
    const group = (t: Triples, g: number, level: { systemLevel: SystemLevel; perInstruction: PerInstruction }): JudgeGroup => ({
      ...compareMeasures(t, g),
      ...level,
      confusion: confusion(t, g),
      scatter: scatter(t, g),
    })
    const points = calibrationPoints(judge, offsets, pairCodes.roundedValues, codes.rounded)
    // verdict confidence with the judge as one more voter, overall and per answer model
    const voter = judgeVerdictConfidence(table, patterns, items, pairCodes.pred, pairCodes.predValues, n, input.itemModel, input.modelNames.length)
    const byModel = measures(tModel).map((m, g): JudgeMeasures | undefined => (m ? { ...m, verdictConfidence: voter.byGroup[g] } : undefined))
    judges[judge.name] = {
      ...group(tOverall, 0, levels.overall),
      model: judge.model,
      verdictConfidence: voter.overall,
      byModel: byKey(input.modelNames, byModel),
      averageOverModels: averageOverModels(byModel.filter((m): m is JudgeMeasures => m !== undefined)),
      byCriterion: byKey(
        input.criterionNames,
        tCriterion.byGroup.map((ids, g) => (ids.length ? group(tCriterion, g, levels.byGroup[g]) : undefined)),
      ),
      byTask: byKey(input.taskNames, measures(tTask)),
      byDifficulty: byKey(input.difficultyNames, measures(tDifficulty)),
      calibration: calibration(points.confidence, points.correct),
    }
    // bootstrap families: item → triple
    families.push(() => {
      const { overallCode, criterionCode } = judgedItemCodes(itemCount, items, n, tOverall.pairTriple, tCriterion.pairTriple)
      return [
        { kind: 'compare', itemCode: overallCode, triples: tOverall, judge: judge.name, grouping: 'overall' },
        { kind: 'compare', itemCode: criterionCode, triples: tCriterion, judge: judge.name, grouping: 'criterion' },
      ]
    })
    // disagreements
    // only pairs of the triples that can reach the top go through the heap
    const tripleDiff = tOverall.ref.map((r, id) => Math.abs(tOverall.pred[id] - r))
    const tripleOrder = Array.from(tripleDiff.keys()).sort((a, b) => tripleDiff[b] - tripleDiff[a])
    const eligibleTriple = new Uint8Array(tripleDiff.length)
    let reached = 0
    let lastDiff = Infinity
    for (const id of tripleOrder) {
      if (reached >= top && tripleDiff[id] < lastDiff) break
      eligibleTriple[id] = 1
      reached += tOverall.count[id]
      lastDiff = tripleDiff[id]
    }
    const order = topKAmong(
      markedIndices(tOverall.pairTriple, eligibleTriple, n),
      top,
      (a, b) => Math.abs(pred[b] - refValues[refCode[b]]) - Math.abs(pred[a] - refValues[refCode[a]]) || input.itemId[items[a]] - input.itemId[items[b]],
    )
    judgeDisagreements[judge.name] = order.map((k) => ({
      ...itemRef(input, items[k]),
      expertMean: refValues[refCode[k]],
      judge: pred[k],
      diff: Math.abs(pred[k] - refValues[refCode[k]]),
    }))
  }

  // ceiling: each expert vs the mean of the others (engine/ceiling.ts; the quality screen reads the same pairs)
  const { K, P } = patterns
  const { codes: ceilingCodes, weight: eWeight, rater: eRater, criterion: eCriterion, n: E } = ceilingPairs(input, patterns, rp, criterionWeights.rater, categories)
  const ceilingOf = (group: Int32Array, groups: number): (CompareMeasures | undefined)[] => {
    const t = buildTriplesFromCodes(ceilingCodes, group, groups, eWeight, false)
    return t.byGroup.map((ids, g) => (ids.length ? compareMeasures(t, g) : undefined))
  }
  const ceiling: Ceiling = {
    pooled: ceilingOf(new Int32Array(E), 1)[0] ?? compareMeasures(buildTriplesFromCodes(ceilingCodes, new Int32Array(0), 1), 0),
    byAnnotator: byKey(names, ceilingOf(eRater, A)),
    byCriterion: byKey(input.criterionNames, ceilingOf(eCriterion, C)),
  }

  // annotators, time, distributions, disagreements
  const { annotationCount, scoreSum } = annotatorTotals(scores, A)
  const annotators = byKey(
    names,
    names.map((_, a): AnnotatorSummary | undefined =>
      annotationCount[a] || input.annotatorNotApplicable[a]
        ? { role: input.annotatorRoles[a], annotations: annotationCount[a], notApplicable: input.annotatorNotApplicable[a], meanScore: annotationCount[a] ? scoreSum[a] / annotationCount[a] : null }
        : undefined,
    ),
  )
  const times = activeTimes(scores, input.itemCriterion, A, C)
  const time: TimeReport = {
    ...times.overall,
    byAnnotator: byKey(names, times.byAnnotator),
    byCriterion: byKey(input.criterionNames, times.byCriterion),
    histogram: times.histogram,
  }
  const labelSet = new Set<number>(categories)
  for (const coded of judgeCodes) for (const v of coded.values) labelSet.add(v)
  const labels = [...labelSet].sort((a, b) => a - b)
  const labelIndex = new Map(labels.map((v, i) => [v, i]))
  const countByModel = (item: Int32Array, coded: (typeof judgeCodes)[number], length: number) => {
    const L = labels.length
    const M = input.modelNames.length
    const counts = new Float64Array(M * L)
    const t = coded.byModel
    if (t) {
      for (let m = 0; m < t.byGroup.length; m++) for (const id of t.byGroup[m]) counts[m * L + labelIndex.get(t.pred[id])!] += t.count[id]
    } else {
      const codes = coded.codes
      const toLabel = Int32Array.from(coded.values, (v) => labelIndex.get(v)!)
      for (let r = 0; r < length; r++) counts[input.itemModel[item[r]] * L + toLabel[codes[r]]]++
    }
    return byKey(
      input.modelNames,
      input.modelNames.map((_, m) => {
        const row = Array.from(counts.subarray(m * L, (m + 1) * L))
        return row.some((v) => v > 0) ? row : undefined
      }),
    )
  }
  const expertCounts = () => {
    const L = labels.length
    const counts = new Float64Array(M * L)
    const toLabel = Int32Array.from(categories, (v) => labelIndex.get(v)!)
    // items with ≥ 2 scores through their pattern (the model breakdown's items per model and pattern)
    const perPattern = modelWeights.multiset
    for (let m = 0; m < M; m++) {
      for (let p = 0; p < P; p++) {
        const w = perPattern[m * P + p]
        if (w === 0) continue
        for (let k = 0; k < K; k++) counts[m * L + toLabel[k]] += w * patterns.counts[p * K + k]
      }
    }
    const singles = singleScoresByModel(perCell?.single ?? null, cells.count, cells.cellGroup[MODEL], table, code, input.itemModel, M, K)
    for (let m = 0; m < M; m++) for (let k = 0; k < K; k++) counts[m * L + toLabel[k]] += singles[m * K + k]
    return byKey(
      input.modelNames,
      input.modelNames.map((_, m) => {
        const row = Array.from(counts.subarray(m * L, (m + 1) * L))
        return row.some((v) => v > 0) ? row : undefined
      }),
    )
  }
  const distributions: Distributions = {
    labels,
    experts: expertCounts(),
    judges: Object.fromEntries(judgeDistributions.map((j, at) => [j.name, countByModel(j.item, judgeCodes[at], j.length)])),
  }
  // spread and standard deviation are functions of the pattern
  const patternSpread = new Float64Array(P)
  const patternDeviation = new Float64Array(P)
  for (let p = 0; p < P; p++) {
    let lo = Infinity
    let hi = -Infinity
    let sum = 0
    for (let k = 0; k < K; k++) {
      const n = patterns.counts[p * K + k]
      if (n === 0) continue
      lo = Math.min(lo, categories[k])
      hi = Math.max(hi, categories[k])
      sum += n * categories[k]
    }
    const mean = sum / patterns.m[p]
    let ss = 0
    for (let k = 0; k < K; k++) ss += patterns.counts[p * K + k] * (categories[k] - mean) ** 2
    patternSpread[p] = hi - lo
    patternDeviation[p] = Math.sqrt(ss / patterns.m[p])
  }
  const spreadOf = (i: number) => (patterns.itemPattern[i] >= 0 ? patternSpread[patterns.itemPattern[i]] : -1)
  const deviationOf = (i: number) => (patterns.itemPattern[i] >= 0 ? patternDeviation[patterns.itemPattern[i]] : 0)
  // only items of the patterns that can reach the top go through the heap
  // items per pattern: the overall multiset weights
  const patternItems = overallWeights.multiset
  const byBadness = Array.from({ length: P }, (_, p) => p).sort((a, b) => patternSpread[b] - patternSpread[a] || patternDeviation[b] - patternDeviation[a])
  const eligible = new Uint8Array(P)
  let reached = 0
  let last = -1
  for (const p of byBadness) {
    if (patternSpread[p] <= 0) break
    // enough items already, and this pattern ranks strictly below the last one taken
    if (reached >= top && (patternSpread[p] !== patternSpread[last] || patternDeviation[p] !== patternDeviation[last])) break
    eligible[p] = 1
    reached += patternItems[p]
    last = p
  }
  const expertOrder = topKAmong(markedIndices(patterns.itemPattern, eligible), top, (a, b) => spreadOf(b) - spreadOf(a) || deviationOf(b) - deviationOf(a) || input.itemId[a] - input.itemId[b])
  const disagreements: Disagreements = {
    experts: expertOrder.map((i): ExpertDisagreement => {
      const start = table.offsets[i]
      const end = table.offsets[i + 1]
      return {
        ...itemRef(input, i),
        scores: Array.from(table.value.subarray(start, end)),
        annotators: Array.from(table.rater.subarray(start, end), (a) => names[a]),
        spread: spreadOf(i),
      }
    }),
    judges: judgeDisagreements,
  }
  let job: BootstrapJob | undefined
  return {
    report: {
      agreement,
      judges,
      ceiling,
      annotators,
      time,
      distributions,
      disagreements,
      estimates: computeEstimates(input),
      options: { bootstrap: 0, seed: options.seed ?? 1, confidenceLevel: 0.95, top },
    },
    bootstrapJob: () => (job ??= { seed: options.seed ?? 1, items: itemCount, families: families.flatMap((make) => make()) }),
  }
}

function itemRef(input: StatsInput, item: number) {
  return {
    itemId: input.itemId[item],
    instruction: input.instructionNames[input.itemInstruction[item]],
    model: input.modelNames[input.itemModel[item]],
    criterion: input.criterionNames[input.itemCriterion[item]],
  }
}

/** Writes bootstrap intervals (from bootstrap.intervals) into the report, in the order of the job's families. */
export function applyIntervals(report: StatsReport, input: StatsInput, job: BootstrapJob, cis: ([number, number] | null)[], resamples: number): void {
  let at = 0
  const set = (stat: Stat | undefined) => {
    const ci = cis[at++]
    if (stat && stat.value !== null && ci) stat.ci = ci
  }
  const agreementFields = (g: AgreementCore | undefined) => BOOTSTRAPPED_AGREEMENT.forEach((m) => set(g && m.pick(g)))
  const compareFields = (g: CompareMeasures | undefined) => BOOTSTRAPPED_COMPARE.forEach((m) => set(g && m.pick(g)))
  for (const family of job.families) {
    if (family.kind === 'agreement') {
      if (family.groups === 1) agreementFields(report.agreement)
      else for (let g = 0; g < family.groups; g++) agreementFields(report.agreement.byCriterion[input.criterionNames[g]])
    } else {
      const judge = report.judges[family.judge]
      if (family.grouping === 'overall') compareFields(judge)
      else for (let g = 0; g < family.triples.byGroup.length; g++) compareFields(judge?.byCriterion[input.criterionNames[g]])
    }
  }
  report.options.bootstrap = resamples
}

function criterionPatternCodes(patterns: Patterns, criterion: Int32Array): Int32Array {
  const out = new Int32Array(patterns.itemPattern.length)
  for (let i = 0; i < out.length; i++) {
    const p = patterns.itemPattern[i]
    out[i] = p >= 0 ? criterion[i] * patterns.P + p : -1
  }
  return out
}

/** A judge's pairs with the experts (items with ≥ 1 expert score), as values and codes: one tight loop. */
/** `scoreCodes`/`scoreCode`: the judge's scores coded in judgment order (reused when every judgment is a pair). */
function judgePairs(
  judge: JudgeInput,
  offsets: Int32Array,
  itemMean: Int32Array,
  roundTable: Int32Array,
  KR: number,
  itemCriterion: Int32Array,
  scoreCodes: ValueCodes,
  scoreCode: Int32Array,
) {
  // the pairs' reference codes, packed in judgment order
  const refCode = new Int32Array(judge.length)
  const roundedCode = new Int32Array(judge.length)
  let n = 0
  for (let j = 0; j < judge.length; j++) {
    const item = judge.item[j]
    if (offsets[item + 1] === offsets[item]) continue
    const mean = itemMean[item]
    refCode[n] = mean
    roundedCode[n] = roundTable[itemCriterion[item] * KR + mean]
    n++
  }
  // every judgment has expert scores (the usual case): its item and score arrays are the pairs' own
  const whole = n === judge.length
  const pred = whole ? judge.score.subarray(0, n) : new Float64Array(n)
  const items = whole ? judge.item.subarray(0, n) : new Int32Array(n)
  const predCode = whole ? scoreCode.subarray(0, n) : new Int32Array(n)
  const predCodes = whole ? scoreCodes : new ValueCodes()
  if (!whole) {
    for (let j = 0, k = 0; j < judge.length; j++) {
      const item = judge.item[j]
      if (offsets[item + 1] === offsets[item]) continue
      items[k] = item
      pred[k] = judge.score[j]
      predCode[k] = predCodes.code(judge.score[j])
      k++
    }
  }
  return { n, pred, items, predCodes, codes: { n, ref: refCode.subarray(0, n), rounded: roundedCode.subarray(0, n), pred: predCode } }
}

/**
 * Hot loops live in small functions of their own: inside computeStats they ran on-stack-replaced code that
 * deoptimised on every call (the profile showed them at several times their optimised cost).
 */
function annotatorTotals(scores: StatsInput['scores'], A: number) {
  const annotationCount = new Int32Array(A)
  const scoreSum = new Float64Array(A)
  const { rater, value, length } = scores
  for (let r = 0; r < length; r++) {
    annotationCount[rater[r]]++
    scoreSum[rater[r]] += value[r]
  }
  return { annotationCount, scoreSum }
}

/** Each judged item's triple in two families (−1: not judged): the bootstrap's item codes. */
function judgedItemCodes(itemCount: number, items: Int32Array, n: number, overallTriple: Int32Array, criterionTriple: Int32Array) {
  const overallCode = new Int32Array(itemCount).fill(-1)
  const criterionCode = new Int32Array(itemCount).fill(-1)
  for (let k = 0; k < n; k++) {
    overallCode[items[k]] = overallTriple[k]
    criterionCode[items[k]] = criterionTriple[k]
  }
  return { overallCode, criterionCode }
}

/** Each item's expert mean as a code (−1: no score): its pattern's mean, or its one score. */
function itemMeanCodes(itemCount: number, itemPattern: Int32Array, offsets: Int32Array, code: Int32Array, patternMean: Int32Array, singleMean: Int32Array) {
  const itemMean = new Int32Array(itemCount).fill(-1)
  for (let i = 0; i < itemCount; i++) {
    const p = itemPattern[i]
    if (p >= 0) itemMean[i] = patternMean[p]
    else if (offsets[i + 1] - offsets[i] === 1) itemMean[i] = singleMean[code[offsets[i]]]
  }
  return itemMean
}

/** Calibration points: judgments with a stored probability (pair k is the k-th judgment of an item with expert scores). */
function calibrationPoints(judge: JudgeInput, offsets: Int32Array, roundedValues: Float64Array, roundedCode: Int32Array) {
  const confidence: number[] = []
  const correct: number[] = []
  const { item: judgedItem, confidence: judgeConfidence, argmax, length } = judge
  for (let j = 0, k = 0; j < length; j++) {
    const item = judgedItem[j]
    if (offsets[item + 1] === offsets[item]) continue
    if (!Number.isNaN(judgeConfidence[j])) {
      confidence.push(judgeConfidence[j])
      correct.push(argmax[j] === roundedValues[roundedCode[k]] ? 1 : 0)
    }
    k++
  }
  return { confidence: Float64Array.from(confidence), correct: Uint8Array.from(correct) }
}

/** Items with one expert score per (model, category): summed over cells when counted per cell, else over the items. */
function singleScoresByModel(perCell: Float64Array | null, cellCount: number, cellModel: Int32Array, table: ScoreTable, code: Int32Array, itemModel: Int32Array, M: number, K: number) {
  const out = new Float64Array(M * K)
  if (perCell) {
    for (let cell = 0; cell < cellCount; cell++) for (let k = 0; k < K; k++) out[cellModel[cell] * K + k] += perCell[cell * K + k]
    return out
  }
  const { offsets } = table
  for (let i = 0; i < table.itemCount; i++) if (offsets[i + 1] - offsets[i] === 1) out[itemModel[i] * K + code[offsets[i]]]++
  return out
}
