import { describe, expect, it } from 'vitest'
import { AGREEMENT_MEASURES, BOOTSTRAPPED_AGREEMENT, BOOTSTRAPPED_COMPARE, COMPARE_MEASURES, JUDGE_MODEL_MEASURES } from '../../../../src/shared/api/statsMeasures'
import { en } from '../../../../src/renderer/i18n/en'
import { ru } from '../../../../src/renderer/i18n/ru'

describe('the one table of measures', () => {
  it('names every agreement figure of the contract once, ICC(2,1) and ICC(2,k) included', () => {
    expect(AGREEMENT_MEASURES.map((m) => m.key)).toEqual(['verdictConfidence', 'percentAgreement', 'alphaNominal', 'alphaOrdinal', 'alphaInterval', 'fleissKappa', 'gwetAC1', 'gwetAC2', 'icc21', 'icc2k'])
    expect(new Set(AGREEMENT_MEASURES.map((m) => m.label)).size).toBe(AGREEMENT_MEASURES.length)
    // ICC is computed on the complete case, not per bootstrap resample
    expect(BOOTSTRAPPED_AGREEMENT.map((m) => m.key)).not.toContain('icc2k')
    expect(BOOTSTRAPPED_COMPARE).toHaveLength(COMPARE_MEASURES.length)
  })

  it('has a label in both languages for every measure', () => {
    for (const dictionary of [en, ru]) {
      for (const m of AGREEMENT_MEASURES) expect(dictionary.analytics.figures[m.key]).toBeTruthy()
      for (const m of JUDGE_MODEL_MEASURES) expect(dictionary.analytics.judges[m.key]).toBeTruthy()
    }
  })
})
