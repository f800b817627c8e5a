import type { CompareMeasures, ConfusionMatrix, PerInstruction, ScatterPoint, Stat, SystemLevel } from '@shared/api/statsModels'
import { kendallTauB, kendallTauBWeighted, maeWeighted, pearson, pearsonWeighted, rmseWeighted, spearman, spearmanWeighted, type WeightedPoints } from './correlation'
import { FirstSeenIds, ValueCodes } from './codes'
import { fromUnits, toUnits } from './exactMeans'
import { nullStat, statOf } from './stat'

/**
 * A prediction against a reference, pair by pair: the judge's score vs the mean expert score, or (the human
 * ceiling) one expert vs the mean of the others. `rounded` is the reference rounded half up to the nearest allowed
 * score (roundHalfUp) — the label accuracy, macro-F1 and the confusion matrix use.
 *
 * Pairs are counted into distinct (reference, rounded, prediction) triples per group, so every measure is a sum
 * over a few triples; a bootstrap resample is another weight vector over the same triples.
 */
export interface Triples {
  ref: Float64Array
  rounded: Float64Array
  pred: Float64Array
  /** Pairs per triple. */
  count: Float64Array
  /** Triple ids of each group. */
  byGroup: Int32Array[]
  /** Pair → triple (−1 when the pair's group is −1); empty unless built with keepPairs. */
  pairTriple: Int32Array
}

/** Pairs as codes into three small dictionaries (reference, rounded reference, prediction). */
export interface PairCodes {
  n: number
  ref: Int32Array
  rounded: Int32Array
  pred: Int32Array
  refValues: Float64Array
  roundedValues: Float64Array
  predValues: Float64Array
}

export function encodePairs(pred: Float64Array, ref: Float64Array, rounded: Float64Array, pairs = pred.length): PairCodes {
  const r = new ValueCodes()
  const d = new ValueCodes()
  const p = new ValueCodes()
  return {
    n: pairs,
    ref: r.encode(ref, pairs),
    rounded: d.encode(rounded, pairs),
    pred: p.encode(pred, pairs),
    refValues: r.values.slice(0, r.size),
    roundedValues: d.values.slice(0, d.size),
    predValues: p.values.slice(0, p.size),
  }
}

export function buildTriples(pred: Float64Array, ref: Float64Array, rounded: Float64Array, group: Int32Array, groups: number, pairs = pred.length): Triples {
  return buildTriplesFromCodes(encodePairs(pred, ref, rounded, pairs), group, groups)
}

/** Counts coded pairs into distinct (group, reference, rounded, prediction) triples. */
/** `keepPairs`: fill `pairTriple` (the bootstrap needs it); otherwise it is left empty. */
/** Several item-level groupings of the same pairs: buildTriplesByCell (itemCells.ts), in one pass. */
export function buildTriplesFromCodes(codes: PairCodes, group: Int32Array, groups: number, weight?: Float64Array, keepPairs = true): Triples {
  const PC = codes.refValues.length * codes.roundedValues.length * codes.predValues.length
  const ids = new FirstSeenIds(groups * PC)
  const pairTriple = new Int32Array(keepPairs ? codes.n : 0)
  const count: number[] = []
  // locals: callers pass differently shaped code objects, and property loads in this loop were its main cost
  const n = codes.n
  const refCode = codes.ref
  const roundedCode = codes.rounded
  const predCode = codes.pred
  const KD = codes.roundedValues.length
  const KP = codes.predValues.length
  for (let i = 0; i < n; i++) {
    const g = group[i]
    if (g < 0) {
      if (keepPairs) pairTriple[i] = -1
      continue
    }
    const id = ids.id(g * PC + (refCode[i] * KD + roundedCode[i]) * KP + predCode[i])
    if (id === count.length) count.push(0)
    count[id] += weight ? weight[i] : 1
    if (keepPairs) pairTriple[i] = id
  }
  return triplesOf(codes, ids.keys, count, groups, pairTriple)
}

