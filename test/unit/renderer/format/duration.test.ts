import i18next, { type i18n } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { formatDuration } from '../../../../src/renderer/format/duration'
import { en } from '../../../../src/renderer/i18n/en'
import { ru } from '../../../../src/renderer/i18n/ru'

let english: i18n
let russian: i18n

async function dictionary(language: 'en' | 'ru'): Promise<i18n> {
  const instance = i18next.createInstance()
  await instance.init({ resources: { en: { translation: en }, ru: { translation: ru } }, lng: language, interpolation: { escapeValue: false }, showSupportNotice: false })
  return instance
}

const inEnglish = (ms: number) => formatDuration(ms, (key, values) => english.t(key, values), 'en-US')
const inRussian = (ms: number) => formatDuration(ms, (key, values) => russian.t(key, values), 'ru-RU')

describe('formatDuration', () => {
  beforeAll(async () => {
    english = await dictionary('en')
    russian = await dictionary('ru')
  })

  it('reads a sub-second active time in seconds, never in milliseconds', () => {
    expect(inEnglish(641)).toBe('0.6 s')
    expect(inRussian(641)).toBe('0,6 с')
    expect(inEnglish(0)).toBe('0.0 s')
    expect(inEnglish(-5)).toBe('0.0 s')
    expect(inEnglish(Number.NaN)).toBe('0.0 s')
  })

  it('keeps one decimal under ten seconds and whole seconds up to a minute', () => {
    expect(inEnglish(4_240)).toBe('4.2 s')
    expect(inEnglish(9_960)).toBe('10 s')
    expect(inEnglish(12_400)).toBe('12 s')
    expect(inRussian(45_000)).toBe('45 с')
  })

  it('reads minutes and seconds, rounding before it picks the unit', () => {
    expect(inEnglish(64_000)).toBe('1 min 4 s')
    expect(inRussian(64_000)).toBe('1 мин 4 с')
    expect(inEnglish(59_700)).toBe('1 min')
    expect(inEnglish(120_000)).toBe('2 min')
  })

  it('reads hours and minutes for long runs', () => {
    expect(inEnglish(2 * 3_600_000 + 5 * 60_000 + 12_000)).toBe('2 h 5 min')
    expect(inRussian(3_600_000)).toBe('1 ч')
    expect(inEnglish(3_599_700)).toBe('1 h')
  })
})
