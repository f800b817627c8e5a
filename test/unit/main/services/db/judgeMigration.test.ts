import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { latestSchemaVersion, openProject, schemaVersion } from '../../../../../src/main/services/db'
import { seedSmallProject } from '../../../../helpers/smallProject'
import { tempDir } from '../../../../helpers/tempDir'

describe('migration 0003 (judge)', () => {
  it('migrates an empty file and holds one judgment per item per run, one run per configuration, one queue entry per item', () => {
    const db = openProject(path.join(tempDir(), 'j.castor'), { create: true })
    expect(schemaVersion(db)).toBe(latestSchemaVersion)
    const { itemIds } = seedSmallProject(db)
    const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name)
    expect(columns('judge_runs')).toEqual(expect.arrayContaining(['config', 'config_hash', 'selection', 'error', 'updated_at']))
    expect(columns('judgments')).toEqual(expect.arrayContaining(['reasoning', 'expected_score', 'entropy', 'reused_prompt_tokens']))

    const run = Number(db.prepare("INSERT INTO judge_runs (name, model, backend, config_hash) VALUES ('r', 'm', 'openai', 'h1')").run().lastInsertRowid)
    db.prepare('INSERT INTO judgments (run_id, item_id, score) VALUES (?, ?, 1)').run(run, itemIds[0])
    expect(() => db.prepare('INSERT INTO judgments (run_id, item_id, score) VALUES (?, ?, 2)').run(run, itemIds[0])).toThrow(/UNIQUE constraint failed: judgments.run_id, judgments.item_id/)
    expect(() => db.prepare("INSERT INTO judge_runs (name, model, backend, config_hash) VALUES ('r2', 'm', 'openai', 'h1')").run()).toThrow(/UNIQUE constraint failed: judge_runs.config_hash/)
    // Imported runs have no configuration: any number of them.
    db.prepare("INSERT INTO judge_runs (name, model) VALUES ('i1', 'm')").run()
    db.prepare("INSERT INTO judge_runs (name, model) VALUES ('i2', 'm')").run()
    db.prepare('INSERT INTO judge_run_items (run_id, item_id, position) VALUES (?, ?, 0)').run(run, itemIds[0])
    expect(() => db.prepare('INSERT INTO judge_run_items (run_id, item_id, position) VALUES (?, ?, 1)').run(run, itemIds[0])).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => db.prepare('INSERT INTO judge_run_items (run_id, item_id, position) VALUES (?, 999999, 1)').run(run)).toThrow(/FOREIGN KEY/)
    // Deleting a run takes its queue and judgments with it.
    db.prepare('DELETE FROM judge_runs WHERE id = ?').run(run)
    expect(db.prepare('SELECT count(*) FROM judge_run_items').pluck().get()).toBe(0)
    expect(db.prepare('SELECT count(*) FROM judgments WHERE run_id = ?').pluck().get(run)).toBe(0)
    db.close()
  })
})