/** Triples from their keys (group · PC + (reference · KD + rounded) · KP + prediction) and counts. */
export function triplesOf(codes: PairCodes, keys: number[], count: number[], groups: number, pairTriple: Int32Array): Triples {
  const KD = codes.roundedValues.length
  const KP = codes.predValues.length
  const PC = codes.refValues.length * KD * KP
  const T = count.length
  const ref = new Float64Array(T)
  const rounded = new Float64Array(T)
  const pred = new Float64Array(T)
  const byGroup: number[][] = Array.from({ length: groups }, () => [])
  for (let id = 0; id < T; id++) {
    const code = keys[id] % PC
    pred[id] = codes.predValues[code % KP]
    rounded[id] = codes.roundedValues[Math.floor(code / KP) % KD]
    ref[id] = codes.refValues[Math.floor(code / (KP * KD))]
    byGroup[Math.floor(keys[id] / PC)].push(id)
  }
  return { ref, rounded, pred, count: Float64Array.from(count), byGroup: byGroup.map((list) => Int32Array.from(list)), pairTriple }
}

function weightedPoints(t: Triples, ids: Int32Array, weights: Float64Array): WeightedPoints {
  const x = new Float64Array(ids.length)
  const y = new Float64Array(ids.length)
  const w = new Float64Array(ids.length)
  ids.forEach((id, k) => {
    x[k] = t.ref[id]
    y[k] = t.pred[id]
    w[k] = weights[id]
  })
  return { x, y, w, length: ids.length }
}

const NO_PAIRS = 'no item has both scores'

/** All measures of group `g` (weights: per triple; default the observed counts). */
export function compareMeasures(t: Triples, g: number, weights: Float64Array = t.count): CompareMeasures {
  const ids = t.byGroup[g]
  const p = weightedPoints(t, ids, weights)
  let n = 0
  let correct = 0
  for (let k = 0; k < ids.length; k++) {
    n += p.w[k]
    if (t.pred[ids[k]] === t.rounded[ids[k]]) correct += p.w[k]
  }
  if (n === 0) {
    const none = nullStat(NO_PAIRS)
    return { n: 0, spearman: none, kendallTauB: none, pearson: none, mae: none, rmse: none, accuracy: none, macroF1: none }
  }
  return {
    n,
    spearman: spearmanWeighted(p),
    kendallTauB: kendallTauBWeighted(p),
    pearson: pearsonWeighted(p),
    mae: maeWeighted(p),
    rmse: rmseWeighted(p),
    accuracy: statOf(correct / n, NO_PAIRS),
    macroF1: macroF1(t, ids, weights),
  }
}

/** sklearn's f1_score(average='macro'): labels = union of true (rounded reference) and predicted labels. */
function macroF1(t: Triples, ids: Int32Array, weights: Float64Array): Stat {
  const tp = new Map<number, number>()
  const fp = new Map<number, number>()
  const fn = new Map<number, number>()
  const add = (m: Map<number, number>, key: number, w: number) => m.set(key, (m.get(key) ?? 0) + w)
  for (const id of ids) {
    const w = weights[id]
    if (!(w > 0)) continue
    const truth = t.rounded[id]
    const guess = t.pred[id]
    add(tp, truth, 0)
    add(tp, guess, 0)
    if (truth === guess) add(tp, truth, w)
    else {
      add(fp, guess, w)
      add(fn, truth, w)
    }
  }
  if (tp.size === 0) return nullStat(NO_PAIRS)
  let sum = 0
  for (const [label, hits] of tp) {
    const denominator = 2 * hits + (fp.get(label) ?? 0) + (fn.get(label) ?? 0)
    sum += denominator > 0 ? (2 * hits) / denominator : 0
  }
  return statOf(sum / tp.size, NO_PAIRS)
}

export function confusion(t: Triples, g: number): ConfusionMatrix {
  const ids = t.byGroup[g]
  const set = new Set<number>()
  for (const id of ids) {
    set.add(t.rounded[id])
    set.add(t.pred[id])
  }
  const labels = [...set].sort((a, b) => a - b)
  const index = new Map(labels.map((v, i) => [v, i]))
  const counts = labels.map(() => labels.map(() => 0))
  for (const id of ids) counts[index.get(t.rounded[id])!][index.get(t.pred[id])!] += t.count[id]
  return { labels, counts }
}

