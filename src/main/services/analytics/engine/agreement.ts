import type { AgreementCore, Icc, KrippendorffAlpha, PairKappa, Stat } from '@shared/api/statsModels'
import { cohenKappaFromTable } from './kappa'
import { nullStat, statOf } from './stat'
import type { ScoreTable } from './table'

/**
 * Agreement on patterns. Every coefficient here except ICC and Cohen's κ depends on an item only through the
 * multiset of its scores (how many scores fell in each category), so items are counted into patterns once and
 * each figure is a weighted sum over a few distinct patterns. A group (criterion, model, …) or a bootstrap
 * resample is just another weight vector over the same patterns.
 *
 * Definitions (all over items with ≥ 2 scores; n_ic = scores of item i in category c, m_i = Σ_c n_ic):
 * - verdict confidence: mean over items of max_c n_ic / m_i (POLLUX).
 * - percent agreement: mean over items of Σ_c n_ic (n_ic − 1) / (m_i (m_i − 1)).
 * - Krippendorff's α: coincidence matrix o_ck = Σ_i (n_ic n_ik − [c = k] n_ic) / (m_i − 1);
 *   α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck with nominal, ordinal (rank sums over the observed
 *   categories) and interval (squared difference of values) metrics (Krippendorff 2011).
 * - Fleiss' κ: only when every item has the same number of scores.
 * - Gwet's AC1/AC2 (Gwet 2014, multiple raters): p_a = Σ_i Σ_k n_ik (n*_ik − 1) / (m_i (m_i − 1)) / n',
 *   n*_ik = Σ_l w_kl n_il; π_k = mean_i n_ik / m_i; p_e = T_w / (q (q − 1)) Σ π_k (1 − π_k); q = observed
 *   categories of the group; AC2 uses irrCAC's ordinal weights w_kl = 1 − C(|k−l|+1, 2) / max.
 */
export interface Patterns {
  /** Category values (sorted). */
  categories: Float64Array
  K: number
  P: number
  /** P × K category counts. */
  counts: Int32Array
  /** Scores per pattern. */
  m: Int32Array
  /** Item → pattern, −1 for items with < 2 scores. */
  itemPattern: Int32Array
}

function mostScoresOnAnItem(table: ScoreTable): number {
  let most = 0
  for (let i = 0; i < table.itemCount; i++) most = Math.max(most, table.offsets[i + 1] - table.offsets[i])
  return most
}

export function buildPatterns(table: ScoreTable, code: Int32Array, categories: Float64Array): Patterns {
  const K = categories.length
  const maxM = mostScoresOnAnItem(table)
  const base = maxM + 1
  const numeric = K * Math.log2(base) < 52
  const ids = new Map<number | string, number>()
  const denseIds = numeric && base ** K <= 1 << 22 ? new Int32Array(base ** K).fill(-1) : null
  const itemPattern = new Int32Array(table.itemCount).fill(-1)
  const counts: number[] = []
  const ms: number[] = []
  const local = new Int32Array(K)
  const power = Float64Array.from({ length: K }, (_, c) => base ** c)
  for (let i = 0; i < table.itemCount; i++) {
    const start = table.offsets[i]
    const end = table.offsets[i + 1]
    if (end - start < 2) continue
    let key: number | string
    if (numeric) {
      let k = 0
      for (let r = start; r < end; r++) k += power[code[r]]
      key = k
    } else {
      local.fill(0)
      for (let r = start; r < end; r++) local[code[r]]++
      key = local.join(',')
    }
    let id = denseIds ? denseIds[key as number] : ids.get(key)
    if (id === undefined || id < 0) {
      id = ms.length
      if (denseIds) denseIds[key as number] = id
      else ids.set(key, id)
      const row = new Array<number>(K).fill(0)
      for (let r = start; r < end; r++) row[code[r]]++
      counts.push(...row)
      ms.push(end - start)
    }
    itemPattern[i] = id
  }
  return { categories, K, P: ms.length, counts: Int32Array.from(counts), m: Int32Array.from(ms), itemPattern }
}

/** Item counts per (group, pattern): weights for every group in one pass. */
export function groupWeights(patterns: Patterns, group: Int32Array, groups: number): Float64Array {
  const w = new Float64Array(groups * patterns.P)
  for (let i = 0; i < patterns.itemPattern.length; i++) {
    const p = patterns.itemPattern[i]
    const g = group[i]
    if (p >= 0 && g >= 0) w[g * patterns.P + p]++
  }
  return w
}

export type PatternFigures = Omit<AgreementCore, 'raters' | 'icc'>

const NO_ITEMS = 'no item has 2 or more scores'

/**
 * Fewer complete items than this and an ICC is null with a reason: its mean squares rest on too few rows (3 items
 * gave ICC(2,k) = 6.0 and −2.4 on real data).
 */
