import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { latestSchemaVersion, openProject, schemaVersion } from '../../../../../src/main/services/db'
import { migrationList } from '../../../../../src/main/services/db/migrations/index'
import { tempDir } from '../../../../helpers/tempDir'

describe('migration 0004 (routing)', () => {
  it('migrates a version-3 file with assignments: settings default to breadth/blind, slots and the k ceiling kept', () => {
    const file = path.join(tempDir(), 'v3.castor')
    const old = new Database(file)
    old.pragma(`application_id = ${0x43535452}`)
    for (const migration of migrationList.filter((m) => m.version <= 3)) old.exec(migration.sql)
    old.pragma('user_version = 3')
    old.exec(`
      INSERT INTO criteria (id, external_id, name) VALUES (1, 'c', 'c');
      INSERT INTO instructions (id, external_id, text) VALUES (1, 'q', 'Вопрос');
      INSERT INTO responses (id, instruction_id, model, text) VALUES (1, 1, 'm', 'Ответ');
      INSERT INTO items (id, response_id, criterion_id) VALUES (1, 1, 1);
      INSERT INTO annotators (id, name) VALUES (1, 'А'), (2, 'Б'), (3, 'В');
      INSERT INTO assignments (response_id, annotator_id) VALUES (1, 1), (1, 2);
      INSERT INTO annotations (item_id, annotator_id, score, status) VALUES (1, 1, 1, 'submitted');
    `)
    old.close()

    const db = openProject(file)
    expect(schemaVersion(db)).toBe(latestSchemaVersion)
    expect(db.prepare('SELECT policy, annotation_mode, phase FROM routing_settings').get()).toEqual({ policy: 'breadth', annotation_mode: 'blind', phase: 'off' })
    expect(db.prepare('SELECT slots_taken, random_key, expert_target FROM responses').get()).toEqual({ slots_taken: 2, random_key: 0, expert_target: null })
    expect(db.prepare('SELECT assisted FROM annotations').pluck().get()).toBe(0)
    expect(() => db.prepare('INSERT INTO assignments (response_id, annotator_id) VALUES (1, 3)').run()).toThrow(/overlap/)
    // judge-guided raises the ceiling to the lead's maximum experts
    db.prepare("UPDATE routing_settings SET policy = 'judge-guided', max_experts = 3").run()
    db.prepare('INSERT INTO assignments (response_id, annotator_id) VALUES (1, 3)').run()
    expect(db.prepare('SELECT slots_taken FROM responses').pluck().get()).toBe(3)
    db.close()
  })
})