export function scatter(t: Triples, g: number): ScatterPoint[] {
  const merged = new Map<string, ScatterPoint>()
  for (const id of t.byGroup[g]) {
    const key = `${t.ref[id]}|${t.pred[id]}`
    const point = merged.get(key)
    if (point) point.count += t.count[id]
    else merged.set(key, { x: t.ref[id], y: t.pred[id], count: t.count[id] })
  }
  return [...merged.values()].sort((a, b) => a.x - b.x || a.y - b.y)
}

/**
 * Rounds half up to the nearest of `allowed` (sorted ascending): the nearest value, the higher one on a tie.
 * Without a scale, half up to an integer.
 */
export function roundHalfUp(value: number, allowed: Float64Array | null): number {
  if (!allowed || allowed.length === 0) return Math.floor(value + 0.5 + 1e-9)
  let best = allowed[0]
  let bestDistance = Math.abs(value - best)
  for (let i = 1; i < allowed.length; i++) {
    const d = Math.abs(value - allowed[i])
    if (d <= bestDistance + 1e-9) {
      best = allowed[i]
      bestDistance = Math.min(d, bestDistance)
    }
  }
  return best
}

/**
 * Spearman (average ranks), Kendall's τ-b and Pearson of n ≤ a few dozen points, without allocating: into
 * out[0..2], NaN where undefined (a constant vector). O(n²), as scipy on the same data.
 *
 * One branch-free pass over all ordered pairs gives, per point, the points below it and those equal to it (its
 * average rank) and twice Kendall's S; the ties per variable follow from the equal counts.
 */
export function smallCorrelations(x: Float64Array, y: Float64Array, n: number, out: Float64Array): void {
  if (rankX.length < n) {
    rankX = new Float64Array(n)
    rankY = new Float64Array(n)
  }
  const rx = rankX
  const ry = rankY
  let s2 = 0
  let equalX = 0
  let equalY = 0
  let sumX = 0
  let sumY = 0
  for (let i = 0; i < n; i++) {
    const xi = x[i]
    const yi = y[i]
    sumX += xi
    sumY += yi
    let belowX = 0
    let belowY = 0
    let sameX = 0
    let sameY = 0
    for (let j = 0; j < n; j++) {
      const xj = x[j]
      const yj = y[j]
      const ltX = +(xj < xi)
      const ltY = +(yj < yi)
      const eqX = +(xj === xi)
      const eqY = +(yj === yi)
      belowX += ltX
      belowY += ltY
      sameX += eqX
      sameY += eqY
      // sign(xi − xj) · sign(yi − yj), each sign as (greater − less)
      s2 += (2 * ltX + eqX - 1) * (2 * ltY + eqY - 1)
    }
    equalX += sameX
    equalY += sameY
    // average rank: below + (equal, itself included, + 1) / 2
    rx[i] = belowX + (sameX + 1) / 2
    ry[i] = belowY + (sameY + 1) / 2
  }
  const n0 = (n * (n - 1)) / 2
  // pairs tied in x (y): each point's equals other than itself, every pair counted twice
  const tx = (equalX - n) / 2
  const ty = (equalY - n) / 2
  const constant = tx === n0 || ty === n0
  out[1] = constant ? Number.NaN : s2 / 2 / Math.sqrt((n0 - tx) * (n0 - ty))
  out[2] = constant ? Number.NaN : pearsonAround(x, y, n, sumX / n, sumY / n)
  // ranks average (n + 1) / 2 whatever the ties
  out[0] = constant ? Number.NaN : pearsonAround(rx, ry, n, (n + 1) / 2, (n + 1) / 2)
}

// scratch for smallCorrelations' ranks (grown on demand; the engine is single-threaded per isolate)
let rankX = new Float64Array(16)
let rankY = new Float64Array(16)

/** Pearson's r of n points given their means. */
function pearsonAround(x: Float64Array, y: Float64Array, n: number, mx: number, my: number): number {
  let sxx = 0
  let syy = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx
    const dy = y[i] - my
    sxx += dx * dx
    syy += dy * dy
    sxy += dx * dy
  }
  if (!(sxx > 0 && syy > 0)) return Number.NaN
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)))
}