export const MIN_ICC_ITEMS = 5

/** An ICC; outside [−1, 1] (possible with few items or negative variance estimates) it carries a warning. */
function iccStat(value: number, reason: string): Stat {
  const stat = statOf(value, reason)
  if (stat.value !== null && (stat.value < -1 || stat.value > 1)) stat.warning = 'outside [−1, 1]: the variance estimates behind it are unstable (few items or raters)'
  return stat
}
const NO_VARIATION = 'all scores are the same value (no variation)'

/** All pattern-based figures for one weight vector (weights[offset + p] = times pattern p is counted). */
export function patternFigures(pt: Patterns, weights: Float64Array, offset = 0): PatternFigures {
  const { K, P, counts, m, categories } = pt
  let items = 0
  let annotations = 0
  let vc = 0
  let pa = 0
  let minM = Infinity
  let maxM = 0
  const totals = new Float64Array(K)
  const pi = new Float64Array(K)
  const coincidence = new Float64Array(K * K)
  let fleissP = 0
  for (let p = 0; p < P; p++) {
    const w = weights[offset + p]
    if (!(w > 0)) continue
    const mp = m[p]
    items += w
    annotations += w * mp
    minM = Math.min(minM, mp)
    maxM = Math.max(maxM, mp)
    let max = 0
    let agree = 0
    let sq = 0
    const row = p * K
    for (let c = 0; c < K; c++) {
      const n = counts[row + c]
      if (n === 0) continue
      if (n > max) max = n
      agree += n * (n - 1)
      sq += n * n
      totals[c] += w * n
      pi[c] += (w * n) / mp
      for (let k = 0; k < K; k++) {
        const nk = counts[row + k]
        if (nk === 0) continue
        coincidence[c * K + k] += (w * (n * nk - (c === k ? n : 0))) / (mp - 1)
      }
    }
    vc += (w * max) / mp
    pa += (w * agree) / (mp * (mp - 1))
    fleissP += (w * (sq - mp)) / (mp * (mp - 1))
  }
  if (items === 0) {
    const none = nullStat(NO_ITEMS)
    return {
      items: 0,
      annotations: 0,
      verdictConfidence: none,
      percentAgreement: none,
      krippendorffAlpha: { nominal: none, ordinal: none, interval: none },
      fleissKappa: none,
      gwetAC1: none,
      gwetAC2: none,
    }
  }
  const percentAgreement = pa / items
  // Krippendorff
  const observed: number[] = []
  for (let c = 0; c < K; c++) if (totals[c] > 0) observed.push(c)
  const alpha = (delta: (c: number, k: number) => number): Stat => {
    if (observed.length < 2) return nullStat(NO_VARIATION)
    let n = 0
    for (const c of observed) n += totals[c]
    let doSum = 0
    let deSum = 0
    for (const c of observed) {
      for (const k of observed) {
        if (c === k) continue
        const d = delta(c, k)
        doSum += coincidence[c * K + k] * d
        deSum += totals[c] * totals[k] * d
      }
    }
    if (!(deSum > 0)) return nullStat(NO_VARIATION)
    return statOf(1 - ((n - 1) * doSum) / deSum, NO_VARIATION)
  }
  const cumulative = new Float64Array(K + 1)
  for (let c = 0; c < K; c++) cumulative[c + 1] = cumulative[c] + totals[c]
  const krippendorffAlpha: KrippendorffAlpha = {
    nominal: alpha(() => 1),
    ordinal: alpha((c, k) => {
      const lo = Math.min(c, k)
      const hi = Math.max(c, k)
      const s = cumulative[hi + 1] - cumulative[lo] - (totals[c] + totals[k]) / 2
      return s * s
    }),
    interval: alpha((c, k) => (categories[c] - categories[k]) ** 2),
  }
  // Fleiss
  let fleissKappa: Stat
  if (minM !== maxM) fleissKappa = nullStat(`items have unequal numbers of scores (${minM} to ${maxM}); Fleiss' κ needs the same number of raters per item`)
  else {
    let pe = 0
    for (const c of observed) pe += (totals[c] / (items * minM)) ** 2
    fleissKappa = pe >= 1 ? nullStat(NO_VARIATION) : statOf((fleissP / items - pe) / (1 - pe), NO_VARIATION)
  }
  // Gwet
  const q = observed.length
  let gwetAC1: Stat
  let gwetAC2: Stat
  if (q < 2) {
    gwetAC1 = nullStat(`${NO_VARIATION}: Gwet's coefficients need at least 2 observed categories`)
    gwetAC2 = gwetAC1
  } else {
    let piTerm = 0
    for (const c of observed) {
      const pk = pi[c] / items
      piTerm += pk * (1 - pk)
    }
    const pe1 = piTerm / (q - 1)
    gwetAC1 = statOf((percentAgreement - pe1) / (1 - pe1), 'chance agreement is 1')
    // ordinal weights over the observed categories
    const weight = new Float64Array(q * q)
    let maxM2 = 0
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) {
        const nkl = Math.abs(a - b) + 1
        weight[a * q + b] = (nkl * (nkl - 1)) / 2
        maxM2 = Math.max(maxM2, weight[a * q + b])
      }
    }
    let tw = 0
    for (let j = 0; j < q * q; j++) {
      weight[j] = 1 - weight[j] / maxM2
      tw += weight[j]
    }
    let pa2 = 0
    for (let p = 0; p < P; p++) {
      const w = weights[offset + p]
      if (!(w > 0)) continue
      const mp = m[p]
      const row = p * K
      let s = 0
      for (let a = 0; a < q; a++) {
        const nk = counts[row + observed[a]]
        if (nk === 0) continue
        let star = 0
        for (let b = 0; b < q; b++) star += weight[a * q + b] * counts[row + observed[b]]
        s += nk * (star - 1)
      }
      pa2 += (w * s) / (mp * (mp - 1))
    }
    const pe2 = (tw / (q * (q - 1))) * piTerm
    gwetAC2 = statOf((pa2 / items - pe2) / (1 - pe2), 'chance agreement is 1')
  }
  return {
    items,
    annotations,
    verdictConfidence: statOf(vc / items, NO_ITEMS),
    percentAgreement: statOf(percentAgreement, NO_ITEMS),
    krippendorffAlpha,
    fleissKappa,
    gwetAC1,
    gwetAC2,
  }
}

