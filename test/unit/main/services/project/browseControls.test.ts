import { describe, expect, it } from 'vitest'
import { getItem, getResponseItems } from '../../../../../src/main/services/project/browse'
import { markControl, unmarkControl } from '../../../../../src/main/services/workbench/controls'
import { tempDir } from '../../../../helpers/tempDir'
import { createSmallProject } from '../exporters/smallProject'

describe('control items in browse (lead-only)', () => {
  it("gives a control item's row its reference score and its detail the score and note; ordinary items null", () => {
    const { db } = createSmallProject(tempDir())
    try {
      expect(getResponseItems(db, 1).items.map((item) => item.controlScore)).toEqual([null, null])
      expect(getItem(db, 1).control).toBeNull()
      markControl(db, { itemId: 2, score: 1, note: 'эталон' }, 'lead')
      expect(getResponseItems(db, 1).items.map((item) => [item.id, item.controlScore])).toEqual([
        [1, null],
        [2, 1],
      ])
      expect(getItem(db, 2).control).toEqual({ score: 1, note: 'эталон' })
      expect(getItem(db, 1).control).toBeNull()
      unmarkControl(db, 2)
      expect(getItem(db, 2).control).toBeNull()
    } finally {
      db.close()
    }
  })
})
