import type { Stat } from '@shared/api/statsModels'
import { nullStat, statOf } from './stat'

/**
 * Correlations and errors on weighted distinct points: (x[i], y[i]) occurs w[i] times. With w = 1 for every
 * point they are the usual formulas; with frequencies they equal the formulas on the expanded data (scipy's
 * spearmanr with average ranks, kendalltau's τ-b, pearsonr), which is how the engine counts 10^6 pairs on a few
 * dozen distinct points. Weights must be non-negative; points with w = 0 are ignored.
 */
export interface WeightedPoints {
  x: Float64Array
  y: Float64Array
  w: Float64Array
  /** Number of points (the arrays may be longer). */
  length: number
}

const CONSTANT = 'one of the two score vectors is constant'
const TOO_FEW = 'fewer than 2 pairs'

export function totalWeight(p: WeightedPoints): number {
  let n = 0
  for (let i = 0; i < p.length; i++) n += p.w[i]
  return n
}

/** Pearson's r on weighted points (two-pass, centred). */
export function pearsonWeighted(p: WeightedPoints): Stat {
  const n = totalWeight(p)
  if (!(n >= 2)) return nullStat(TOO_FEW)
  let sx = 0
  let sy = 0
  for (let i = 0; i < p.length; i++) {
    sx += p.w[i] * p.x[i]
    sy += p.w[i] * p.y[i]
  }
  const mx = sx / n
  const my = sy / n
  let sxx = 0
  let syy = 0
  let sxy = 0
  for (let i = 0; i < p.length; i++) {
    const dx = p.x[i] - mx
    const dy = p.y[i] - my
    sxx += p.w[i] * dx * dx
    syy += p.w[i] * dy * dy
    sxy += p.w[i] * dx * dy
  }
  if (sxx <= 0 || syy <= 0 || !isVaried(p, 'x') || !isVaried(p, 'y')) return nullStat(CONSTANT)
  const r = sxy / Math.sqrt(sxx * syy)
  return statOf(Math.max(-1, Math.min(1, r)), CONSTANT)
}

function isVaried(p: WeightedPoints, key: 'x' | 'y'): boolean {
  const v = p[key]
  let first = Number.NaN
  for (let i = 0; i < p.length; i++) {
    if (p.w[i] <= 0) continue
    if (Number.isNaN(first)) first = v[i]
    else if (v[i] !== first) return true
  }
  return false
}

/** Indices of the points with w > 0 sorted by `v` ascending (ties by index). */
function order(v: Float64Array, p: WeightedPoints): Int32Array {
  const idx: number[] = []
  for (let i = 0; i < p.length; i++) if (p.w[i] > 0) idx.push(i)
  idx.sort((a, b) => v[a] - v[b] || a - b)
  return Int32Array.from(idx)
}

/** Average ranks (1-based) of each point's value among the weighted sample. */
function averageRanks(v: Float64Array, p: WeightedPoints): Float64Array {
  const ranks = new Float64Array(p.length)
  const ord = order(v, p)
  let before = 0
  for (let s = 0; s < ord.length; ) {
    let e = s
    let groupWeight = 0
    while (e < ord.length && v[ord[e]] === v[ord[s]]) groupWeight += p.w[ord[e++]]
    const rank = before + (groupWeight + 1) / 2
    for (let k = s; k < e; k++) ranks[ord[k]] = rank
    before += groupWeight
    s = e
  }
  return ranks
}

/** Spearman's ρ: Pearson's r of average ranks. */
export function spearmanWeighted(p: WeightedPoints): Stat {
  if (!(totalWeight(p) >= 2)) return nullStat(TOO_FEW)
  if (!isVaried(p, 'x') || !isVaried(p, 'y')) return nullStat(CONSTANT)
  return pearsonWeighted({ x: averageRanks(p.x, p), y: averageRanks(p.y, p), w: p.w, length: p.length })
}

