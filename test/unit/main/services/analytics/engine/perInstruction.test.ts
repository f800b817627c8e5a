import { describe, expect, it } from 'vitest'
import { kendallTauB, pearson, smallCorrelations, spearman, systemAndInstructionByGroup } from '../../../../../../src/main/services/analytics/engine'

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
}

const MODELS = ['m0', 'm1', 'm2', 'm3', 'm4']

/** Pairs of 40 instructions × 5 models × 2 criteria (some missing), expert means in halves, judge scores 0–2. */
function pairs(seed: number) {
  const next = random(seed)
  const rows: { instruction: number; model: number; group: number; ref: number; pred: number }[] = []
  for (let instruction = 0; instruction < 40; instruction++)
    for (let model = 0; model < MODELS.length; model++)
      for (let group = 0; group < 2; group++)
        if (next() > 0.15) rows.push({ instruction, model, group, ref: Math.round(next() * 4) / 2, pred: Math.floor(next() * 3) })
  return rows
}

function run(rows: ReturnType<typeof pairs>) {
  const column = (pick: (row: (typeof rows)[number]) => number) => Int32Array.from(rows, pick)
  return systemAndInstructionByGroup({
    pred: Float64Array.from(rows, (r) => r.pred),
    ref: Float64Array.from(rows, (r) => r.ref),
    model: column((r) => r.model),
    instruction: column((r) => r.instruction),
    group: column((r) => r.group),
    groups: 2,
    modelNames: MODELS,
  })
}

/** The per-instruction means the slow way: per instruction, each model's mean, the three correlations, averaged. */
function naive(rows: ReturnType<typeof pairs>, group: number | null) {
  const sums = { spearman: [] as number[], kendallTauB: [] as number[], pearson: [] as number[] }
  for (const instruction of new Set(rows.map((r) => r.instruction))) {
    const x: number[] = []
    const y: number[] = []
    MODELS.forEach((_, model) => {
      const mine = rows.filter((r) => r.instruction === instruction && r.model === model && (group === null || r.group === group))
      if (!mine.length) return
      x.push(mine.reduce((s, r) => s + r.ref, 0) / mine.length)
      y.push(mine.reduce((s, r) => s + r.pred, 0) / mine.length)
    })
    if (x.length < 2) continue
    for (const [key, f] of [['spearman', spearman], ['kendallTauB', kendallTauB], ['pearson', pearson]] as const) {
      const value = f(x, y).value
      if (value !== null) sums[key].push(value)
    }
  }
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length
  return { spearman: mean(sums.spearman), kendallTauB: mean(sums.kendallTauB), pearson: mean(sums.pearson) }
}

describe('per-instruction correlations', () => {
  it('equal the slow per-instruction computation, whether the pairs come grouped by instruction or shuffled', () => {
    const rows = pairs(11)
    const grouped = run(rows)
    const next = random(5)
    const shuffled = rows.map((row) => ({ row, key: next() })).sort((a, b) => a.key - b.key).map(({ row }) => row)
    expect(shuffled.map((r) => r.instruction)).not.toEqual(rows.map((r) => r.instruction))
    expect(run(shuffled)).toEqual(grouped)
    for (const [label, result, group] of [
      ['all', grouped.overall, null],
      ['group 0', grouped.byGroup[0], 0],
      ['group 1', grouped.byGroup[1], 1],
    ] as const) {
      const expected = naive(rows, group)
      for (const key of ['spearman', 'kendallTauB', 'pearson'] as const) expect(result.perInstruction[key].value, `${label} ${key}`).toBeCloseTo(expected[key], 12)
    }
  })

  it('smallCorrelations agrees with the general correlations on tied and constant points', () => {
    const next = random(3)
    const out = new Float64Array(3)
    for (let trial = 0; trial < 500; trial++) {
      const n = 2 + Math.floor(next() * 7)
      const x = Float64Array.from({ length: n }, () => Math.floor(next() * 3) / 2)
      const y = Float64Array.from({ length: n }, () => Math.floor(next() * 3))
      smallCorrelations(x, y, n, out)
      const expected = [spearman(x, y).value, kendallTauB(x, y).value, pearson(x, y).value]
      expected.forEach((value, k) => {
        if (value === null) expect(out[k], `trial ${trial} measure ${k}`).toBeNaN()
        else expect(out[k], `trial ${trial} measure ${k}`).toBeCloseTo(value, 12)
      })
    }
  })
})
