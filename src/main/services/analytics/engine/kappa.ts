import type { Stat } from '@shared/api/statsModels'
import { nullStat, statOf } from './stat'

/**
 * Cohen's κ of one rater pair from its K × K contingency table (rows: first rater), as sklearn's
 * cohen_kappa_score: the labels are the categories either rater used, weights use label indices
 * (linear |i − j|, quadratic (i − j)²), κ = 1 − Σ w O / Σ w E with E the product of the marginals.
 */
export function cohenKappaFromTable(table: Float64Array, K: number): { n: number; unweighted: Stat; linear: Stat; quadratic: Stat } {
  const rows = new Float64Array(K)
  const cols = new Float64Array(K)
  let n = 0
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < K; b++) {
      rows[a] += table[a * K + b]
      cols[b] += table[a * K + b]
      n += table[a * K + b]
    }
  }
  if (n === 0) {
    const none = nullStat('the two annotators share no item')
    return { n: 0, unweighted: none, linear: none, quadratic: none }
  }
  const labels: number[] = []
  for (let c = 0; c < K; c++) if (rows[c] > 0 || cols[c] > 0) labels.push(c)
  const kappa = (weight: (i: number, j: number) => number): Stat => {
    let observed = 0
    let expected = 0
    for (let i = 0; i < labels.length; i++) {
      for (let j = 0; j < labels.length; j++) {
        const w = weight(i, j)
        if (w === 0) continue
        observed += w * table[labels[i] * K + labels[j]]
        expected += (w * rows[labels[i]] * cols[labels[j]]) / n
      }
    }
    const reason = 'chance agreement is 1 (both annotators used one and the same score)'
    if (!(expected > 0)) return nullStat(reason)
    return statOf(1 - observed / expected, reason)
  }
  return {
    n,
    unweighted: kappa((i, j) => (i === j ? 0 : 1)),
    linear: kappa((i, j) => Math.abs(i - j)),
    quadratic: kappa((i, j) => (i - j) ** 2),
  }
}

/** Cohen's κ of two label vectors (tests and small data). */
export function cohenKappa(a: ArrayLike<number>, b: ArrayLike<number>): { n: number; unweighted: Stat; linear: Stat; quadratic: Stat } {
  const values = [...new Set([...Array.from(a), ...Array.from(b)])].sort((x, y) => x - y)
  const index = new Map(values.map((v, i) => [v, i]))
  const K = values.length
  const table = new Float64Array(K * K)
  for (let i = 0; i < a.length; i++) table[index.get(a[i])! * K + index.get(b[i])!]++
  return cohenKappaFromTable(table, K)
}
