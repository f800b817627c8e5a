import { describe, expect, it } from 'vitest'
import {
  buildPatterns,
  buildRaterPatterns,
  computeStats,
  groupRaterWeights,
  tableFromMatrix,
  type StatsInput,
} from '../../../../../../src/main/services/analytics/engine'
import { categorize } from '../../../../../../src/main/services/analytics/engine/table'
import { buildTriplesFromCodes, encodePairs } from '../../../../../../src/main/services/analytics/engine/compare'
import { buildTriplesByCell, cellCounts, groupWeightsFromCells, itemCells } from '../../../../../../src/main/services/analytics/engine/itemCells'

function random(seed: number): () => number {
  let state = seed
  return () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
}

const column = (n: number, groups: number, next: () => number) => Int32Array.from({ length: n }, () => Math.floor(next() * groups))

describe('item cells', () => {
  it('number cells in first-seen order, the same through the dense index and the map (a huge combination space)', () => {
    const next = random(1)
    const a = column(5000, 40, next)
    const b = column(5000, 30, next)
    const dense = itemCells(5000, [{ group: a, groups: 40 }, { group: b, groups: 30 }])
    // same groups, declared 3,000 wide each: 9 M combinations, past the dense index
    const sparse = itemCells(5000, [{ group: a, groups: 3000 }, { group: b, groups: 3000 }])
    expect(sparse).toEqual(dense)
    expect(dense.count).toBe(new Set(Array.from(a, (g, i) => `${g}|${b[i]}`)).size)
    for (let i = 0; i < 5000; i++) {
      expect(dense.cellGroup[0][dense.itemCell[i]]).toBe(a[i])
      expect(dense.cellGroup[1][dense.itemCell[i]]).toBe(b[i])
    }
  })

  it("give each grouping the triples and weights of a direct pass over that grouping's items", () => {
    const next = random(2)
    const n = 3000
    const groupings = [
      { group: column(n, 4, next), groups: 4 },
      { group: column(n, 3, next), groups: 3 },
    ]
    const cells = itemCells(n, groupings)
    // pairs: a judged subset of the items, in a shuffled order
    const items = Int32Array.from({ length: 2000 }, () => Math.floor(next() * n))
    const codes = encodePairs(
      Float64Array.from(items, () => Math.floor(next() * 3)),
      Float64Array.from(items, () => Math.round(next() * 4) / 2),
      Float64Array.from(items, () => Math.floor(next() * 3)),
    )
    const [overall, first, second] = buildTriplesByCell(codes, items, cells, [
      { cellGroup: null, groups: 1, keepPairs: true },
      { cellGroup: cells.cellGroup[0], groups: 4, keepPairs: true },
      { cellGroup: cells.cellGroup[1], groups: 3, keepPairs: false },
    ])
    expect(overall).toEqual(buildTriplesFromCodes(codes, new Int32Array(items.length), 1, undefined, true))
    expect(first).toEqual(buildTriplesFromCodes(codes, Int32Array.from(items, (i) => groupings[0].group[i]), 4, undefined, true))
    expect(second).toEqual(buildTriplesFromCodes(codes, Int32Array.from(items, (i) => groupings[1].group[i]), 3, undefined, false))

    // weights over rater patterns: 3 raters, items with 0–3 scores
    const matrix = Array.from({ length: n }, () => Array.from({ length: 3 }, () => (next() < 0.6 ? Math.floor(next() * 3) : Number.NaN)))
    const table = tableFromMatrix(matrix)
    const { categories, code } = categorize(table)
    const patterns = buildPatterns(table, code, categories)
    const rp = buildRaterPatterns(table, code, patterns)
    const counts = cellCounts(cells, patterns, rp, table, code)!
    expect(counts).not.toBeNull()
    groupings.forEach(({ group, groups }, g) => expect(groupWeightsFromCells(counts, cells.cellGroup[g], cells.count, groups, patterns, rp)).toEqual(groupRaterWeights(patterns, rp, group, groups)))
    expect(groupWeightsFromCells(counts, null, cells.count, 1, patterns, rp)).toEqual(groupRaterWeights(patterns, rp, new Int32Array(n), 1))
  })
})

/** 100,000 items of 2 criteria × 3 models, 4 experts (0–3 scores an item), one judge; tasks as given. */
function input(task: (item: number) => number, tasks: number): StatsInput {
  const next = random(3)
  const n = 100_000
  const item: number[] = []
  const rater: number[] = []
  const value: number[] = []
  for (let i = 0; i < n; i++) for (let a = 0; a < 4; a++) if (next() < 0.45) (item.push(i), rater.push(a), value.push(Math.floor(next() * 3)))
  return {
    itemCount: n,
    itemId: Int32Array.from({ length: n }, (_, i) => i + 1),
    itemCriterion: Int32Array.from({ length: n }, (_, i) => i % 2),
    itemModel: Int32Array.from({ length: n }, (_, i) => Math.floor(i / 2) % 3),
    itemInstruction: Int32Array.from({ length: n }, (_, i) => Math.floor(i / 6)),
    itemTask: Int32Array.from({ length: n }, (_, i) => task(i)),
    itemDifficulty: new Int32Array(n),
    criterionIds: [1, 2],
    criterionNames: ['a', 'b'],
    criterionLevels: [Float64Array.from([0, 1, 2]), Float64Array.from([0, 1, 2])],
    modelNames: ['m0', 'm1', 'm2'],
    instructionNames: Array.from({ length: Math.ceil(n / 6) }, (_, i) => `q${i}`),
    taskNames: Array.from({ length: tasks }, (_, t) => `t${t}`),
    difficultyNames: ['(none)'],
    annotatorNames: ['e0', 'e1', 'e2', 'e3'],
    annotatorRoles: Array(4).fill('annotator'),
    annotatorNotApplicable: new Int32Array(4),
    scores: { item: Int32Array.from(item), rater: Int32Array.from(rater), value: Float64Array.from(value), timeMs: new Float64Array(value.length).fill(Number.NaN), length: value.length },
    judges: [
      {
        name: 'j',
        model: 'j',
        item: Int32Array.from({ length: n }, (_, i) => i),
        score: Float64Array.from({ length: n }, () => Math.floor(next() * 3)),
        confidence: new Float64Array(n).fill(Number.NaN),
        argmax: new Float64Array(n).fill(Number.NaN),
        length: n,
      },
    ],
  }
}

describe('the report with as many cells as items', () => {
  it('equals the report of the same scores in few cells (the per-item fallbacks agree with the per-cell sums)', () => {
    // every item its own task: 100,000 cells, past the per-cell counts and the dense pair index
    const own = computeStats(input((i) => i, 100_000)).report
    const shared = computeStats(input(() => 0, 1)).report
    const withoutTasks = <T extends { byTask: unknown }>({ byTask, ...rest }: T) => (void byTask, rest)
    expect(withoutTasks(own.agreement)).toEqual(withoutTasks(shared.agreement))
    expect(withoutTasks(own.judges.j)).toEqual(withoutTasks(shared.judges.j))
    expect(own.distributions).toEqual(shared.distributions)
    expect(own.ceiling).toEqual(shared.ceiling)
    expect(own.disagreements).toEqual(shared.disagreements)
    // one group per task with items: tens of thousands, each of one item
    expect(Object.keys(own.agreement.byTask).length).toBeGreaterThan(50_000)
    expect(Object.values(own.judges.j.byTask).every((t) => t.n === 1)).toBe(true)
  })
})
