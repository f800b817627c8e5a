import { describe, expect, it } from 'vitest'
import { describeLevelDifference, formatRubricLines, parseRubric, parseScore, sameLevels, scaleText } from '../../../../src/shared/domain/rubric'

describe('parseRubric', () => {
  it('reads an object of score → text into sorted levels', () => {
    expect(parseRubric({ '2': 'хорошо', '0': 'плохо', '1': 'средне' })).toEqual({
      ok: true,
      levels: [
        { score: 0, text: 'плохо' },
        { score: 1, text: 'средне' },
        { score: 2, text: 'хорошо' },
      ],
    })
  })

  it('reads POLLUX rubric lines, with texts that run over several lines', () => {
    const parsed = parseRubric('0: Дан неправильный ответ.\n1: Ответ неполный:\n– нет вывода.\n2: Ответ верный.')
    expect(parsed).toEqual({
      ok: true,
      levels: [
        { score: 0, text: 'Дан неправильный ответ.' },
        { score: 1, text: 'Ответ неполный:\n– нет вывода.' },
        { score: 2, text: 'Ответ верный.' },
      ],
    })
  })

  it('reads a JSON string (a rubric cell of a CSV file)', () => {
    expect(parseRubric('{"0": "нет", "1": "да"}')).toMatchObject({ ok: true, levels: [{ score: 0 }, { score: 1 }] })
  })

  it('rejects keys that are not scores, duplicates and empty rubrics with a reason', () => {
    expect(parseRubric({ low: 'x' })).toEqual({ ok: false, reason: 'has a level key "low" that is not a number' })
    expect(parseRubric('1: a\n1: b')).toEqual({ ok: false, reason: 'defines level 1 twice' })
    expect(parseRubric('')).toEqual({ ok: false, reason: 'is empty' })
    expect(parseRubric('просто текст')).toMatchObject({ ok: false })
  })
})

describe('rubric helpers', () => {
  const levels = [
    { score: 0, text: 'плохо' },
    { score: 2, text: 'хорошо' },
  ]

  it('formats levels as the judge prompt shows them', () => {
    expect(formatRubricLines(levels)).toBe('0: плохо\n2: хорошо')
    expect(scaleText(levels)).toBe('{0, 2}')
  })

  it('compares rubrics and says where they differ', () => {
    expect(sameLevels(levels, [{ score: 0, text: ' плохо ' }, { score: 2, text: 'хорошо' }])).toBe(true)
    expect(sameLevels(levels, [{ score: 0, text: 'плохо' }, { score: 2, text: 'отлично' }])).toBe(false)
    expect(describeLevelDifference(levels, [{ score: 0, text: 'плохо' }, { score: 1, text: 'x' }])).toBe('scale {0, 1} differs from the earlier {0, 2}')
    expect(describeLevelDifference(levels, [{ score: 0, text: 'плохо' }, { score: 2, text: 'отлично' }])).toContain('level 2 reads "отлично"')
  })
})

describe('parseScore', () => {
  it('accepts numbers, numeric strings and the ways of saying not applicable', () => {
    expect(parseScore(2)).toEqual({ ok: true, score: 2, notApplicable: false })
    expect(parseScore(' 1 ')).toEqual({ ok: true, score: 1, notApplicable: false })
    expect(parseScore('0,5')).toEqual({ ok: true, score: 0.5, notApplicable: false })
    for (const value of [null, 'N/A', 'n/a', 'Неприменимо']) expect(parseScore(value)).toEqual({ ok: true, score: null, notApplicable: true })
  })

  it('rejects anything else with the problem', () => {
    expect(parseScore('two')).toMatchObject({ ok: false })
    expect(parseScore(Number.NaN)).toMatchObject({ ok: false })
    expect(parseScore([1])).toEqual({ ok: false, problem: 'wrong-type', type: 'a list' })
    expect(parseScore('n.a.')).toEqual({ ok: false, problem: 'not-a-number' })
  })
})