type SystemAndInstruction = { systemLevel: SystemLevel; perInstruction: PerInstruction }

/**
 * The pairs of systemAndInstructionByGroup. `via`: pair → index into model, instruction and group (e.g. pair →
 * item); default the pair itself. `refCode` (`predCode`): when given, `ref` (`pred`) is a dictionary and pair k's
 * reference is ref[refCode[k]].
 */
export interface InstructionPairs {
  pred: Float64Array
  ref: Float64Array
  model: Int32Array
  instruction: Int32Array
  group: Int32Array
  groups: number
  modelNames: readonly string[]
  via?: Int32Array
  refCode?: Int32Array
  predCode?: Int32Array
  /** exactMeans.ts: sums in exact units, so models with equal mean scores tie whatever the order of their items. */
  scale?: number
}

/**
 * System-level and per-instruction correlations for all pairs and for each group of pairs (criterion) at once:
 * one pass over the pairs in instruction order (as they usually come; otherwise after a counting sort), with
 * per-(group, model) sums in scratch arrays.
 */
export function systemAndInstructionByGroup(pairs: InstructionPairs): { overall: SystemAndInstruction; byGroup: SystemAndInstruction[] } {
  const { groups, modelNames } = pairs
  const scale = pairs.scale ?? 0
  const M = modelNames.length
  const G = groups + 1 // the last group is "all pairs"
  const sums = instructionSums(G, M)
  const columns: PairColumns = {
    n: pairs.predCode ? pairs.predCode.length : pairs.refCode ? pairs.refCode.length : pairs.pred.length,
    via: pairs.via ?? null,
    model: pairs.model,
    instruction: pairs.instruction,
    group: pairs.group,
    // every reference and prediction in units, through its dictionary when coded
    refUnits: Float64Array.from(pairs.ref, (v) => toUnits(v, scale)),
    refCode: pairs.refCode ?? null,
    predUnits: Float64Array.from(pairs.pred, (v) => toUnits(v, scale)),
    predCode: pairs.predCode ?? null,
    scale,
  }
  if (!accumulateByInstruction(columns, sums, null)) {
    // pairs not grouped by instruction: start over in instruction order
    const fresh = instructionSums(G, M)
    Object.assign(sums, fresh)
    accumulateByInstruction(columns, sums, sortByInstruction(columns.instruction, pairs.via, columns.n))
  }
  const { refSum, predSum, count, instructions, defined } = sums
  const system = (g: number): SystemLevel => {
    const models = []
    for (let m = 0; m < M; m++) {
      const c = count[g * M + m]
      if (c > 0) models.push({ model: modelNames[m], n: c, expertMean: fromUnits(refSum[g * M + m], c, scale), judgeMean: fromUnits(predSum[g * M + m], c, scale) })
    }
    models.sort((a, b) => b.expertMean - a.expertMean || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0))
    const tooFew = (s: Stat) => (models.length < 2 ? nullStat('fewer than 2 models have both scores') : s)
    const xs = models.map((m) => m.expertMean)
    const ys = models.map((m) => m.judgeMean)
    return { spearman: tooFew(spearman(xs, ys)), kendallTauB: tooFew(kendallTauB(xs, ys)), pearson: tooFew(pearson(xs, ys)), models }
  }
  const perInstruction = (g: number): PerInstruction => {
    const mean = (c: number): Stat =>
      instructions[g] === 0
        ? nullStat('no instruction has 2 or more models with both scores')
        : defined[g * 3 + c] === 0
          ? nullStat(`the correlation is undefined for every one of the ${instructions[g]} instructions (constant scores across models)`)
          : statOf(sums.correlations[g * 3 + c] / defined[g * 3 + c], 'undefined')
    return {
      spearman: mean(0),
      kendallTauB: mean(1),
      pearson: mean(2),
      instructions: instructions[g],
      defined: { spearman: defined[g * 3], kendallTauB: defined[g * 3 + 1], pearson: defined[g * 3 + 2] },
    }
  }
  return {
    overall: { systemLevel: system(groups), perInstruction: perInstruction(groups) },
    byGroup: Array.from({ length: groups }, (_, g) => ({ systemLevel: system(g), perInstruction: perInstruction(g) })),
  }
}

