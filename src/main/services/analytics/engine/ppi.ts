import type { Stat } from '@shared/api/statsModels'
import { nullStat } from './stat'

/**
 * Prediction-powered mean estimates with power tuning (PPI++, Angelopoulos, Duchi & Zrnic 2023): the judge's
 * expected score f on every item, corrected by expert scores Y on a random sample.
 *
 * Uniform sample (no inclusion probabilities): labeled L (Y known), unlabeled U (the rest),
 *   θ̂(λ) = mean_L(Y − λ f) + λ · mean_U(f),   σ̂²(λ) = Var_L(Y − λ f)/n + λ² Var_U(f)/N_U.
 * With inclusion probabilities π_i (probabilistic routing, "Active Statistical Inference", Zrnic & Candès 2024),
 * over all N items with ξ_i = 1 when labeled:
 *   ψ_i(λ) = λ f_i + (Y_i − λ f_i) ξ_i / π_i,   θ̂ = mean ψ,   σ̂² = Var(ψ)/N.
 * In both, λ̂ minimises the estimated variance (a quadratic in λ), so σ̂²(λ̂) ≤ σ̂²(0), and λ = 0 is the expert-only
 * estimate from the same expert scores: the PPI interval is never wider than the expert-only one.
 */

export const Z95 = 1.959963984540054

export interface MeanEstimate extends Stat {
  /** Standard error (absent when undefined). */
  se?: number
}

export interface PpiEstimate {
  /** Items with an expert score (in the estimate's sample). */
  labeled: number
  /** Items with only the judge's expected score. */
  unlabeled: number
  /** The power-tuning weight of the judge (0: the judge is ignored). */
  lambda: number
  ppi: MeanEstimate
  expertOnly: MeanEstimate
  /** PPI interval width / expert-only interval width. */
  widthRatio: Stat
}

export interface PpiOptions {
  /** Per item probability of being sent to experts (weighted mode); absent: a uniform random sample. */
  inclusion?: Float64Array
  /** Normal quantile of the interval (default 95 %). */
  z?: number
}

const FEW = 'fewer than 2 expert-scored items'

function estimate(value: number, variance: number, z: number): MeanEstimate {
  if (!Number.isFinite(value)) return nullStat(FEW)
  const se = Math.sqrt(Math.max(0, variance))
  return { value, se, ci: [value - z * se, value + z * se] }
}

function widthRatio(ppi: MeanEstimate, expertOnly: MeanEstimate): Stat {
  if (ppi.se === undefined || expertOnly.se === undefined) return nullStat(FEW)
  if (!(expertOnly.se > 0)) return nullStat('the expert-only interval has zero width (all expert scores equal)')
  return { value: ppi.se / expertOnly.se }
}

/**
 * `judge[i]`: the judge's expected score on item i (finite); `expert[i]`: the expert score (mean of the experts)
 * or NaN when item i has none.
 */
export function ppiMean(judge: Float64Array, expert: Float64Array, options: PpiOptions = {}): PpiEstimate {
  const z = options.z ?? Z95
  return options.inclusion ? weighted(judge, expert, options.inclusion, z) : uniform(judge, expert, z)
}

