import { describe, expect, it } from 'vitest'
import type { Criterion } from '@shared/api/models'
import { criterionText, hasTranslation } from '../../../../../src/renderer/features/item/criterionText'

const criterion: Criterion = {
  id: 1,
  externalId: 'value',
  name: 'Полезность',
  description: 'Оценивает полезность ответа.',
  group: 'Субъективные',
  language: 'ru',
  levels: [
    { score: 0, text: 'Бесполезен' },
    { score: 1, text: 'Частично полезен' },
    { score: 2, text: 'Очень полезен' },
  ],
  translations: { en: { name: 'Usefulness', description: 'Rates usefulness.', group: 'Subjective', levels: { '0': 'Useless', '2': 'Very useful', '1': '' } } },
}

describe('criterionText', () => {
  it('gives the original texts in the criterion’s own language', () => {
    expect(criterionText(criterion, 'ru')).toMatchObject({ name: 'Полезность', group: 'Субъективные', language: 'ru' })
  })

  it('gives the translation where one exists, keeping the original text of an untranslated level', () => {
    const text = criterionText(criterion, 'en')
    expect(text).toMatchObject({ name: 'Usefulness', description: 'Rates usefulness.', group: 'Subjective', language: 'en' })
    expect(text.levels).toEqual([
      { score: 0, text: 'Useless' },
      { score: 1, text: 'Частично полезен' },
      { score: 2, text: 'Very useful' },
    ])
    expect(hasTranslation(criterion, 'en')).toBe(true)
  })

  it('falls back to the original when there is no translation', () => {
    const untranslated = { ...criterion, translations: null }
    expect(criterionText(untranslated, 'en')).toMatchObject({ name: 'Полезность', language: 'ru' })
    expect(hasTranslation(untranslated, 'en')).toBe(false)
  })
})
