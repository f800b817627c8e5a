import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Stat } from '@shared/api/statsModels'
import {
  agreementOf,
  buildTriples,
  calibration,
  cohenKappa,
  compareMeasures,
  confusion,
  intervals,
  kendallTauB,
  pearson,
  roundHalfUp,
  runResamples,
  slotsPerResample,
  spearman,
  tableFromMatrix,
} from '../../../../../../src/main/services/analytics/engine'
import { repoRoot } from '../../../../../helpers/cli'

/* eslint-disable @typescript-eslint/no-explicit-any */
const reference = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/fixtures/stats/reference.json'), 'utf8'))

const matrix = (rows: (number | null)[][]) => rows.map((row) => row.map((v) => (v === null ? Number.NaN : v)))

/** A Stat equals a reference value (null = undefined, which must carry a reason) to 1e-6. */
function expectStat(stat: Stat, expected: number | null, label = '') {
  if (expected === null) {
    expect(stat.value, label).toBeNull()
    expect(stat.reason, label).toMatch(/\w/)
  } else {
    expect(stat.value, label).not.toBeNull()
    expect(Math.abs(stat.value! - expected), `${label}: ${stat.value} vs ${expected}`).toBeLessThan(1e-6)
  }
}

function expectAgreement(actual: ReturnType<typeof agreementOf>, expected: any) {
  expect(actual.items).toBe(expected.items)
  expect(actual.annotations).toBe(expected.annotations)
  expectStat(actual.verdictConfidence, expected.verdictConfidence, 'verdict confidence')
  expectStat(actual.percentAgreement, expected.percentAgreement, 'percent agreement')
  expectStat(actual.krippendorffAlpha.nominal, expected.alphaNominal, 'α nominal')
  expectStat(actual.krippendorffAlpha.ordinal, expected.alphaOrdinal, 'α ordinal')
  expectStat(actual.krippendorffAlpha.interval, expected.alphaInterval, 'α interval')
  expectStat(actual.fleissKappa, expected.fleissKappa, 'Fleiss')
  expectStat(actual.gwetAC1, expected.gwetAC1, 'AC1')
  expectStat(actual.gwetAC2, expected.gwetAC2, 'AC2')
  expectStat(actual.icc.icc21, expected.icc21, 'ICC(2,1)')
  expectStat(actual.icc.icc2k, expected.icc2k, 'ICC(2,k)')
  expect(actual.icc.raters).toBe(expected.iccRaters)
  expect(actual.icc.items).toBe(expected.iccItems)
  expect(actual.pairwise.map((p) => [p.a, p.b, p.n])).toEqual(expected.pairwise.map((p: any) => [p.a, p.b, p.n]))
  actual.pairwise.forEach((pair, k) => {
    expectStat(pair.unweighted, expected.pairwise[k].unweighted, `κ ${pair.a}-${pair.b}`)
    expectStat(pair.linear, expected.pairwise[k].linear, `κ linear ${pair.a}-${pair.b}`)
    expectStat(pair.quadratic, expected.pairwise[k].quadratic, `κ quadratic ${pair.a}-${pair.b}`)
  })
}

describe('the published examples', () => {
  it("gives Krippendorff's 2011 reliability data α 0.743 / 0.815 / 0.849", () => {
    const a = agreementOf(tableFromMatrix(matrix(reference.published.krippendorff.matrix)))
    expect(a.krippendorffAlpha.nominal.value!.toFixed(3)).toBe('0.743')
    expect(a.krippendorffAlpha.ordinal.value!.toFixed(3)).toBe('0.815')
    expect(a.krippendorffAlpha.interval.value!.toFixed(3)).toBe('0.849')
    expectAgreement(a, reference.published.krippendorff)
  })

  it("gives Fleiss' 1971 example κ 0.20993", () => {
    const counts: number[][] = reference.published.fleiss.counts
    // expand category counts into 10 subjects × 14 raters
    const rows = counts.map((c) => c.flatMap((n, category) => Array<number>(n).fill(category + 1)))
    const a = agreementOf(tableFromMatrix(rows))
    expect(a.fleissKappa.value!.toFixed(5)).toBe('0.20993')
    expectStat(a.fleissKappa, reference.published.fleiss.kappa)
  })

  it("gives Kendall's τ-b of [12, 2, 1, 12, 2] vs [1, 4, 7, 1, 0] as −0.47140452079103173", () => {
    const tau = kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])
    expect(Math.abs(tau.value! - -0.47140452079103173)).toBeLessThan(1e-15)
  })

  it('gives Shrout & Fleiss (1979) ICC(2,1) 0.29 and ICC(2,k) 0.62', () => {
    const a = agreementOf(tableFromMatrix(reference.published.shroutFleiss.matrix))
    expect(a.icc.icc21.value!.toFixed(2)).toBe('0.29')
    expect(a.icc.icc2k.value!.toFixed(2)).toBe('0.62')
    expectAgreement(a, reference.published.shroutFleiss)
  })
})

