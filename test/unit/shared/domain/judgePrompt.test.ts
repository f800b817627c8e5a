import { describe, expect, it } from 'vitest'
import { buildJudgePrompt, buildJudgeTarget } from '../../../../src/shared/domain/judgePrompt'

// The model cards' example (Pollux-4B-Judge, pollux-judge-7b-r), filled into their PROMPT_TEMPLATE by hand.
const CARD_PROMPT = `### Задание для оценки:
Сколько будет 2+2?
### Эталонный ответ:
4
### Ответ для оценки:
Будет 4
### Критерий оценки:
Правильность ответа
### Шкала оценивания по критерию:
0: Дан неправильный ответ или ответ отсутствует.
1: Ответ модели неполный (не на все вопросы задания получен ответ, в формулировке ответа отсутствует часть информации).
2: Ответ модели совпадает с эталонным или эквивалентен ему.
`

const levels = [
  { score: 0, text: 'Дан неправильный ответ или ответ отсутствует.' },
  { score: 1, text: 'Ответ модели неполный (не на все вопросы задания получен ответ, в формулировке ответа отсутствует часть информации).' },
  { score: 2, text: 'Ответ модели совпадает с эталонным или эквивалентен ему.' },
]

describe('buildJudgePrompt', () => {
  it('fills the model card template byte for byte', () => {
    const prompt = buildJudgePrompt({ instruction: 'Сколько будет 2+2?', referenceAnswer: '4', answer: 'Будет 4', criterionName: 'Правильность ответа', levels })
    expect(prompt).toBe(CARD_PROMPT)
  })

  it('leaves the reference section empty when there is no reference answer (the 7b-r card example)', () => {
    const prompt = buildJudgePrompt({ instruction: 'Сколько будет 2+2?', referenceAnswer: null, answer: 'Будет 4', criterionName: 'Правильность ответа', levels })
    expect(prompt).toContain('### Эталонный ответ:\n\n### Ответ для оценки:\n')
  })
})

describe('buildJudgeTarget', () => {
  it('writes the judge output shape', () => {
    expect(buildJudgeTarget(' Ответ верный. ', 2)).toBe('[FEEDBACK] Ответ верный. [RESULT] 2 [END]')
  })
})