interface PairColumns {
  n: number
  via: Int32Array | null
  model: Int32Array
  instruction: Int32Array
  group: Int32Array
  /** Units of each pair's reference (prediction), or of its dictionary entry when coded. */
  refUnits: Float64Array
  refCode: Int32Array | null
  predUnits: Float64Array
  predCode: Int32Array | null
  scale: number
}

function instructionSums(G: number, M: number) {
  return {
    G,
    M,
    // system level, per (group, model)
    refSum: new Float64Array(G * M),
    predSum: new Float64Array(G * M),
    count: new Float64Array(G * M),
    // the current instruction's, per (group, model)
    rs: new Float64Array(G * M),
    ps: new Float64Array(G * M),
    cs: new Float64Array(G * M),
    touched: new Uint8Array(G),
    // per group: instructions with ≥ 2 models, and the three correlations' sums and defined counts
    instructions: new Float64Array(G),
    correlations: new Float64Array(G * 3),
    defined: new Float64Array(G * 3),
    x: new Float64Array(M),
    y: new Float64Array(M),
    out: new Float64Array(3),
  }
}

/**
 * Adds the pairs, instruction by instruction, to the system-level sums and each instruction's correlations.
 * `order` null: the pairs as they come, which must be grouped by instruction in ascending order; returns false
 * (sums incomplete) as soon as they are not.
 */
function accumulateByInstruction(columns: PairColumns, sums: ReturnType<typeof instructionSums>, order: Int32Array | null): boolean {
  const { n, via, model, instruction, group, refUnits, refCode, predUnits, predCode, scale } = columns
  const { G, M, refSum, predSum, count, rs, ps, cs, touched, instructions, correlations, defined, x, y, out } = sums
  const all = G - 1
  let previous = -1
  for (let start = 0; start < n; ) {
    const first = order ? order[start] : start
    const ins = instruction[via ? via[first] : first]
    if (ins < previous) return false
    previous = ins
    let end = start
    for (; end < n; end++) {
      const k = order ? order[end] : end
      const at = via ? via[k] : k
      if (instruction[at] !== ins) break
      const m = model[at]
      const g = group[at]
      const a = g * M + m
      const b = all * M + m
      const r = refCode ? refUnits[refCode[k]] : refUnits[k]
      const p = predCode ? predUnits[predCode[k]] : predUnits[k]
      rs[a] += r
      ps[a] += p
      cs[a]++
      touched[g] = 1
      rs[b] += r
      ps[b] += p
      cs[b]++
    }
    touched[all] = 1
    for (let g = 0; g < G; g++) {
      if (!touched[g]) continue
      touched[g] = 0
      let t = 0
      for (let m = 0; m < M; m++) {
        const at = g * M + m
        if (cs[at] === 0) continue
        refSum[at] += rs[at]
        predSum[at] += ps[at]
        count[at] += cs[at]
        x[t] = fromUnits(rs[at], cs[at], scale)
        y[t] = fromUnits(ps[at], cs[at], scale)
        t++
        rs[at] = ps[at] = cs[at] = 0
      }
      if (t < 2) continue
      instructions[g]++
      smallCorrelations(x, y, t, out)
      for (let c = 0; c < 3; c++) {
        if (!Number.isNaN(out[c])) {
          correlations[g * 3 + c] += out[c]
          defined[g * 3 + c]++
        }
      }
    }
    start = end
  }
  return true
}

/** Pair indices ordered by instruction, stable (a counting sort); `via`: pair → index into `instruction`. */
function sortByInstruction(instruction: Int32Array, via: Int32Array | undefined, n: number): Int32Array {
  let I = 0
  for (let k = 0; k < n; k++) I = Math.max(I, instruction[via ? via[k] : k] + 1)
  const offsets = new Int32Array(I + 1)
  for (let k = 0; k < n; k++) offsets[instruction[via ? via[k] : k] + 1]++
  for (let i = 0; i < I; i++) offsets[i + 1] += offsets[i]
  const sorted = new Int32Array(n)
  for (let k = 0; k < n; k++) sorted[offsets[instruction[via ? via[k] : k]]++] = k
  return sorted
}
