import { describe, expect, it } from 'vitest'
import { activeTimes } from '../../../../../../src/main/services/analytics/engine/activeTimes'

function random(seed: number): () => number {
  let state = seed
  return () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
}

/** numpy.quantile's linear interpolation, by sorting. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const pos = q * (sorted.length - 1)
  const lo = Math.floor(pos)
  return sorted[lo] + (sorted[Math.min(sorted.length - 1, lo + 1)] - sorted[lo]) * (pos - lo)
}

function naive(values: number[]) {
  if (!values.length) return null
  return { n: values.length, meanMs: values.reduce((a, b) => a + b, 0) / values.length, medianMs: quantile(values, 0.5), p90Ms: quantile(values, 0.9) }
}

/** 30,000 scores of 7 annotators on 900 items of 4 criteria; a fifth without a time; times from `time`. */
function scores(time: (next: () => number) => number) {
  const next = random(4)
  const length = 30_000
  const item = Int32Array.from({ length }, () => Math.floor(next() * 900))
  const rater = Int32Array.from({ length }, () => Math.floor(next() * 6)) // annotator 6 has no score
  const timeMs = Float64Array.from({ length }, () => (next() < 0.2 ? Number.NaN : time(next)))
  const itemCriterion = Int32Array.from({ length: 900 }, (_, i) => i % 4)
  return { scores: { item, rater, value: new Float64Array(length), timeMs, length }, itemCriterion }
}

function expectNaive(shape: string, time: (next: () => number) => number) {
  const { scores: s, itemCriterion } = scores(time)
  const result = activeTimes(s, itemCriterion, 7, 5)
  const timed = Array.from(s.timeMs.keys()).filter((r) => !Number.isNaN(s.timeMs[r]))
  const group = (key: (r: number) => number, groups: number) => Array.from({ length: groups }, (_, g) => naive(timed.filter((r) => key(r) === g).map((r) => s.timeMs[r])))
  const close = (actual: unknown, expected: ReturnType<typeof naive>, label: string) => {
    if (expected === null) return expect(actual, label).toBeUndefined()
    const a = actual as NonNullable<ReturnType<typeof naive>>
    expect(a.n, label).toBe(expected.n)
    expect(a.medianMs, label).toBe(expected.medianMs)
    expect(a.p90Ms, label).toBe(expected.p90Ms)
    expect(a.meanMs!, label).toBeCloseTo(expected.meanMs, 6)
  }
  close(result.overall, naive(timed.map((r) => s.timeMs[r])), `${shape} overall`)
  group((r) => s.rater[r], 7).forEach((expected, a) => close(result.byAnnotator[a], expected, `${shape} annotator ${a}`))
  group((r) => itemCriterion[s.item[r]], 5).forEach((expected, c) => close(result.byCriterion[c], expected, `${shape} criterion ${c}`))
  const edges = [0, 5_000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000]
  const bins = edges.map(() => 0)
  for (const r of timed) bins[Math.max(0, edges.findLastIndex((edge) => s.timeMs[r] >= edge))]++
  expect(result.histogram, shape).toEqual({ edgesMs: edges, counts: bins })
}

describe('active times', () => {
  it('give every group the median, 90th percentile and mean that sorting gives', () => {
    expectNaive('uniform seconds', (next) => 1000 + Math.floor(next() * 299_000))
    expectNaive('long tail', (next) => Math.floor(200 * Math.exp(next() * 15)))
    expectNaive('few values', (next) => [0, 4000, 4000, 60_000][Math.floor(next() * 4)])
    expectNaive('fractions', (next) => next() * 10)
  })

  it('order negative and infinite times as numbers too (their keys flip the sign bit, or every bit), with the same figures', () => {
    expectNaive('negative', (next) => next() * 20_000 - 1000)
    expectNaive('infinite', (next) => (next() < 0.01 ? Number.POSITIVE_INFINITY : Math.floor(next() * 50_000)))
  })
})
