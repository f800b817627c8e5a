import { describe, expect, it } from 'vitest'
import { agreementOf, tableFromMatrix } from '../../../../../../src/main/services/analytics/engine'
import { MIN_ICC_ITEMS } from '../../../../../../src/main/services/analytics/engine/agreement'

describe('ICC with few items', () => {
  it(`is null with a reason below ${MIN_ICC_ITEMS} complete items (3 items gave ICC(2,k) = 6.0)`, () => {
    const { icc } = agreementOf(tableFromMatrix([[0, 2], [2, 0], [2, 0]]))
    expect(icc.items).toBe(3)
    expect(icc.icc2k).toEqual({ value: null, reason: 'fewer than 5 items were scored by all 2 annotators (ICC uses the complete case)' })
    expect(icc.icc21.value).toBeNull()
  })

  it('carries a warning when a value lies outside [−1, 1], and none inside', () => {
    const { icc } = agreementOf(tableFromMatrix([[0, 2], [2, 0], [0, 2], [2, 0], [2, 0]]))
    expect(icc.items).toBe(5)
    expect(icc.icc2k.value).toBeCloseTo(6, 9)
    expect(icc.icc2k.warning).toMatch(/outside \[−1, 1\]/)
    expect(icc.icc21.warning).toMatch(/outside \[−1, 1\]/)
    const fine = agreementOf(tableFromMatrix([[0, 0], [1, 1], [2, 2], [1, 2], [0, 1]])).icc
    expect(fine.icc21.value).toBeGreaterThan(0)
    expect(fine.icc21.warning).toBeUndefined()
  })
})
