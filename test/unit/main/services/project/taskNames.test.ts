import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../../../src/main/services/db'
import { createDemoProject } from '../../../../../src/main/services/demo/demoProject'
import { listTaskNames } from '../../../../../src/main/services/project/taskNames'
import { tempDir } from '../../../../helpers/tempDir'

describe('listTaskNames', () => {
  it('gives every task of the imported tasks.json with its English and Russian name', async () => {
    const file = path.join(tempDir(), 'demo.castor')
    await createDemoProject(file)
    const db = openProject(file, { readOnly: true })
    try {
      const names = listTaskNames(db)
      expect(names).toHaveLength(13)
      expect(names).toContainEqual({ path: 'QA', nameEn: 'QA', nameRu: 'Поиск информации' })
      expect(names).toContainEqual({ path: 'QA / Concept explanation', nameEn: 'Concept explanation', nameRu: 'Объяснить концепт' })
      // Every instruction's task path of the demo is a node of the taxonomy, so all of it can be shown in Russian.
      const paths = new Set(names.map((name) => name.path))
      const instructionTasks = db.prepare('SELECT DISTINCT task_path FROM instructions WHERE task_path IS NOT NULL').pluck().all() as string[]
      expect(instructionTasks.length).toBeGreaterThan(0)
      for (const task of instructionTasks) expect(paths.has(task), task).toBe(true)
    } finally {
      db.close()
    }
  })
})