describe('agreement against the numpy/sklearn reference', () => {
  for (const name of ['missing3', 'equal5', 'uneven', 'constant']) {
    it(`matches every coefficient on the ${name} matrix to 1e-6`, () => {
      expectAgreement(agreementOf(tableFromMatrix(matrix(reference.matrices[name].matrix))), reference.matrices[name])
    })
  }
})

describe('undefined cases', () => {
  it('returns null with a reason when each item has one rater', () => {
    const a = agreementOf(tableFromMatrix([[1, Number.NaN], [Number.NaN, 2]]))
    expect(a.items).toBe(0)
    for (const s of [a.verdictConfidence, a.percentAgreement, a.krippendorffAlpha.nominal, a.fleissKappa, a.gwetAC1, a.icc.icc21]) {
      expect(s.value).toBeNull()
      expect(s.reason).toMatch(/\w/)
    }
  })

  it('returns null with a reason for ICC when every score is the same, whatever the rounding', () => {
    // 0.1 and 0.7 are not exact in binary: sum² / N and the sum of squares differ by rounding noise, not zero.
    for (const value of [0.1, 0.7, 2]) {
      const a = agreementOf(tableFromMatrix(Array.from({ length: 7 }, () => [value, value, value])))
      expect(a.icc.icc21).toEqual({ value: null, reason: 'no variance among the scores of the complete items' })
      expect(a.icc.icc2k).toEqual({ value: null, reason: 'no variance among the scores of the complete items' })
    }
  })

  it('returns null with a reason for Fleiss when rater counts differ', () => {
    const a = agreementOf(tableFromMatrix([[1, 1, 2], [2, 2, Number.NaN], [1, 2, 2]]))
    expect(a.fleissKappa.value).toBeNull()
    expect(a.fleissKappa.reason).toMatch(/unequal numbers of scores \(2 to 3\)/)
    expect(a.krippendorffAlpha.nominal.value).not.toBeNull()
  })

  it('returns null with a reason for correlations of a constant vector and for fewer than 2 pairs', () => {
    for (const s of [spearman([1, 2, 3], [2, 2, 2]), kendallTauB([1, 2, 3], [2, 2, 2]), pearson([1, 2, 3], [2, 2, 2])]) {
      expect(s).toEqual({ value: null, reason: 'one of the two score vectors is constant' })
    }
    expect(pearson([1], [1])).toEqual({ value: null, reason: 'fewer than 2 pairs' })
    expect(cohenKappa([1, 1], [1, 1]).unweighted.value).toBeNull()
  })

  it('never lets NaN or Infinity out (the whole undefined report serialises to numbers and nulls)', () => {
    const a = agreementOf(tableFromMatrix([[2, 2], [2, 2]]))
    const text = JSON.stringify(a)
    expect(text).not.toMatch(/NaN|Infinity/)
    expect(a.krippendorffAlpha.interval.value).toBeNull()
    expect(a.icc.icc21.value).toBeNull()
    const t = buildTriples(new Float64Array(0), new Float64Array(0), new Float64Array(0), new Int32Array(0), 1)
    const m = compareMeasures(t, 0)
    expect(m.n).toBe(0)
    expect(m.spearman.value).toBeNull()
    expect(calibration(new Float64Array(0), new Uint8Array(0)).ece).toEqual({ value: null, reason: 'no judgment stored score probabilities' })
  })
})

