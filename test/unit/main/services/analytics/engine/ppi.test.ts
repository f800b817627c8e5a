import { describe, expect, it } from 'vitest'
import { generator } from '../../../../../../src/main/services/analytics/engine/bootstrap'
import { answerUnits, ppiMean } from '../../../../../../src/main/services/analytics/engine/ppi'

/**
 * Synthetic superpopulation with a known mean: true score T ∈ {0, 1, 2} (0.2, 0.5, 0.3); the expert value is the mean
 * of two experts each right 85 % of the time (else one of the two other scores); E[Y] = 1.0775 exactly.
 */
const TRUE_MEAN = 0.2 * 0.225 + 0.5 * 1 + 0.3 * 1.775

function population(random: () => number, N: number, judge: 'good' | 'noise') {
  const y = new Float64Array(N)
  const f = new Float64Array(N)
  const expertScore = (t: number) => (random() < 0.85 ? t : [0, 1, 2].filter((s) => s !== t)[random() < 0.5 ? 0 : 1])
  for (let i = 0; i < N; i++) {
    const u = random()
    const t = u < 0.2 ? 0 : u < 0.7 ? 1 : 2
    y[i] = (expertScore(t) + expertScore(t)) / 2
    // a biased but informative judge, or pure noise
    f[i] = judge === 'good' ? 0.3 + 0.8 * t + 0.4 * (random() - 0.5) : 2 * random()
  }
  return { y, f }
}

function sampleUniform(random: () => number, y: Float64Array, n: number): Float64Array {
  const N = y.length
  const order = Array.from({ length: N }, (_, i) => i)
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (N - i))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  const out = new Float64Array(N).fill(Number.NaN)
  for (let i = 0; i < n; i++) out[order[i]] = y[order[i]]
  return out
}

const REPEATS = 600
const tolerance = 3 * Math.sqrt((0.95 * 0.05) / REPEATS)

function summarise(results: { value: number; lo: number; hi: number; ratio: number }[]) {
  const covered = results.filter((r) => r.lo <= TRUE_MEAN && TRUE_MEAN <= r.hi).length / results.length
  const mean = results.reduce((s, r) => s + r.value, 0) / results.length
  const sd = Math.sqrt(results.reduce((s, r) => s + (r.value - mean) ** 2, 0) / (results.length - 1))
  const ratios = results.map((r) => r.ratio).sort((a, b) => a - b)
  return { covered, mean, sd, medianRatio: ratios[Math.floor(ratios.length / 2)], maxRatio: ratios[ratios.length - 1] }
}

describe('PPI++ mean estimates', () => {
  it('uniform sample, informative biased judge: unbiased, ~95 % coverage, narrower than expert-only', () => {
    const random = generator(5)
    const results = []
    for (let r = 0; r < REPEATS; r++) {
      const { y, f } = population(random, 1000, 'good')
      const e = ppiMean(f, sampleUniform(random, y, 100))
      results.push({ value: e.ppi.value!, lo: e.ppi.ci![0], hi: e.ppi.ci![1], ratio: e.widthRatio.value! })
    }
    const s = summarise(results)
    expect(Math.abs(s.covered - 0.95)).toBeLessThanOrEqual(tolerance)
    expect(Math.abs(s.mean - TRUE_MEAN)).toBeLessThan((4 * s.sd) / Math.sqrt(REPEATS))
    expect(s.medianRatio).toBeLessThan(0.8)
    expect(s.maxRatio).toBeLessThanOrEqual(1 + 1e-12)
  })

  it('a pure-noise judge: the interval is never wider than expert-only, and still covers', () => {
    const random = generator(6)
    const results = []
    for (let r = 0; r < REPEATS; r++) {
      const { y, f } = population(random, 1000, 'noise')
      const e = ppiMean(f, sampleUniform(random, y, 100))
      results.push({ value: e.ppi.value!, lo: e.ppi.ci![0], hi: e.ppi.ci![1], ratio: e.widthRatio.value! })
    }
    const s = summarise(results)
    expect(s.maxRatio).toBeLessThanOrEqual(1 + 1e-12)
    expect(s.medianRatio).toBeGreaterThan(0.97)
    expect(Math.abs(s.covered - 0.95)).toBeLessThanOrEqual(tolerance + 0.01)
  })

  it('probabilistic routing with inverse-probability weights: unbiased and covering although π depends on the judge', () => {
    const random = generator(7)
    const results = []
    for (let r = 0; r < REPEATS; r++) {
      const { y, f } = population(random, 1000, 'good')
      // the judge's "uncertain" middle gets experts more often; every item keeps π ≥ 0.05
      const pi = Float64Array.from(f, (v) => (Math.abs(v - 1.1) < 0.4 ? 0.3 : 0.05))
      const labeled = Float64Array.from(y, (v, i) => (random() < pi[i] ? v : Number.NaN))
      const e = ppiMean(f, labeled, { inclusion: pi })
      results.push({ value: e.ppi.value!, lo: e.ppi.ci![0], hi: e.ppi.ci![1], ratio: e.widthRatio.value! })
    }
    const s = summarise(results)
    expect(Math.abs(s.mean - TRUE_MEAN)).toBeLessThan((4 * s.sd) / Math.sqrt(REPEATS))
    expect(Math.abs(s.covered - 0.95)).toBeLessThanOrEqual(tolerance + 0.01)
    expect(s.maxRatio).toBeLessThanOrEqual(1 + 1e-12)
  })

  it('the unweighted labeled mean is biased under the same routing (the weights are needed)', () => {
    const random = generator(7)
    let sum = 0
    for (let r = 0; r < 200; r++) {
      const { y, f } = population(random, 1000, 'good')
      let s = 0
      let n = 0
      f.forEach((v, i) => {
        if (random() < (Math.abs(v - 1.1) < 0.4 ? 0.3 : 0.05)) {
          s += y[i]
          n++
        }
      })
      sum += s / n
    }
    expect(Math.abs(sum / 200 - TRUE_MEAN)).toBeGreaterThan(0.05)
  })

  it('fewer than 2 labeled items: null with a reason; no unlabeled items: PPI = expert-only', () => {
    const none = ppiMean(Float64Array.from([1, 2, 3]), Float64Array.from([1, Number.NaN, Number.NaN]))
    expect(none.ppi).toEqual({ value: null, reason: 'fewer than 2 expert-scored items' })
    const all = ppiMean(Float64Array.from([1, 2, 3]), Float64Array.from([1, 2, 2]))
    expect(all.ppi).toEqual(all.expertOnly)
    expect(all.expertOnly.value).toBeCloseTo(5 / 3, 12)
    expect(all.lambda).toBe(0)
  })

  it('answerUnits: per-answer means, labeled only when every item is', () => {
    const u = answerUnits(Float64Array.from([1, 2, 0, 1]), Float64Array.from([1, 1, 0, Number.NaN]), Int32Array.from([7, 7, 9, 9]))
    expect([...u.judge]).toEqual([1.5, 0.5])
    expect(u.expert[0]).toBe(1)
    expect(u.expert[1]).toBeNaN()
  })
})
