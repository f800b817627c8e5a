import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ItemRouting } from '@shared/api/routingModels'
import { calibrationDefaultText, routingReasonText } from '../../../../../src/renderer/features/routing/routingReason'
import { en } from '../../../../../src/renderer/i18n/en'
import { ru } from '../../../../../src/renderer/i18n/ru'

const base: ItemRouting = {
  itemId: 1,
  role: 'escalated',
  judgeScore: 0,
  confidence: 0.52,
  lambda: 0.71,
  alpha: 0.1,
  delta: 0.1,
  calibrationSize: 120,
  routingProbability: 1,
  expertsNeeded: 2,
}

describe('why an item went to experts or was accepted', () => {
  const t = i18next.createInstance()
  beforeAll(async () => {
    await t.init({ lng: 'en', resources: { en: { translation: en }, ru: { translation: ru } }, interpolation: { escapeValue: false } })
  })

  it('says the confidence was under λ, or that it cleared it, with α, δ and the calibration size', () => {
    expect(routingReasonText(base, t.t)).toBe('Sent to experts: judge confidence 0.52 < λ 0.71. Experts needed: 2')
    expect(routingReasonText({ ...base, role: 'accepted', judgeScore: 2, confidence: 0.93, routingProbability: 0 }, t.t)).toBe(
      'Accepted with the judge\u2019s score 2: confidence 0.93 ≥ λ 0.71 (α 0.10, δ 0.10, calibration 120)',
    )
    expect(routingReasonText({ ...base, confidence: 0.9, routingProbability: 0.2, expertsNeeded: 1 }, t.t)).toContain('at random (probability 0.20)')
    expect(routingReasonText({ ...base, lambda: null }, t.t)).toContain('has no threshold')
  })

  it('speaks Russian too', async () => {
    await t.changeLanguage('ru')
    expect(routingReasonText(base, t.t)).toBe('Отправлено экспертам: уверенность судьи 0.52 < λ 0.71. Нужно экспертов: 2')
    await t.changeLanguage('en')
  })

  it('explains the default calibration size', () => {
    const text = calibrationDefaultText(
      { size: 200, answers: 1000, setByLead: false, minItems: 50, zeroErrorItems: 22, alpha: 0.1, alphaAssumed: true, delta: 0.1, perCriterion: 100, rarestShare: 0.5, capped: false },
      t.t,
    )
    expect(text).toBe(
      'Default calibration: 200 of 1000 answers — 2 × max(minimum 50 items per threshold, 22 items for a zero-error bound at α 0.1 and δ 0.1) = 100 items per criterion. ' +
        'α 0.1 is assumed: the expert ceiling is known only after calibration. Divided by the share of answers with the rarest criterion (0.50).',
    )
  })
})