/**
 * Kendall's τ-b (as scipy.stats.kendalltau): (C − D) / sqrt((n0 − n1)(n0 − n2)) with tie corrections, counted
 * on weighted points: sorted by x, a Fenwick tree over y ranks sums the weight below and above each y.
 */
export function kendallTauBWeighted(p: WeightedPoints): Stat {
  const n = totalWeight(p)
  if (!(n >= 2)) return nullStat(TOO_FEW)
  if (!isVaried(p, 'x') || !isVaried(p, 'y')) return nullStat(CONSTANT)
  // y ranks (dense) for the tree
  const byY = order(p.y, p)
  const yRank = new Int32Array(p.length)
  let ranksY = 0
  let n2 = 0
  for (let s = 0; s < byY.length; ) {
    let e = s
    let t = 0
    while (e < byY.length && p.y[byY[e]] === p.y[byY[s]]) {
      yRank[byY[e]] = ranksY + 1
      t += p.w[byY[e++]]
    }
    n2 += (t * (t - 1)) / 2
    ranksY++
    s = e
  }
  const tree = new Float64Array(ranksY + 1)
  const add = (i: number, w: number) => {
    for (; i <= ranksY; i += i & -i) tree[i] += w
  }
  const prefix = (i: number) => {
    let s = 0
    for (; i > 0; i -= i & -i) s += tree[i]
    return s
  }
  const byX = order(p.x, p)
  let n1 = 0
  let cMinusD = 0
  let seen = 0
  for (let s = 0; s < byX.length; ) {
    let e = s
    let t = 0
    while (e < byX.length && p.x[byX[e]] === p.x[byX[s]]) t += p.w[byX[e++]]
    n1 += (t * (t - 1)) / 2
    // pairs with an earlier (smaller) x: concordant when their y is smaller, discordant when larger
    for (let k = s; k < e; k++) {
      const i = byX[k]
      const below = prefix(yRank[i] - 1)
      const above = seen - prefix(yRank[i])
      cMinusD += p.w[i] * (below - above)
    }
    for (let k = s; k < e; k++) {
      add(yRank[byX[k]], p.w[byX[k]])
      seen += p.w[byX[k]]
    }
    s = e
  }
  const n0 = (n * (n - 1)) / 2
  const denominator = Math.sqrt((n0 - n1) * (n0 - n2))
  if (!(denominator > 0)) return nullStat(CONSTANT)
  return statOf(Math.max(-1, Math.min(1, cMinusD / denominator)), CONSTANT)
}

export function maeWeighted(p: WeightedPoints): Stat {
  const n = totalWeight(p)
  if (!(n >= 1)) return nullStat('no pairs')
  let s = 0
  for (let i = 0; i < p.length; i++) s += p.w[i] * Math.abs(p.x[i] - p.y[i])
  return statOf(s / n, 'no pairs')
}

export function rmseWeighted(p: WeightedPoints): Stat {
  const n = totalWeight(p)
  if (!(n >= 1)) return nullStat('no pairs')
  let s = 0
  for (let i = 0; i < p.length; i++) s += p.w[i] * (p.x[i] - p.y[i]) ** 2
  return statOf(Math.sqrt(s / n), 'no pairs')
}

/** Unit weights over plain arrays: for small vectors (system level, per instruction) and tests. */
export function points(x: ArrayLike<number>, y: ArrayLike<number>): WeightedPoints {
  if (x.length !== y.length) throw new Error('x and y differ in length')
  return { x: Float64Array.from(x), y: Float64Array.from(y), w: new Float64Array(x.length).fill(1), length: x.length }
}

export const pearson = (x: ArrayLike<number>, y: ArrayLike<number>) => pearsonWeighted(points(x, y))
export const spearman = (x: ArrayLike<number>, y: ArrayLike<number>) => spearmanWeighted(points(x, y))
export const kendallTauB = (x: ArrayLike<number>, y: ArrayLike<number>) => kendallTauBWeighted(points(x, y))
