import { describe, expect, it } from 'vitest'
import { identityKey } from '../../../../src/shared/domain/identity'

describe('identityKey', () => {
  it('gives NFC and NFD spellings of one name one key', () => {
    const nfd = 'Ёмкость ответа'.normalize('NFD')
    expect(nfd).not.toBe('Ёмкость ответа')
    expect(identityKey(nfd)).toBe(identityKey('Ёмкость ответа'))
    expect(identityKey('Café'.normalize('NFD'))).toBe('Café'.normalize('NFC'))
  })

  it('drops zero-width characters at the ends and inside, and nothing else', () => {
    expect(identityKey('\uFEFFАн\u200Bна\u200C\u200D')).toBe('Анна')
    expect(identityKey(' Анна ')).toBe(' Анна ')
    expect(identityKey('Анна\u00A0Б')).toBe('Анна\u00A0Б')
    expect(identityKey('gpt-4o')).toBe('gpt-4o')
  })
})