/**
 * Rater patterns: an item's scores as the sorted list of (annotator, category). ICC and Cohen's κ need to know who
 * gave which score; a group (or the whole table) is again a weight vector over the few distinct rater patterns.
 */
export interface RaterPatterns {
  RP: number
  /** Item → rater pattern, −1 for items with < 2 scores. */
  itemRaterPattern: Int32Array
  /** Rater pattern → its rows in `rater` / `code`. */
  offsets: Int32Array
  rater: Int32Array
  code: Int32Array
  /** Rater pattern → multiset pattern. */
  toPattern: Int32Array
}

export function buildRaterPatterns(table: ScoreTable, code: Int32Array, patterns: Patterns): RaterPatterns {
  const K = patterns.K
  const maxM = mostScoresOnAnItem(table)
  const B = table.raterCount * K + 1
  const numeric = maxM * Math.log2(B) < 52
  const ids = new Map<number | string, number>()
  const denseIds = numeric && B ** (maxM + 1) <= 1 << 22 ? new Int32Array(B ** (maxM + 1)).fill(-1) : null
  const itemRaterPattern = new Int32Array(table.itemCount).fill(-1)
  const offsets: number[] = [0]
  const raters: number[] = []
  const codes: number[] = []
  const scratch = new Int32Array(maxM)
  const toPattern: number[] = []
  for (let i = 0; i < table.itemCount; i++) {
    const start = table.offsets[i]
    const m = table.offsets[i + 1] - start
    if (m < 2) continue
    // insertion sort of (rater, code) cells by rater
    for (let j = 0; j < m; j++) {
      const cell = table.rater[start + j] * K + code[start + j]
      let k = j
      while (k > 0 && scratch[k - 1] > cell) {
        scratch[k] = scratch[k - 1]
        k--
      }
      scratch[k] = cell
    }
    let key: number | string
    if (numeric) {
      let v = 0
      for (let j = 0; j < m; j++) v = v * B + scratch[j] + 1
      key = v
    } else key = Array.from(scratch.subarray(0, m)).join(',')
    let id = denseIds ? denseIds[key as number] : ids.get(key)
    if (id === undefined || id < 0) {
      id = offsets.length - 1
      if (denseIds) denseIds[key as number] = id
      else ids.set(key, id)
      for (let j = 0; j < m; j++) {
        raters.push(Math.floor(scratch[j] / K))
        codes.push(scratch[j] % K)
      }
      offsets.push(raters.length)
      toPattern.push(patterns.itemPattern[i])
    }
    itemRaterPattern[i] = id
  }
  return { RP: offsets.length - 1, itemRaterPattern, offsets: Int32Array.from(offsets), rater: Int32Array.from(raters), code: Int32Array.from(codes), toPattern: Int32Array.from(toPattern) }
}

/**
 * Per group: distinct raters, ICC(2,1)/ICC(2,k) on the complete case and Cohen's κ per rater pair, from the
 * groups' weights over rater patterns (`weights[g * RP + rp]`).
 */
