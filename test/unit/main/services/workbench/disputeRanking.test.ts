import { describe, expect, it } from 'vitest'
import { rankDisputed, type DisputedItem } from '../../../../../src/main/services/workbench/disputeRanking'

/** The queue's order as it was written first, on objects: the reference the typed-array ranking must equal. */
function reference(rows: DisputedItem[]) {
  const ranked = rows.map((row) => ({
    itemId: row.itemId,
    range: row.range,
    expertMean: row.expertMean,
    judgeScore: row.judgeScore,
    judgeGap: row.expertMean !== null && row.judgeScore !== null ? Math.abs(row.expertMean - row.judgeScore) : null,
    notApplicableCount: row.naCount,
    disagrees: (row.range ?? 0) > 0 || (row.naCount > 0 && row.naCount < row.n),
  }))
  const desc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a)
  return ranked.sort((a, b) => Number(b.disagrees) - Number(a.disagrees) || desc(a.range, b.range) || desc(a.judgeGap, b.judgeGap) || a.itemId - b.itemId)
}

describe('rankDisputed', () => {
  it('orders disagreements first (N/A beside a score included), then by range, then judge gap (unknown last), then item id, and pages like slicing that order', () => {
    let state = 7
    const random = () => ((state = (state * 48271) % 2147483647) / 2147483647)
    const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)]
    const rows: DisputedItem[] = Array.from({ length: 2_000 }, (_, i) => ({
      itemId: 5_000 - i * 2,
      range: pick([null, 0, 0.5, 1, 2]),
      expertMean: pick([null, 0, 0.5, 1, 1.5, 2]),
      judgeScore: pick([null, 0, 1, 2]),
      naCount: pick([0, 0, 1, 2]),
      n: 2,
    }))
    const expected = reference(rows)
    for (const [offset, limit] of [[0, 50], [50, 50], [1_990, 50], [2_000, 50], [0, 2_000]]) {
      const { total, page } = rankDisputed(rows, offset, limit)
      expect(total).toBe(2_000)
      expect(page).toEqual(expected.slice(offset, offset + limit))
    }
  })

  it('gives an empty page past the end and for no rows', () => {
    expect(rankDisputed([], 0, 50)).toEqual({ total: 0, page: [] })
    expect(rankDisputed([{ itemId: 1, range: 1, expertMean: 1, judgeScore: null, naCount: 0, n: 2 }], 5, 50).page).toEqual([])
  })
})
