import { describe, expect, it } from 'vitest'
import { ExactJsonError, needsExactParse, parseExactJson } from '../../../../../src/main/services/importers/sources/exactJson'

const failure = (text: string) => {
  try {
    parseExactJson(text)
  } catch (error) {
    if (error instanceof ExactJsonError) return { ...error.failure, field: error.field, offset: error.offset }
    throw error
  }
  throw new Error('parsed')
}

describe('parseExactJson', () => {
  it('reads what JSON.parse reads, the same way', () => {
    const texts = [
      '{"a": 1, "b": [true, false, null], "c": {"d": "x\\n\\"y\\"\\u0416\\ud83d\\ude00"}, "e": -0.5e-3, "f": [], "g": {}}',
      ' [1, 2.5, -3, 1E2, "\\/\\b\\f\\r\\t", [[["deep"]]]] ',
      '{"__proto__": {"polluted": 1}, "0": "zero", "": ""}',
      '"only text"',
      '9007199254740991',
      '{"rubric": {"0": "Нет", "1": "Да: «полностью»"}}',
    ]
    for (const text of texts) expect(parseExactJson(text), text).toEqual(JSON.parse(text))
    expect(Object.getPrototypeOf(parseExactJson('{"__proto__": {"polluted": 1}}'))).toBe(Object.prototype)
  })

  it('keeps integers beyond 2^53 as their exact text, and refuses what JSON.parse would change', () => {
    expect(parseExactJson('{"id": 12345678901234567891, "n": -9007199254740993}')).toEqual({ id: '12345678901234567891', n: '-9007199254740993' })
    expect(failure('{"a": 1, "score": 0, "score": 2}')).toMatchObject({ kind: 'duplicate-key', key: 'score', field: 'score' })
    expect(failure('{"rubric": {"0": "a", "0": "b"}}')).toMatchObject({ kind: 'duplicate-key', key: '0', field: 'rubric' })
    expect(failure('{"score": 1e400}')).toMatchObject({ kind: 'number-out-of-range', token: '1e400', field: 'score' })
    expect(failure(`{"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).toMatchObject({ kind: 'too-deep', depth: 1000, field: 'x' })
    expect(failure('{"score": NaN}')).toMatchObject({ kind: 'syntax', field: 'score', offset: 10 })
    for (const bad of ['{"a": 1,}', '[1 2]', '{"a" 1}', '"open', '{"a": tru}', '01', '{} x']) expect(failure(bad).kind, bad).toBe('syntax')
  })
})

describe('needsExactParse', () => {
  const check = (text: string) => needsExactParse(text, JSON.parse(text))
  it('lets an ordinary record through and sends the suspicious ones to the exact parser', () => {
    expect(check('{"instruction_id": 123, "answer": "Ответ: да", "rubric": {"0": "нет", "1": "да"}, "score": 1}')).toBe(false)
    expect(check('{"instruction_id": 12345678901234567891}')).toBe(true)
    expect(check('{"score": 1e400}')).toBe(true)
    expect(check('{"score": 0, "score": 2}')).toBe(true)
    expect(check('{"score" : 0, "score":2}')).toBe(true)
    expect(check('{"rubric": {"0": "a", "0": "b"}}')).toBe(true)
    expect(check('[{"a": 1, "a": 2}]')).toBe(true)
    // Only costs an exact parse: `":` inside a text.
    expect(check('{"answer": "he said \\"yes\\": ok"}')).toBe(true)
  })
})
