import { describe, expect, it } from 'vitest'
import { readLogprobs, scoreDistributionFromLogprobs, scoreOffset } from '../../../../../../src/main/services/judge/remote/logprobs'

describe('score probabilities from logprobs', () => {
  it('finds the score after [RESULT], after </think>, or at the start of a bare answer', () => {
    expect(scoreOffset('[FEEDBACK] Хорошо. [RESULT] 2')).toBe(28)
    expect(scoreOffset('<think>\nДумаю…\n</think>\n\n1')).toBe(25)
    expect(scoreOffset('  0')).toBe(2)
    expect(scoreOffset('[RESULT]  ')).toBeNull()
  })

  it('reads the completions shape and sums alternatives that trim to the same score', () => {
    const tokens = readLogprobs({
      tokens: ['[RESULT]', ' 1'],
      token_logprobs: [-0.01, Math.log(0.5)],
      top_logprobs: [{ '[RESULT]': -0.01 }, { ' 1': Math.log(0.5), '1': Math.log(0.1), ' 0': Math.log(0.2), ' 7': Math.log(0.2) }],
    })!
    const distribution = scoreDistributionFromLogprobs(tokens, [0, 1, 2])!
    expect(distribution.scoreProbabilities.map((p) => p.probability)).toEqual([0.25, 0.75, 0].map((p) => expect.closeTo(p, 9)))
    expect(distribution.expectedScore).toBeCloseTo(0.75, 9)
  })

  it('gives nothing when the score shares its token with text before it, or no alternative is on the scale', () => {
    const glued = readLogprobs({ content: [{ token: '[RESULT', logprob: -0.1, top_logprobs: [] }, { token: '] 2', logprob: -0.1, top_logprobs: [{ token: '2', logprob: -0.1 }] }] })!
    expect(scoreDistributionFromLogprobs(glued, [0, 1, 2])).toBeNull()
    const offScale = readLogprobs({ content: [{ token: '5', logprob: -0.1, top_logprobs: [{ token: '5', logprob: -0.1 }] }] })!
    expect(scoreDistributionFromLogprobs(offScale, [0, 1, 2])).toBeNull()
    expect(readLogprobs(null)).toBeNull()
    expect(readLogprobs({ content: [{ token: 1 }] })).toBeNull()
  })
})
