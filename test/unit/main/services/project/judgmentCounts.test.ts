import { describe, expect, it } from 'vitest'
import { getInstruction, getItem, getResponseItems } from '../../../../../src/main/services/project/browse'
import { projectCounts } from '../../../../../src/main/services/project/projectInfo'
import { tempDir } from '../../../../helpers/tempDir'
import { createSmallProject } from '../exporters/smallProject'
import { addScoreStates } from '../exporters/scoreStates'

describe('failed judgments in counts and browse', () => {
  it('counts judge scores and failed judgments apart, in the header and per answer and item', () => {
    const { db } = createSmallProject(tempDir())
    try {
      addScoreStates(db)
      expect(projectCounts(db)).toMatchObject({ judgments: 2, judgmentErrors: 1 })
      expect(getInstruction(db, 1).responses.find((r) => r.model === 'm-good')).toMatchObject({ judgments: 1, judgmentErrors: 1 })
      expect(getResponseItems(db, 1).items.map((item) => [item.judgments, item.judgmentErrors])).toEqual([
        [1, 0],
        [0, 1],
      ])
      const failed = getItem(db, 2).judgments[0]
      expect(failed).toMatchObject({ score: null, notApplicable: false, error: 'the prompt (841 tokens) plus 4096 output tokens does not fit' })
    } finally {
      db.close()
    }
  })
})
