import { describe, expect, it } from 'vitest'
import {
  parseJudgeOutput,
  regressionVariantReason,
  scoreDistributionFromLogits,
  summarizeScoreProbabilities,
} from '../../../../src/shared/domain/judgeOutput'

const scale = [0, 1, 2] as const

describe('parseJudgeOutput', () => {
  it('reads the 7B/32B shape [FEEDBACK] … [RESULT] n [END]', () => {
    const raw =
      '[FEEDBACK] Ответ модели «Будет 4» совпадает с эталонным ответом «4»: вычисление выполнено верно, ' +
      'формулировка краткая, но полная. [RESULT] 2 [END]'
    const parsed = parseJudgeOutput(raw, scale)
    expect(parsed).toEqual({
      score: 2,
      feedback: 'Ответ модели «Будет 4» совпадает с эталонным ответом «4»: вычисление выполнено верно, формулировка краткая, но полная.',
      reasoning: null,
      shape: 'feedback-result',
      error: null,
    })
  })

  it('tolerates newlines, extra spaces, a missing [END] and a leaked <|im_end|>', () => {
    expect(parseJudgeOutput('  [FEEDBACK]\n\nВ ответе нет ни одной орфографической ошибки.\n[RESULT]\n1\n', scale)).toMatchObject({
      score: 1,
      feedback: 'В ответе нет ни одной орфографической ошибки.',
      error: null,
    })
    expect(parseJudgeOutput('[FEEDBACK] Текст связный. [RESULT] 0 [END]<|im_end|>', scale).score).toBe(0)
    expect(parseJudgeOutput('[FEEDBACK] Текст связный. [RESULT]0[END]', scale).score).toBe(0)
  })

  it('takes the last [RESULT] when the rationale quotes the marker', () => {
    const parsed = parseJudgeOutput('[FEEDBACK] Формат «[RESULT] 2» здесь не важен; ответ неполный. [RESULT] 1 [END]', scale)
    expect(parsed.score).toBe(1)
    expect(parsed.feedback).toBe('Формат «[RESULT] 2» здесь не важен; ответ неполный.')
  })

  it('reads the 4B shape: <think> reasoning then a bare score', () => {
    const raw =
      '<think>\nПользователь спрашивает, сколько будет 2+2. Эталонный ответ — 4. Ответ модели «Будет 4» ' +
      'совпадает с эталоном, значит по критерию «Правильность ответа» ставим высший балл.\n</think>\n\n2'
    const parsed = parseJudgeOutput(raw, scale)
    expect(parsed.score).toBe(2)
    expect(parsed.shape).toBe('think-score')
    expect(parsed.reasoning).toMatch(/^Пользователь спрашивает.*высший балл\.$/s)
    expect(parsed.feedback).toBe(parsed.reasoning)
    expect(parsed.error).toBeNull()
  })

  it('reads a 4B output whose <think> was opened by the chat template (a lone </think>)', () => {
    const parsed = parseJudgeOutput('Ответ неполный: не указана единица измерения.\n</think>\n1', scale)
    expect(parsed).toMatchObject({ score: 1, reasoning: 'Ответ неполный: не указана единица измерения.', shape: 'think-score' })
  })

  it('reads a server answer whose reasoning came in a separate field', () => {
    const parsed = parseJudgeOutput(' 2\n', scale, { reasoning: 'Ответ «Будет 4» верен и совпадает с эталоном.' })
    expect(parsed).toEqual({
      score: 2,
      feedback: 'Ответ «Будет 4» верен и совпадает с эталоном.',
      reasoning: 'Ответ «Будет 4» верен и совпадает с эталоном.',
      shape: 'think-score',
      error: null,
    })
  })

  it('reads a bare score with no reasoning at all', () => {
    expect(parseJudgeOutput('1', scale)).toMatchObject({ score: 1, shape: 'bare-score', feedback: null })
    expect(parseJudgeOutput('**2**', scale).score).toBe(2)
  })

  it('keeps a non-integer scale and a decimal comma', () => {
    expect(parseJudgeOutput('[FEEDBACK] Частично. [RESULT] 0,5 [END]', [0, 0.5, 1]).score).toBe(0.5)
  })

  it('refuses a score outside the scale instead of clamping it', () => {
    const parsed = parseJudgeOutput('[FEEDBACK] Отлично. [RESULT] 3 [END]', scale)
    expect(parsed.score).toBeNull()
    expect(parsed.error).toBe("the score 3 is outside the criterion's scale (0, 1, 2)")
    expect(parsed.feedback).toBe('Отлично.')
    expect(parseJudgeOutput('<think>Думаю…</think>\n5', scale).error).toMatch(/outside the criterion's scale/)
  })

  it('reports unparsable outputs as errors, never as a zero', () => {
    for (const raw of [
      '',
      '   ',
      'Оценка: хорошо',
      '[FEEDBACK] Ответ верный, но [END]',
      '[FEEDBACK] Ответ верный. [RESULT] два [END]',
      '[FEEDBACK] Ответ верный. [RESULT] 2 из 2 [END]',
      '<think>Ответ модели совпадает с эталоном, поэтому',
      '<think>Рассуждение закончено.</think>\n\n',
    ]) {
      const parsed = parseJudgeOutput(raw, scale)
      expect(parsed.score, raw).toBeNull()
      expect(parsed.error, raw).toEqual(expect.any(String))
    }
    expect(parseJudgeOutput('<think>Ответ модели совпадает с эталоном, поэтому', scale)).toMatchObject({
      reasoning: 'Ответ модели совпадает с эталоном, поэтому',
      error: 'the output ends inside <think> without a score (the reasoning was cut off)',
    })
  })
})

describe('score distributions', () => {
  it('normalizes weights over the allowed scores with the expected score and entropy', () => {
    const summary = summarizeScoreProbabilities(scale, new Map([[0, 0.1], [1, 0.1], [2, 0.6], [7, 5]]))
    expect(summary?.scoreProbabilities.map((p) => p.score)).toEqual([0, 1, 2])
    expect(summary?.scoreProbabilities.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 12)
    expect(summary?.scoreProbabilities[2].probability).toBeCloseTo(0.75, 12)
    expect(summary?.expectedScore).toBeCloseTo(0.125 + 1.5, 12)
    expect(summary?.entropy).toBeCloseTo(-(2 * 0.125 * Math.log(0.125) + 0.75 * Math.log(0.75)), 12)
    expect(summarizeScoreProbabilities(scale, {})).toBeNull()
  })

  it('turns logits into a softmax over the allowed scores', () => {
    const summary = scoreDistributionFromLogits(scale, new Map([[0, 1000], [1, 1000], [2, 1000 + Math.log(2)]]))
    expect(summary?.scoreProbabilities.map((p) => p.probability)).toEqual([0.25, 0.25, 0.5].map((v) => expect.closeTo(v, 12)))
    expect(summary?.entropy).toBeCloseTo(-(0.5 * Math.log(0.25) + 0.5 * Math.log(0.5)), 12)
  })
})

describe('regressionVariantReason', () => {
  it('refuses the -r variants by model name or GGUF file name, saying why', () => {
    for (const name of [
      'ai-forever/pollux-judge-7b-r',
      'pollux-judge-32b-r',
      '/models/pollux-judge-7b-r-Q4_K_M.gguf',
      'C:\\models\\pollux-judge-7b-r.Q8_0.gguf',
      'pollux-judge-7b-r.gguf',
    ]) {
      expect(regressionVariantReason(name), name).toMatch(/regression variant \(-r\).*regression head that GGUF files and OpenAI-compatible chat APIs do not carry/s)
    }
  })

  it('lets the seq2seq judges through', () => {
    for (const name of ['ai-forever/pollux-judge-7b', 'pollux-judge-32b-Q4_K_M.gguf', 'Pollux-4B-Judge', 'Pollux-4B-Judge-Q8_0.gguf', 'qwen3-tiny.gguf', 'ruadapt-r1']) {
      expect(regressionVariantReason(name), name).toBeNull()
    }
  })
})
