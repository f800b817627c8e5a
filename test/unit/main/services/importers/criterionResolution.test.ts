import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { createDemoProject } from '../../../../../src/main/services/demo/demoProject'
import { importFile } from '../../../../../src/main/services/importers'
import { tempDir } from '../../../../helpers/tempDir'
import { expectImportError, genericRow, jsonl, newProject, polluxFile } from './importTestKit'

let db: Db
afterEach(() => db?.close())

const CORRECTNESS = 'Правильность ответа'
/** The Russian scale of POLLUX's first «Правильность ответа» (correct_answer), shared by four more of the 33. */
const taxonomy = JSON.parse(fs.readFileSync(polluxFile('criteria.json'), 'utf8')) as Record<string, { name: { ru: string }; scale: { ru: Record<string, string> } }>
const ownRubric = { '0': 'Ответ неверен.', '1': 'Ответ верен.' }

function write(name: string, records: unknown[]): string {
  const file = path.join(path.dirname(db.name), name)
  fs.writeFileSync(file, jsonl(records))
  return file
}

const criteriaNamed = (name: string) => db.prepare('SELECT external_id FROM criteria WHERE name = ? ORDER BY id').pluck().all(name) as string[]
const criterionOfScores = () =>
  db.prepare('SELECT DISTINCT c.external_id FROM annotations a JOIN items i ON i.id = a.item_id JOIN criteria c ON c.id = i.criterion_id').pluck().all()

describe('criterion resolution by name and rubric', () => {
  it('after criteria.json, a generic row named «Правильность ответа» with its own rubric gets a new criterion', async () => {
    ;({ db } = newProject())
    await importFile(db, polluxFile('criteria.json'))
    expect(criteriaNamed(CORRECTNESS)).toHaveLength(33)
    const file = write('own.jsonl', [genericRow({ criterion: CORRECTNESS, rubric: ownRubric, score: 1 }), genericRow({ criterion: CORRECTNESS, rubric: ownRubric, annotator: 'Борис', score: 0 })])
    const summary = await importFile(db, file)
    expect(summary.added.criteria).toBe(1)
    const named = criteriaNamed(CORRECTNESS)
    expect(named).toHaveLength(34)
    expect(named[33]).toMatch(/^Правильность ответа #[0-9a-f]{8}$/)
    expect(criterionOfScores()).toEqual([named[33]])
    // The same rubric again resolves to that criterion, in a later import too.
    await importFile(db, write('again.jsonl', [genericRow({ instruction_id: 'q2', criterion: CORRECTNESS, rubric: ownRubric, score: 1 })]))
    expect(criteriaNamed(CORRECTNESS)).toHaveLength(34)
  })

  it('uses the taxonomy criterion whose levels match the row rubric (the first of identical ones)', async () => {
    ;({ db } = newProject())
    await importFile(db, polluxFile('criteria.json'))
    const summary = await importFile(db, write('taxonomy.jsonl', [genericRow({ criterion: CORRECTNESS, rubric: taxonomy.correct_answer.scale.ru, score: 2 })]))
    expect(summary.added.criteria).toBe(0)
    expect(criterionOfScores()).toEqual(['correct_answer'])
    const identical = Object.entries(taxonomy).filter(
      ([, entry]) => entry.name.ru === CORRECTNESS && JSON.stringify(entry.scale.ru) === JSON.stringify(taxonomy.correct_answer.scale.ru),
    )
    expect(identical.length).toBeGreaterThan(1)
  })

  it('resolves «Правильность ответа» with a rubric in the demo project, which holds four of them', async () => {
    const dir = tempDir('castor-demo-')
    const file = path.join(dir, 'demo.castor')
    await createDemoProject(file)
    db = openProject(file)
    expect(criteriaNamed(CORRECTNESS)).toHaveLength(4)
    const summary = await importFile(db, write('mine.jsonl', [genericRow({ criterion: CORRECTNESS, rubric: ownRubric, score: 1 })]))
    expect(summary.added).toMatchObject({ criteria: 1, annotations: 1 })
    const demoScale = taxonomy.correct_answer__23.scale.ru
    const reuse = await importFile(db, write('theirs.jsonl', [genericRow({ criterion: CORRECTNESS, rubric: demoScale, score: 2 })]))
    expect(reuse.added.criteria).toBe(0)
    expect(criteriaNamed(CORRECTNESS)).toHaveLength(5)
  })

  it('refuses a row without a rubric whose name several criteria share, listing each with its first rubric line', async () => {
    ;({ db } = newProject())
    await importFile(db, polluxFile('criteria.json'))
    const row = genericRow({ criterion: CORRECTNESS })
    delete row.rubric
    const error = await expectImportError(db, write('ambiguous.jsonl', [row]), { code: 'invalid-input', line: 1, field: 'criterion', value: CORRECTNESS })
    expect(error.message).toMatch(/matches 33 criteria by name/)
    expect(error.message).toContain(`correct_answer (0: ${taxonomy.correct_answer.scale.ru['0'].slice(0, 40)}`)
    expect(error.message).toContain('correct_answer__5 (0: Модель допустила две ошибки и более.)')
    expect(error.message).toContain('correct_answer__33 (0: ')
    expect(error.message).toMatch(/Give the external id instead, or the rubric/)
  })

  it('takes a name in NFC and in NFD, or with a zero-width space, as one criterion', async () => {
    ;({ db } = newProject())
    const nfc = 'Связность'.normalize('NFC') + ' и ясность изложения'
    const name = 'Ёмкость'
    expect(name.normalize('NFD')).not.toBe(name)
    await importFile(db, write('nfc.jsonl', [genericRow({ criterion: name, rubric: ownRubric, score: 1 }), genericRow({ criterion: nfc, rubric: ownRubric, score: 0 })]))
    const before = db.prepare('SELECT count(*) FROM criteria').pluck().get()
    expect(before).toBe(2)
    const lookalikes = [
      genericRow({ instruction_id: 'q2', criterion: name.normalize('NFD'), rubric: ownRubric, score: 1 }),
      genericRow({ instruction_id: 'q3', criterion: `${name}\u200B`, rubric: ownRubric, score: 1 }),
      genericRow({ instruction_id: 'q4', criterion: `\uFEFF${name.normalize('NFD')}`, score: 0 }),
    ]
    delete lookalikes[2].rubric
    const summary = await importFile(db, write('lookalikes.jsonl', lookalikes))
    expect(summary.added.criteria).toBe(0)
    expect(db.prepare('SELECT count(*) FROM criteria').pluck().get()).toBe(2)
    // Stored texts stay as given.
    expect(criteriaNamed(name)).toHaveLength(1)
  })
})