describe('judge measures against scipy/sklearn', () => {
  it('matches spearman, τ-b, pearson, MAE, RMSE, accuracy, macro-F1 and the confusion matrix with ties', () => {
    const c = reference.comparisons.ties
    const ref = Float64Array.from(c.ref)
    const pred = Float64Array.from(c.pred)
    const allowed = Float64Array.from(c.allowed)
    const rounded = ref.map((v) => roundHalfUp(v, allowed))
    const t = buildTriples(pred, ref, rounded, new Int32Array(ref.length), 1)
    expect(t.count.length).toBeLessThan(ref.length) // counted on distinct triples
    const m = compareMeasures(t, 0)
    expect(m.n).toBe(c.n)
    for (const key of ['spearman', 'kendallTauB', 'pearson', 'mae', 'rmse', 'accuracy', 'macroF1'] as const) expectStat(m[key], c[key], key)
    expect(confusion(t, 0)).toEqual(c.confusion)
  })

  it('matches scipy on continuous data and on a constant vector', () => {
    const c = reference.comparisons.continuous
    expectStat(spearman(c.ref, c.pred), c.spearman)
    expectStat(kendallTauB(c.ref, c.pred), c.kendallTauB)
    expectStat(pearson(c.ref, c.pred), c.pearson)
    const k = reference.comparisons.constant
    expectStat(spearman(k.ref, k.pred), k.spearman)
    expectStat(kendallTauB(k.ref, k.pred), k.kendallTauB)
    expectStat(pearson(k.ref, k.pred), k.pearson)
  })

  it('rounds half up to the nearest allowed score', () => {
    const scale = Float64Array.from([0, 1, 2])
    expect([0.49, 0.5, 1.5, 1 / 3, 2 / 3, 2.7, -1].map((v) => roundHalfUp(v, scale))).toEqual([0, 1, 2, 0, 1, 2, 0])
    expect(roundHalfUp(3, Float64Array.from([1, 5]))).toBe(5)
    expect(roundHalfUp(2.5, null)).toBe(3)
  })

  it('computes ECE and the reliability table as the reference', () => {
    const c = reference.calibration
    const result = calibration(Float64Array.from(c.confidence), Uint8Array.from(c.correct))
    expectStat(result.ece, c.ece)
    result.bins.forEach((bin, b) => {
      expect(bin.n).toBe(c.bins[b].n)
      if (c.bins[b].n) {
        expect(Math.abs(bin.confidence! - c.bins[b].confidence)).toBeLessThan(1e-9)
        expect(Math.abs(bin.accuracy! - c.bins[b].accuracy)).toBeLessThan(1e-9)
      }
    })
  })
})

describe('the bootstrap', () => {
  it('is seeded and independent of how resamples are split between threads', async () => {
    const { computeStats } = await import('../../../../../../src/main/services/analytics/engine')
    const m = reference.matrices.missing3.matrix as (number | null)[][]
    const items: number[] = []
    const raters: number[] = []
    const values: number[] = []
    m.forEach((row, i) => row.forEach((v, r) => v !== null && (items.push(i), raters.push(r), values.push(v))))
    const n = m.length
    const input = {
      itemCount: n,
      itemId: Int32Array.from({ length: n }, (_, i) => i + 1),
      itemCriterion: new Int32Array(n).map((_, i) => i % 2),
      itemModel: new Int32Array(n),
      itemInstruction: Int32Array.from({ length: n }, (_, i) => i),
      itemTask: new Int32Array(n),
      itemDifficulty: new Int32Array(n),
      criterionIds: [1, 2],
      criterionNames: ['a', 'b'],
      criterionLevels: [Float64Array.from([0, 1, 2]), Float64Array.from([0, 1, 2])],
      modelNames: ['m'],
      instructionNames: Array.from({ length: n }, (_, i) => `q${i}`),
      taskNames: ['(none)'],
      difficultyNames: ['(none)'],
      annotatorNames: ['r0', 'r1', 'r2', 'r3', 'r4'],
      annotatorRoles: Array(5).fill('annotator'),
      annotatorNotApplicable: new Int32Array(5),
      scores: { item: Int32Array.from(items), rater: Int32Array.from(raters), value: Float64Array.from(values), timeMs: new Float64Array(values.length).fill(Number.NaN), length: values.length },
      judges: [
        {
          name: 'j',
          model: 'j',
          item: Int32Array.from({ length: n }, (_, i) => i),
          score: Float64Array.from({ length: n }, (_, i) => (i * 7) % 3),
          confidence: new Float64Array(n).fill(Number.NaN),
          argmax: new Float64Array(n).fill(Number.NaN),
          length: n,
        },
      ],
    }
    const { report, bootstrapJob } = computeStats(input, { seed: 7 })
    const bootstrap = bootstrapJob()
    const slots = slotsPerResample(bootstrap)
    const whole = runResamples(bootstrap, 0, 200)
    const split = new Float64Array(whole.length)
    split.set(runResamples(bootstrap, 0, 73), 0)
    split.set(runResamples(bootstrap, 73, 200), 73 * slots)
    expect(Array.from(split)).toEqual(Array.from(whole))
    const cis = intervals(whole, slots)
    const alpha = cis[2]! // overall α nominal
    expect(alpha[0]).toBeLessThan(report.agreement.krippendorffAlpha.nominal.value!)
    expect(alpha[1]).toBeGreaterThan(report.agreement.krippendorffAlpha.nominal.value!)
    const other = runResamples({ ...bootstrap, seed: 8 }, 0, 200)
    expect(Array.from(other)).not.toEqual(Array.from(whole))
  })
})
