import { describe, expect, it } from 'vitest'
import { exportFormats, importFormats } from '../../../../src/shared/api/formats'
import { en } from '../../../../src/renderer/i18n/en'
import { ru } from '../../../../src/renderer/i18n/ru'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') entries.set(path, value)
    else for (const [inner, text] of flatten(value, path)) entries.set(inner, text)
  }
  return entries
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort()

describe('UI dictionaries', () => {
  const russian = flatten(ru)
  const english = flatten(en)

  it('have the same keys in Russian and English', () => {
    expect([...english.keys()].sort()).toEqual([...russian.keys()].sort())
  })

  it('have no empty strings, and the same placeholders in both languages', () => {
    for (const [key, text] of russian) {
      expect(text.trim(), key).not.toBe('')
      expect(english.get(key)?.trim(), key).not.toBe('')
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
    }
  })

  it('say «Неприменимо» / «Not applicable» for a not-applicable score', () => {
    expect(ru.score.notApplicable).toBe('Неприменимо')
    expect(en.score.notApplicable).toBe('Not applicable')
  })
})

describe('format labels', () => {
  it('name every import format of the shared list in both languages', () => {
    for (const [language, dictionary] of [['ru', flatten(ru)], ['en', flatten(en)]] as const) {
      for (const format of importFormats) expect(dictionary.get(`import.formats.${format}`)?.trim(), `${language}: ${format}`).toBeTruthy()
    }
  })

  it('name and describe every export format of the shared list in both languages', () => {
    for (const [language, dictionary] of [['ru', flatten(ru)], ['en', flatten(en)]] as const) {
      for (const format of exportFormats) {
        expect(dictionary.get(`export.formats.${format}.title`)?.trim(), `${language}: ${format}`).toBeTruthy()
        expect(dictionary.get(`export.formats.${format}.hint`)?.trim(), `${language}: ${format}`).toBeTruthy()
      }
    }
  })
})
