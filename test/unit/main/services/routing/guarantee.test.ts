import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { betaCdf, betaQuantile } from '../../../../../src/main/services/analytics/engine/betaDistribution'
import { generator } from '../../../../../src/main/services/analytics/engine/bootstrap'
import {
  clopperPearsonUpper,
  committeeProbabilities,
  consensusScore,
  expertCeilingAlpha,
  judgeConfidence,
  selectThreshold,
  type CalibrationPoint,
} from '../../../../../src/main/services/routing/guarantee'
import { repoRoot } from '../../../../helpers/cli'

/* eslint-disable @typescript-eslint/no-explicit-any */
const reference = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/fixtures/stats/beta/beta.json'), 'utf8'))

describe('exact binomial bounds (scipy beta)', () => {
  it('betaCdf and betaQuantile match scipy', () => {
    for (const c of reference.cdf) expect(betaCdf(c.x, c.a, c.b)).toBeCloseTo(c.cdf, 10)
    for (const q of reference.quantile) expect(betaQuantile(q.p, q.a, q.b)).toBeCloseTo(q.x, 10)
  })
  it('clopperPearsonUpper matches beta.ppf(1 − δ, e + 1, n − e)', () => {
    for (const c of reference.clopperPearsonUpper) expect(clopperPearsonUpper(c.errors, c.n, c.delta), JSON.stringify(c)).toBeCloseTo(c.upper, 9)
    expect(clopperPearsonUpper(0, 50, 0.05)).toBeCloseTo(1 - Math.pow(0.05, 1 / 50), 12)
    expect(clopperPearsonUpper(50, 50, 0.05)).toBe(1)
    expect(clopperPearsonUpper(0, 0, 0.05)).toBe(1)
  })
})

describe('selectThreshold (fixed-sequence testing)', () => {
  const points = (spec: [number, number, number][]): CalibrationPoint[] =>
    spec.flatMap(([confidence, right, wrong]) => [
      ...Array.from({ length: right }, () => ({ confidence, agrees: true })),
      ...Array.from({ length: wrong }, () => ({ confidence, agrees: false })),
    ])

  it('skips sparse thresholds, stops at the first failure and returns the lowest that passed', () => {
    const data = points([
      [0.99, 10, 0],
      [0.9, 90, 0],
      [0.8, 100, 2],
      [0.6, 100, 40],
    ])
    const result = selectThreshold(data, { alpha: 0.1, delta: 0.1, minItems: 50, grid: [0.6, 0.8, 0.9, 0.99, 1] })
    expect(result.tested.map((t) => t.lambda)).toEqual([1, 0.99, 0.9, 0.8, 0.6])
    expect(result.tested[0].skipped).toBe('few-items')
    expect(result.tested[1].skipped).toBe('few-items')
    expect(result.tested[2]).toMatchObject({ n: 100, errors: 0, passed: true })
    expect(result.tested[3]).toMatchObject({ n: 202, errors: 2, passed: true })
    expect(result.tested[4]).toMatchObject({ n: 342, errors: 42, passed: false })
    expect(result.lambda).toBe(0.8)
  })

  it('a failure stops the walk even when a lower threshold would pass again', () => {
    const data = points([
      [0.9, 60, 20],
      [0.5, 1000, 0],
    ])
    const result = selectThreshold(data, { alpha: 0.1, delta: 0.05, minItems: 50, grid: [0.9, 0.5] })
    expect(result.lambda).toBeNull()
    expect(result.tested).toHaveLength(1)
    expect(result.reason).toMatch(/exceeds α/)
  })

  it('too few calibration items accept nothing, with the reason', () => {
    const result = selectThreshold(points([[0.9, 20, 0]]), { alpha: 0.2, delta: 0.1, minItems: 50 })
    expect(result.lambda).toBeNull()
    expect(result.reason).toMatch(/only 20 calibration items/)
  })

  it('over 600 seeded repeats the accepted error rate exceeds α in at most δ of them (binomial tolerance)', () => {
    // a judge whose error probability on an item is (1 − confidence) · 0.8: known exactly, so the true error rate
    // above λ is computable; confidence uniform on [1/3, 1]
    const alpha = 0.1
    const delta = 0.1
    const trueErrorAbove = (lambda: number) => {
      // E[(1 − c) · 0.8 | c ≥ λ] for c ~ U(1/3, 1)
      const lo = Math.max(lambda, 1 / 3)
      return 0.8 * (1 - (lo + 1) / 2)
    }
    const random = generator(12)
    const repeats = 600
    let violations = 0
    let accepted = 0
    for (let r = 0; r < repeats; r++) {
      const data: CalibrationPoint[] = []
      for (let i = 0; i < 1000; i++) {
        const confidence = 1 / 3 + (2 / 3) * random()
        data.push({ confidence, agrees: random() >= (1 - confidence) * 0.8 })
      }
      const { lambda } = selectThreshold(data, { alpha, delta, minItems: 50 })
      if (lambda === null) continue
      accepted++
      if (trueErrorAbove(lambda) > alpha) violations++
    }
    expect(accepted).toBeGreaterThan(repeats * 0.9)
    const tolerance = 3 * Math.sqrt((delta * (1 - delta)) / repeats)
    expect(violations / repeats).toBeLessThanOrEqual(delta + tolerance)
    // and it is not trivially conservative: the threshold is often close to the boundary λ* = 0.75
    expect(violations).toBeGreaterThan(0)
  })
})

