import { describe, expect, it } from 'vitest'
import { criterionLabels } from '../../../../src/shared/domain/criterionLabels'

describe('criterionLabels', () => {
  it('keeps a unique name and adds the external id where names repeat', () => {
    const labels = criterionLabels([
      { name: 'Правильность ответа', externalId: 'c1' },
      { name: 'Логичность', externalId: 'c2' },
      { name: 'Правильность ответа', externalId: 'c3' },
    ])
    expect(labels).toEqual(['Правильность ответа (c1)', 'Логичность', 'Правильность ответа (c3)'])
    expect(new Set(labels).size).toBe(3)
  })
})
