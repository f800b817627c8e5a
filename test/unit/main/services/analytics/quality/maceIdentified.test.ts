import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeProjectQuality } from '../../../../../../src/main/services/analytics/quality'
import { MIN_MACE_ITEMS } from '../../../../../../src/main/services/analytics/quality/maceFit'
import { createDemoProject } from '../../../../../../src/main/services/demo/demoProject'
import { tempDir } from '../../../../../helpers/tempDir'

describe('MACE competence where it cannot be identified', () => {
  it("is null with a reason on a criterion with few items or a single level, and defined overall (the demo's figures)", async () => {
    const file = path.join(tempDir(), 'demo.castor')
    await createDemoProject(file)
    const { annotators } = computeProjectQuality(file)
    const names = Object.keys(annotators)
    expect(names).toHaveLength(2)
    for (const name of names) {
      const overall = annotators[name].maceCompetence
      expect(overall.value).toBeGreaterThan(0.5) // two careful experts who agree on 69 % of items
      expect(overall.value).toBeLessThan(1)
      expect(overall.warning).toMatch(/^two experts only/) // defined, read with care
      const criteria = Object.values(annotators[name].byCriterion)
      const fewItems = criteria.filter((figures) => figures.maceCompetence.reason === `fewer than ${MIN_MACE_ITEMS} items with two or more expert scores`)
      const oneLevel = criteria.filter((figures) => figures.maceCompetence.reason?.startsWith('every expert score is the same level'))
      expect(fewItems.length).toBeGreaterThan(10) // 3-item criteria: EM gave 0.01 beside 0.99 there
      expect(oneLevel).toHaveLength(1) // the format-violation flag: 12 items, all 0
      for (const figures of criteria) {
        if (figures.maceCompetence.value !== null) expect(figures.maceCompetence.reason).toBeUndefined()
        else expect(figures.maceCompetence.n).toBeGreaterThan(0)
      }
    }
  })
})
