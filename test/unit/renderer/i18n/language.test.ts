import { describe, expect, it } from 'vitest'
import { initialLanguage, languageOfLocale } from '../../../../src/renderer/i18n/language'

describe('initialLanguage', () => {
  it('keeps the language the user chose before', () => {
    expect(initialLanguage({ saved: 'en', platform: 'desktop', suggested: 'ru', browserLanguage: 'ru-RU' })).toBe('en')
  })

  it('follows the desktop host when nothing was chosen', () => {
    expect(initialLanguage({ saved: null, platform: 'desktop', suggested: 'ru', browserLanguage: 'en-US' })).toBe('ru')
  })

  it('follows the browser under castor serve, not the server', () => {
    expect(initialLanguage({ saved: null, platform: 'web', suggested: 'ru', browserLanguage: 'en-GB' })).toBe('en')
    expect(initialLanguage({ saved: null, platform: 'web', suggested: 'en', browserLanguage: 'ru' })).toBe('ru')
  })

  it('ignores a saved value that is no language of the UI', () => {
    expect(initialLanguage({ saved: 'de', platform: 'desktop', suggested: 'en', browserLanguage: 'de-DE' })).toBe('en')
  })
})

describe('languageOfLocale', () => {
  it('reads Russian for Russian and neighbouring locales, English otherwise', () => {
    expect(['ru', 'ru-RU', 'be-BY', 'uk', 'kk-KZ'].map(languageOfLocale)).toEqual(['ru', 'ru', 'ru', 'ru', 'ru'])
    expect(['en-US', 'de', 'rue', '', undefined].map(languageOfLocale)).toEqual(['en', 'en', 'en', 'en', 'en'])
  })
})