export function raterFiguresFromWeights(
  rp: RaterPatterns,
  weights: Float64Array,
  groups: number,
  categories: Float64Array,
  raterCount: number,
  withPairs: boolean,
  raterNames: readonly string[],
): { raters: Int32Array; icc: Icc[]; pairs: PairKappa[][] } {
  const R = raterCount
  const K = categories.length
  const { RP, offsets, rater, code } = rp
  const raters = new Int32Array(groups)
  const present = new Uint8Array(R)
  const icc: Icc[] = []
  const pairs: PairKappa[][] = []
  const col = new Float64Array(R)
  for (let g = 0; g < groups; g++) {
    present.fill(0)
    for (let p = 0; p < RP; p++) {
      if (!(weights[g * RP + p] > 0)) continue
      for (let r = offsets[p]; r < offsets[p + 1]; r++) {
        if (!present[rater[r]]) {
          present[rater[r]] = 1
          raters[g]++
        }
      }
    }
    const k = raters[g]
    // ICC sums on complete rows (a pattern with as many scores as the group has raters has one from each)
    let items = 0
    let sum = 0
    let sumSq = 0
    let rowSq = 0
    col.fill(0)
    const pairTables = new Map<number, Float64Array>()
    for (let p = 0; p < RP; p++) {
      const w = weights[g * RP + p]
      if (!(w > 0)) continue
      const start = offsets[p]
      const end = offsets[p + 1]
      if (end - start === k) {
        let row = 0
        for (let r = start; r < end; r++) {
          const v = categories[code[r]]
          row += v
          sumSq += w * v * v
          col[rater[r]] += w * v
        }
        items += w
        sum += w * row
        rowSq += w * row * row
      }
      if (withPairs) {
        for (let r = start; r < end; r++) {
          for (let s = r + 1; s < end; s++) {
            const key = rater[r] * R + rater[s]
            let t = pairTables.get(key)
            if (!t) pairTables.set(key, (t = new Float64Array(K * K)))
            t[code[r] * K + code[s]] += w
          }
        }
      }
    }
    if (k < 2 || items < MIN_ICC_ITEMS) {
      const reason = k < 2 ? 'fewer than 2 annotators scored these items' : `fewer than ${MIN_ICC_ITEMS} items were scored by all ${k} annotators (ICC uses the complete case)`
      icc.push({ icc21: nullStat(reason), icc2k: nullStat(reason), raters: k, items })
    } else {
      const N = items * k
      const correction = (sum * sum) / N
      const sst = sumSq - correction
      const ssr = rowSq / k - correction
      let colSq = 0
      for (let r = 0; r < R; r++) colSq += col[r] ** 2
      const ssc = colSq / items - correction
      const sse = sst - ssr - ssc
      const msr = ssr / (items - 1)
      const msc = ssc / (k - 1)
      const mse = sse / ((items - 1) * (k - 1))
      const reason = 'no variance among the scores of the complete items'
      // sumSq − sum²/N leaves rounding noise, not zero, when every score is equal: the ratio would explode.
      if (sst <= 1e-12 * Math.max(1, sumSq)) {
        icc.push({ icc21: nullStat(reason), icc2k: nullStat(reason), raters: k, items })
      } else icc.push({
        icc21: iccStat((msr - mse) / (msr + (k - 1) * mse + (k * (msc - mse)) / items), reason),
        icc2k: iccStat((msr - mse) / (msr + (msc - mse) / items), reason),
        raters: k,
        items,
      })
    }
    const list: PairKappa[] = []
    for (const key of [...pairTables.keys()].sort((a, b) => a - b)) {
      const kappas = cohenKappaFromTable(pairTables.get(key)!, K)
      list.push({ a: raterNames[Math.floor(key / R)], b: raterNames[key % R], n: kappas.n, unweighted: kappas.unweighted, linear: kappas.linear, quadratic: kappas.quadratic })
    }
    pairs.push(list)
  }
  return { raters, icc, pairs }
}

/** Weights of every group over rater patterns and over multiset patterns, in one pass over the items. */
export function groupRaterWeights(patterns: Patterns, rp: RaterPatterns, group: Int32Array, groups: number): { rater: Float64Array; multiset: Float64Array } {
  const rater = new Float64Array(groups * rp.RP)
  for (let i = 0; i < group.length; i++) {
    const p = rp.itemRaterPattern[i]
    const g = group[i]
    if (p >= 0 && g >= 0) rater[g * rp.RP + p]++
  }
  const toPattern = rp.toPattern
  const multiset = new Float64Array(groups * patterns.P)
  for (let g = 0; g < groups; g++) for (let p = 0; p < rp.RP; p++) multiset[g * patterns.P + toPattern[p]] += rater[g * rp.RP + p]
  return { rater, multiset }
}
