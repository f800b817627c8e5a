import { compareMeasures, type Triples } from './compare'
import { patternFigures, type Patterns } from './agreement'
import { statNumber } from './stat'
import { BOOTSTRAPPED_AGREEMENT, BOOTSTRAPPED_COMPARE } from '@shared/api/statsMeasures'
import type { AgreementCore } from '@shared/api/statsModels'

/**
 * The seeded bootstrap over items, I/O-free so it runs in worker threads (analytics/bootstrapWorker.ts).
 * Each family maps an item to a slot of its weight vector (a pattern of a group, or a judge's triple); a resample
 * is a new weight vector and the figures are recomputed from it. Resample r has its own seeds, so the result does
 * not depend on how resamples are split between threads.
 */
export type Family =
  | { kind: 'agreement'; itemCode: Int32Array; groups: number; patterns: Patterns }
  | { kind: 'compare'; itemCode: Int32Array; triples: Triples; judge: string; grouping: 'overall' | 'criterion' }

export interface BootstrapJob {
  seed: number
  /** The items resampled (the length of every itemCode). */
  items: number
  families: Family[]
}

/** Figures per resample: Σ over families of groups × fields. */
export function slotsPerResample(job: BootstrapJob): number {
  let s = 0
  for (const f of job.families) s += f.kind === 'agreement' ? f.groups * BOOTSTRAPPED_AGREEMENT.length : f.triples.byGroup.length * BOOTSTRAPPED_COMPARE.length
  return s
}

/** A 32-bit mix of the seed, the resample index and the family index. */
function resampleSeed(seed: number, r: number, f: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(r + 1, 0xc2b2ae35) ^ Math.imul(f + 1, 0x27d4eb2f)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
export function generator(seed: number): () => number {
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** log k! for k = 0..n. */
export function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1)
  for (let k = 2; k <= n; k++) out[k] = out[k - 1] + Math.log(k)
  return out
}

/**
 * An exact Binomial(n, p) draw: inversion when n·min(p, 1−p) < 10, otherwise Hörmann's BTRS (transformed
 * rejection with squeeze, 1993) with an exact log-factorial table.
 */
export function binomial(n: number, p: number, random: () => number, logFact: Float64Array): number {
  if (n <= 0 || p <= 0) return 0
  if (p >= 1) return n
  if (p > 0.5) return n - binomial(n, 1 - p, random, logFact)
  const q = 1 - p
  if (n * p < 10) {
    const s = p / q
    const a = (n + 1) * s
    for (;;) {
      let r = Math.exp(n * Math.log(q))
      let u = random()
      let x = 0
      while (u > r) {
        u -= r
        x++
        if (x > n) break
        r *= a / x - s
      }
      if (x <= n) return x
    }
  }
  const spq = Math.sqrt(n * p * q)
  const b = 1.15 + 2.53 * spq
  const a = -0.0873 + 0.0248 * b + 0.01 * p
  const c = n * p + 0.5
  const vr = 0.92 - 4.2 / b
  const alpha = (2.83 + 5.1 / b) * spq
  const lpq = Math.log(p / q)
  const m = Math.floor((n + 1) * p)
  const h = logFact[m] + logFact[n - m]
  for (;;) {
    const u = random() - 0.5
    let v = random()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + c)
    if (k < 0 || k > n) continue
    if (us >= 0.07 && v <= vr) return k
    v = Math.log((v * alpha) / (a / (us * us) + b))
    if (v <= h - logFact[k] - logFact[n - k] + (k - m) * lpq) return k
  }
}

/**
 * Runs resamples [from, to): returns (to − from) × slots figures, NaN where undefined.
 *
 * Resampling N items with replacement gives each family's weight vector (items per slot) a Multinomial(N, share of
 * each slot) distribution, so each family's weights are drawn directly from that multinomial (sequential exact
 * binomials), in O(slots) instead of O(N) per resample: the same distribution as redrawing the items, drawn
 * independently per family (the intervals are per figure). Resample r of family f is seeded by (seed, r, f).
 */
export function runResamples(job: BootstrapJob, from: number, to: number): Float64Array {
  const slots = slotsPerResample(job)
  const out = new Float64Array(Math.max(0, to - from) * slots)
  const N = job.items
  const logFact = logFactorials(N)
  const weights = job.families.map((f) => new Float64Array(f.kind === 'agreement' ? f.groups * f.patterns.P : f.triples.count.length))
  // observed items per slot, and the slots in use
  const shares = job.families.map((family, f) => {
    const counts = new Float64Array(weights[f].length)
    for (let i = 0; i < N; i++) {
      const code = family.itemCode[i]
      if (code >= 0) counts[code]++
    }
    const used: number[] = []
    counts.forEach((c, code) => c > 0 && used.push(code))
    return { counts, used: Int32Array.from(used) }
  })
  for (let r = from; r < to; r++) {
    job.families.forEach((_, f) => {
      const w = weights[f]
      w.fill(0)
      const random = generator(resampleSeed(job.seed, r, f))
      const { counts, used } = shares[f]
      let remaining = N
      let mass = N
      for (const code of used) {
        if (remaining === 0) break
        const k = binomial(remaining, Math.min(1, counts[code] / mass), random, logFact)
        w[code] = k
        remaining -= k
        mass -= counts[code]
      }
    })
    let at = (r - from) * slots
    job.families.forEach((family, f) => {
      if (family.kind === 'agreement') {
        for (let g = 0; g < family.groups; g++) {
          const fig = patternFigures(family.patterns, weights[f], g * family.patterns.P)
          // the bootstrapped agreement measures read only pattern figures (not the complete-case ICC)
          for (const m of BOOTSTRAPPED_AGREEMENT) out[at++] = statNumber(m.pick(fig as AgreementCore))
        }
      } else {
        for (let g = 0; g < family.triples.byGroup.length; g++) {
          const m = compareMeasures(family.triples, g, weights[f])
          for (const measure of BOOTSTRAPPED_COMPARE) out[at++] = statNumber(measure.pick(m))
        }
      }
    })
  }
  return out
}

/** numpy.percentile's default (linear) on the defined values; null when none is defined. */
export function percentile(sorted: Float64Array, q: number): number {
  const pos = (q / 100) * (sorted.length - 1)
  const lo = Math.floor(pos)
  const hi = Math.min(sorted.length - 1, lo + 1)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

/** 95 % percentile intervals per slot from all resamples' figures (resamples × slots). */
export function intervals(figures: Float64Array, slots: number, level = 0.95): ([number, number] | null)[] {
  const resamples = figures.length / slots
  const out: ([number, number] | null)[] = []
  const column = new Float64Array(resamples)
  for (let s = 0; s < slots; s++) {
    let k = 0
    for (let r = 0; r < resamples; r++) {
      const v = figures[r * slots + s]
      if (!Number.isNaN(v)) column[k++] = v
    }
    if (k === 0) {
      out.push(null)
      continue
    }
    const defined = column.slice(0, k).sort()
    const tail = ((1 - level) / 2) * 100
    out.push([percentile(defined, tail), percentile(defined, 100 - tail)])
  }
  return out
}
