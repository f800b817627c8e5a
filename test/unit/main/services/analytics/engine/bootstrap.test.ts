import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { binomial, generator, intervals, percentile } from '../../../../../../src/main/services/analytics/engine/bootstrap'
import { agreementOf, computeStats, runResamples, slotsPerResample, tableFromMatrix } from '../../../../../../src/main/services/analytics/engine'
import { repoRoot } from '../../../../../helpers/cli'

const reference = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/fixtures/stats/reference.json'), 'utf8'))

function logFact(n: number) {
  const out = new Float64Array(n + 1)
  for (let k = 2; k <= n; k++) out[k] = out[k - 1] + Math.log(k)
  return out
}

describe('the exact binomial sampler', () => {
  for (const [n, p] of [
    [40, 0.1],
    [1000, 0.3],
    [600_000, 0.25],
    [500, 0.9],
  ] as const) {
    it(`draws Binomial(${n}, ${p}) with its mean and variance`, () => {
      const random = generator(42)
      const table = logFact(n)
      const draws = 40_000
      let sum = 0
      let sq = 0
      for (let d = 0; d < draws; d++) {
        const k = binomial(n, p, random, table)
        expect(k).toBeGreaterThanOrEqual(0)
        expect(k).toBeLessThanOrEqual(n)
        sum += k
        sq += k * k
      }
      const mean = sum / draws
      const variance = sq / draws - mean * mean
      const sd = Math.sqrt(n * p * (1 - p))
      expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(draws))
      expect(Math.abs(variance / (n * p * (1 - p)) - 1)).toBeLessThan(0.05)
    })
  }

  it('matches the binomial probabilities in the rejection regime', () => {
    const n = 60
    const p = 0.4
    const random = generator(7)
    const table = logFact(n)
    const freq = new Float64Array(n + 1)
    const draws = 100_000
    for (let d = 0; d < draws; d++) freq[binomial(n, p, random, table)]++
    for (let k = 15; k <= 33; k++) {
      const pmf = Math.exp(table[n] - table[k] - table[n - k] + k * Math.log(p) + (n - k) * Math.log(1 - p))
      expect(Math.abs(freq[k] / draws - pmf)).toBeLessThan(5 * Math.sqrt(pmf / draws) + 1e-4)
    }
  })
})

describe('the bootstrap intervals', () => {
  it('agree with naive item resampling (redrawing the units of the matrix)', () => {
    const matrix = (reference.matrices.missing3.matrix as (number | null)[][]).map((row) => row.map((v) => (v === null ? Number.NaN : v)))
    const n = matrix.length
    const items: number[] = []
    const raters: number[] = []
    const values: number[] = []
    matrix.forEach((row, i) => row.forEach((v, r) => !Number.isNaN(v) && (items.push(i), raters.push(r), values.push(v))))
    const bootstrap = computeStats({
      itemCount: n,
      itemId: Int32Array.from({ length: n }, (_, i) => i + 1),
      itemCriterion: new Int32Array(n),
      itemModel: new Int32Array(n),
      itemInstruction: new Int32Array(n),
      itemTask: new Int32Array(n),
      itemDifficulty: new Int32Array(n),
      criterionIds: [1],
      criterionNames: ['c'],
      criterionLevels: [null],
      modelNames: ['m'],
      instructionNames: ['q'],
      taskNames: ['t'],
      difficultyNames: ['d'],
      annotatorNames: ['a', 'b', 'c', 'd', 'e'],
      annotatorRoles: Array(5).fill('annotator'),
      annotatorNotApplicable: new Int32Array(5),
      scores: { item: Int32Array.from(items), rater: Int32Array.from(raters), value: Float64Array.from(values), timeMs: new Float64Array(values.length).fill(Number.NaN), length: values.length },
      judges: [],
    }).bootstrapJob()
    const R = 2000
    const figures = runResamples(bootstrap, 0, R)
    const ours = intervals(figures, slotsPerResample(bootstrap))[2]! // α nominal, overall
    const random = generator(99)
    const naive = new Float64Array(R)
    for (let r = 0; r < R; r++) {
      const sample = Array.from({ length: n }, () => matrix[Math.floor(random() * n)])
      naive[r] = agreementOf(tableFromMatrix(sample)).krippendorffAlpha.nominal.value ?? Number.NaN
    }
    naive.sort()
    expect(Math.abs(ours[0] - percentile(naive, 2.5))).toBeLessThan(0.03)
    expect(Math.abs(ours[1] - percentile(naive, 97.5))).toBeLessThan(0.03)
  })
})
