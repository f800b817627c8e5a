import { describe, expect, it } from 'vitest'
import { levelKey, scoreKeyAction } from '../../../../../src/renderer/features/annotate/scoreKeys'

const zeroToTwo = [
  { score: 0, text: 'нет' },
  { score: 1, text: 'частично' },
  { score: 2, text: 'да' },
]

describe('scoreKeyAction', () => {
  it('maps a digit to the level with that score', () => {
    expect(scoreKeyAction('2', zeroToTwo)).toEqual({ kind: 'score', score: 2 })
    expect(scoreKeyAction('0', zeroToTwo)).toEqual({ kind: 'score', score: 0 })
  })

  it('ignores a digit that is not on the scale', () => {
    expect(scoreKeyAction('3', zeroToTwo)).toBeNull()
  })

  it('reads N, J and K on Latin and Russian layouts', () => {
    expect(scoreKeyAction('n', zeroToTwo)).toEqual({ kind: 'not-applicable' })
    expect(scoreKeyAction('т', zeroToTwo)).toEqual({ kind: 'not-applicable' })
    expect(scoreKeyAction('J', zeroToTwo)).toEqual({ kind: 'next-criterion' })
    expect(scoreKeyAction('о', zeroToTwo)).toEqual({ kind: 'next-criterion' })
    expect(scoreKeyAction('k', zeroToTwo)).toEqual({ kind: 'previous-criterion' })
    expect(scoreKeyAction('x', zeroToTwo)).toBeNull()
  })

  it('opens the project guideline with ? (the same character on Latin and Russian layouts)', () => {
    expect(scoreKeyAction('?', zeroToTwo)).toEqual({ kind: 'project-guideline' })
    expect(scoreKeyAction('/', zeroToTwo)).toBeNull()
  })

  it('numbers levels by position when scores are not single digits', () => {
    const fractional = [
      { score: 0.5, text: 'a' },
      { score: 10, text: 'b' },
    ]
    expect(levelKey(fractional, 0)).toBe('1')
    expect(levelKey(fractional, 1)).toBe('2')
    expect(scoreKeyAction('2', fractional)).toEqual({ kind: 'score', score: 10 })
  })
})