function uniform(f: Float64Array, y: Float64Array, z: number): PpiEstimate {
  const N = f.length
  let n = 0
  let sy = 0
  let sf = 0
  let nu = 0
  let su = 0
  for (let i = 0; i < N; i++) {
    if (Number.isNaN(y[i])) {
      nu++
      su += f[i]
    } else {
      n++
      sy += y[i]
      sf += f[i]
    }
  }
  if (n < 2) {
    const none = nullStat(FEW)
    return { labeled: n, unlabeled: nu, lambda: 0, ppi: none, expertOnly: none, widthRatio: none }
  }
  const my = sy / n
  const mf = sf / n
  const mu = nu > 0 ? su / nu : 0
  let vyy = 0
  let vff = 0
  let vyf = 0
  let vuu = 0
  for (let i = 0; i < N; i++) {
    if (Number.isNaN(y[i])) {
      vuu += (f[i] - mu) ** 2
    } else {
      vyy += (y[i] - my) ** 2
      vff += (f[i] - mf) ** 2
      vyf += (y[i] - my) * (f[i] - mf)
    }
  }
  vyy /= n - 1
  vff /= n - 1
  vyf /= n - 1
  vuu = nu > 1 ? vuu / (nu - 1) : 0
  const expertOnly = estimate(my, vyy / n, z)
  if (nu === 0) return { labeled: n, unlabeled: 0, lambda: 0, ppi: expertOnly, expertOnly, widthRatio: widthRatio(expertOnly, expertOnly) }
  const denominator = vff / n + vuu / nu
  const lambda = denominator > 0 ? vyf / n / denominator : 0
  const value = my - lambda * mf + lambda * mu
  const variance = (vyy - 2 * lambda * vyf + lambda * lambda * vff) / n + (lambda * lambda * vuu) / nu
  const ppi = estimate(value, variance, z)
  return { labeled: n, unlabeled: nu, lambda, ppi, expertOnly, widthRatio: widthRatio(ppi, expertOnly) }
}

function weighted(f: Float64Array, y: Float64Array, pi: Float64Array, z: number): PpiEstimate {
  const N = f.length
  // ψ = A + λ B with A = ξ Y / π, B = f (1 − ξ / π)
  const a = new Float64Array(N)
  const b = new Float64Array(N)
  let n = 0
  for (let i = 0; i < N; i++) {
    const labeled = !Number.isNaN(y[i])
    if (labeled) n++
    const w = labeled ? 1 / pi[i] : 0
    a[i] = labeled ? y[i] * w : 0
    b[i] = f[i] * (1 - w)
  }
  if (n < 2 || N < 2) {
    const none = nullStat(FEW)
    return { labeled: n, unlabeled: N - n, lambda: 0, ppi: none, expertOnly: none, widthRatio: none }
  }
  let ma = 0
  let mb = 0
  for (let i = 0; i < N; i++) {
    ma += a[i]
    mb += b[i]
  }
  ma /= N
  mb /= N
  let vaa = 0
  let vbb = 0
  let vab = 0
  for (let i = 0; i < N; i++) {
    vaa += (a[i] - ma) ** 2
    vbb += (b[i] - mb) ** 2
    vab += (a[i] - ma) * (b[i] - mb)
  }
  vaa /= N - 1
  vbb /= N - 1
  vab /= N - 1
  const lambda = vbb > 0 ? -vab / vbb : 0
  const expertOnly = estimate(ma, vaa / N, z)
  const ppi = estimate(ma + lambda * mb, (vaa + 2 * lambda * vab + lambda * lambda * vbb) / N, z)
  return { labeled: n, unlabeled: N - n, lambda, ppi, expertOnly, widthRatio: widthRatio(ppi, expertOnly) }
}

/**
 * Answer-level units for a per-model estimate over several criteria: each answer's mean judge score and mean expert
 * score over its items; an answer is labeled only when every one of its items is.
 */
export function answerUnits(
  judge: Float64Array,
  expert: Float64Array,
  answer: Int32Array,
  inclusion?: Float64Array,
): { judge: Float64Array; expert: Float64Array; inclusion?: Float64Array } {
  const index = new Map<number, number>()
  const sf: number[] = []
  const sy: number[] = []
  const count: number[] = []
  const missing: number[] = []
  const pi: number[] = []
  for (let i = 0; i < judge.length; i++) {
    let u = index.get(answer[i])
    if (u === undefined) {
      u = sf.length
      index.set(answer[i], u)
      sf.push(0)
      sy.push(0)
      count.push(0)
      missing.push(0)
      pi.push(inclusion ? inclusion[i] : 1)
    }
    sf[u] += judge[i]
    count[u]++
    if (Number.isNaN(expert[i])) missing[u]++
    else sy[u] += expert[i]
  }
  return {
    judge: Float64Array.from(sf, (s, u) => s / count[u]),
    expert: Float64Array.from(sy, (s, u) => (missing[u] ? Number.NaN : s / count[u])),
    inclusion: inclusion ? Float64Array.from(pi) : undefined,
  }
}