describe('confidence, consensus, ceiling, committee', () => {
  it('judgeConfidence: top probability or 1 − normalised entropy', () => {
    expect(judgeConfidence([0.2, 0.5, 0.3], 'top')).toBeCloseTo(0.5, 12)
    expect(judgeConfidence([1 / 3, 1 / 3, 1 / 3], 'entropy')).toBeCloseTo(0, 12)
    expect(judgeConfidence([0, 1, 0], 'entropy')).toBeCloseTo(1, 12)
    const p = [0.7, 0.2, 0.1]
    const h = -p.reduce((s, x) => s + x * Math.log(x), 0)
    expect(judgeConfidence(p, 'entropy')).toBeCloseTo(1 - h / Math.log(3), 12)
  })

  it('consensusScore rounds the mean half up to an allowed score', () => {
    expect(consensusScore([0, 1], [0, 1, 2])).toBe(1)
    expect(consensusScore([1, 2], [0, 1, 2])).toBe(2)
    expect(consensusScore([0, 0, 1], [0, 1, 2])).toBe(0)
    expect(consensusScore([0, 5], [0, 1, 5])).toBe(1)
  })

  it('expertCeilingAlpha: leave-one-out disagreement at its upper bound', () => {
    // two experts: each item either agrees (0 disagreement) or both disagree with the other (1)
    const items = [...Array.from({ length: 73 }, () => [1, 1]), ...Array.from({ length: 27 }, () => [0, 2])]
    expect(expertCeilingAlpha(items, [0, 1, 2], 0.1)).toBeCloseTo(clopperPearsonUpper(27, 100, 0.1), 12)
    // three experts [0, 1, 1]: expert 0 vs consensus of [1, 1] = 1 differs; experts 1, 2 vs [0, 1] → 1 agree: 1/3
    expect(expertCeilingAlpha([[0, 1, 1]], [0, 1, 2], 0.1)).toBeCloseTo(clopperPearsonUpper(1 / 3, 1, 0.1), 12)
    expect(expertCeilingAlpha([[1]], [0, 1, 2], 0.1)).toBeNaN()
  })

  it('committeeProbabilities are the vote shares', () => {
    expect(committeeProbabilities([2, 2, 1, 2], [0, 1, 2])).toEqual([0, 0.25, 0.75])
    expect(() => committeeProbabilities([3], [0, 1, 2])).toThrow(/not an allowed score/)
  })
})
