import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../../../src/main/services/db'
import { createDemoProject, DEMO_PROJECT_NAME } from '../../../../../src/main/services/demo/demoProject'
import { projectCounts, projectName } from '../../../../../src/main/services/project/projectInfo'
import { tempDir } from '../../../../helpers/tempDir'

const demoCounts = { instructions: 6, responses: 18, criteria: 16, items: 60, annotators: 2, annotations: 120, judgments: 60, judgmentErrors: 0 }

describe('createDemoProject', () => {
  it('creates the Russian demo with its counts, name, experts and judge', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'demo.castor')
    await createDemoProject(file)
    const db = openProject(file, { readOnly: true })
    try {
      expect(projectCounts(db)).toEqual(demoCounts)
      expect(projectName(db, file)).toBe(DEMO_PROJECT_NAME)
      expect(db.prepare('SELECT name FROM annotators ORDER BY name').pluck().all()).toEqual(['Эксперт А', 'Эксперт Б'])
      expect(db.prepare('SELECT name FROM judge_runs').pluck().all()).toEqual(['pollux-judge-7b'])
      expect(db.prepare('SELECT count(*) FROM annotations WHERE not_applicable = 1').pluck().get()).toBeGreaterThanOrEqual(1)
      expect(db.prepare("SELECT count(*) FROM responses WHERE text LIKE '%<script>alert(1)</script>%'").pluck().get()).toBe(1)
      expect(db.prepare("SELECT name FROM criteria WHERE external_id = 'narushenie_formata'").pluck().get()).toMatch(/^Есть ли критичное нарушение формата/)
      expect(db.prepare("SELECT count(*) FROM instructions WHERE reference_answer IS NOT NULL").pluck().get()).toBe(4)
    } finally {
      db.close()
    }
    // Only the project (and the WAL files a read-only open leaves): no partial file.
    expect(fs.readdirSync(dir).filter((name) => !name.startsWith('demo.castor'))).toEqual([])
    expect(fs.readdirSync(dir).some((name) => name.includes('partial'))).toBe(false)
  })

  it('leaves nothing behind when the target folder cannot hold the project', async () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'not-a-folder'), 'x')
    await expect(createDemoProject(path.join(dir, 'not-a-folder', 'demo.castor'))).rejects.toThrow()
    expect(fs.readdirSync(dir)).toEqual(['not-a-folder'])
  })
})
