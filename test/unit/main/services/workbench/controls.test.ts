import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { describe, expect, it } from 'vitest'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { computeProjectStats } from '../../../../../src/main/services/analytics'
import { controlAccuracyByAnnotator } from '../../../../../src/main/services/analytics/quality'
import { exportProject } from '../../../../../src/main/services/exporters'
import { importFile } from '../../../../../src/main/services/importers'
import {
  addAnnotator,
  adjudicationQueue,
  claimNext,
  controlDraw,
  controlFeedback,
  listControls,
  markControl,
  setAdjudication,
  submit,
  unmarkControl,
  updateControlSettings,
  updateSettings,
} from '../../../../../src/main/services/workbench'
import { judgeOnDemand } from '../../../../../src/main/services/judge/runs/onDemand'
import { tempDir } from '../../../../helpers/tempDir'
import { closedAfterEach, closingProjects, itemsOf } from './workbenchKit'

const open = closedAfterEach()
const project = closingProjects(open)

const person = (db: Db, name: string) => addAnnotator(db, { name, role: 'annotator', language: null, quota: null, filters: {} }).annotator.id
const score = (db: Db, who: number, itemId: number, value: number | null) =>
  submit(db, who, { itemId, score: value, notApplicable: value === null, rationale: 'r', activeMs: 1000 })

/** Two annotators score every answer (one criterion): equal everywhere except where `split` says. */
function twoScored(answers: number, split: (index: number) => [number | null, number | null]) {
  const made = project({ answers, criteria: 1 })
  const { db, responseIds } = made
  const a = person(db, 'Анна')
  const b = person(db, 'Борис')
  for (const [who, side] of [
    [a, 0],
    [b, 1],
  ] as const) {
    for (let i = 0; i < answers; i++) {
      const responseId = claimNext(db, who).responseId as number
      score(db, who, itemsOf(db, responseId)[0], split(responseIds.indexOf(responseId))[side])
    }
  }
  const items = responseIds.map((id) => itemsOf(db, id)[0])
  return { ...made, a, b, items }
}

describe('control items', () => {
  it('are marked from a final score or typed in, checked against the scale, and listed', () => {
    const { db, items } = twoScored(3, () => [1, 1])
    expect(() => markControl(db, { itemId: items[0], score: null, note: '' }, 'Вера')).toThrow(/no final score/)
    setAdjudication(db, { itemId: items[0], score: 2, notApplicable: false, note: 'по эталону' }, { id: null, name: 'Вера' })
    expect(markControl(db, { itemId: items[0], score: null, note: '' }, 'Вера')).toMatchObject({ score: 2, note: 'по эталону', source: 'adjudication', createdBy: 'Вера' })
    setAdjudication(db, { itemId: items[1], score: null, notApplicable: true, note: '' }, { id: null, name: 'Вера' })
    expect(() => markControl(db, { itemId: items[1], score: null, note: '' }, 'Вера')).toThrow(/N\/A/)
    expect(() => markControl(db, { itemId: items[1], score: 7, note: '' }, 'Вера')).toThrow(/not a level/)
    expect(() => markControl(db, { itemId: 999_999, score: 1, note: '' }, 'Вера')).toThrow(/No item/)
    expect(markControl(db, { itemId: items[1], score: 0, note: 'пусто' }, 'Вера')).toMatchObject({ score: 0, source: 'typed' })
    expect(listControls(db, { offset: 0, limit: 10 }).rows.map((row) => [row.itemId, row.score])).toEqual([
      [items[0], 2],
      [items[1], 0],
    ])
    expect(unmarkControl(db, items[1])).toBe(true)
    expect(listControls(db, { offset: 0, limit: 10 }).total).toBe(1)
  })

  it('count for control accuracy only: blind first submission against the reference, per criterion', () => {
    const { db, a, b, items, criterionIds } = twoScored(4, (i) => (i === 0 ? [2, 1] : i === 1 ? [0, null] : [1, 1]))
    markControl(db, { itemId: items[0], score: 2, note: '' }, 'Вера')
    markControl(db, { itemId: items[1], score: 0, note: '' }, 'Вера')
    const accuracy = controlAccuracyByAnnotator(db)
    expect(accuracy.get(a)).toEqual({ n: 2, correct: 2, byCriterion: new Map([[criterionIds[0], { n: 2, correct: 2 }]]) })
    // N/A is never right; a wrong score is wrong.
    expect(accuracy.get(b)).toMatchObject({ n: 2, correct: 0 })
  })

  it('are left out of agreement and of the adjudication queue', async () => {
    // The experts agree everywhere except on items 0 (1 vs 2) and 1 (N/A vs 2).
    const { db, items } = twoScored(6, (i) => (i === 0 ? [1, 2] : i === 1 ? [null, 2] : [1, 1]))
    const before = await computeProjectStats(db)
    expect(before.agreement.percentAgreement.value).toBeLessThan(1)
    expect(adjudicationQueue(db, { offset: 0, limit: 10, unresolvedOnly: true }).rows.map((r) => r.itemId)).toEqual([items[0], items[1]])
    markControl(db, { itemId: items[0], score: 1, note: '' }, 'Вера')
    markControl(db, { itemId: items[1], score: 2, note: '' }, 'Вера')
    const after = await computeProjectStats(db)
    expect(after.agreement.percentAgreement.value).toBe(1)
    expect(after.agreement.items).toBe(before.agreement.items - 1) // item 1 had one score besides N/A
    expect(adjudicationQueue(db, { offset: 0, limit: 10, unresolvedOnly: true, range: 'all' }).rows.map((r) => r.itemId)).not.toContain(items[0])
  })

  it('leave the adjudication queue filters N/A as a value of its own', () => {
    // 0: N/A vs 1 (numeric range 0), 1: 1 vs 2, 2: 0 vs 2, 3: 1 vs 1, 4: N/A vs N/A
    const pairs: [number | null, number | null][] = [[null, 1], [1, 2], [0, 2], [1, 1], [null, null]]
    const { db, items } = twoScored(5, (i) => pairs[i])
    const ids = (range?: 'all' | 'disagree' | 'na' | number) => adjudicationQueue(db, { offset: 0, limit: 10, unresolvedOnly: true, range }).rows.map((r) => items.indexOf(r.itemId))
    expect(ids()).toEqual([2, 1, 0])
    expect(ids('na')).toEqual([0])
    expect(ids(1)).toEqual([2, 1])
    expect(ids(2)).toEqual([2])
    expect(ids('all')).toEqual([2, 1, 0, 3, 4])
    const naRow = adjudicationQueue(db, { offset: 0, limit: 10, unresolvedOnly: true, range: 'na' }).rows[0]
    expect(naRow).toMatchObject({ range: 0, notApplicableCount: 1, disagrees: true })
    expect(adjudicationQueue(db, { offset: 0, limit: 10, unresolvedOnly: true, model: 'model-b' }).total).toBe(0)
    expect(adjudicationQueue(db, { offset: 0, limit: 10, unresolvedOnly: true, model: 'model-a' }).total).toBe(3)
  })

  it('ask the judge on demand only once the project has judge settings, and say so', async () => {
    const { db, items } = twoScored(1, () => [1, 1])
    await expect(judgeOnDemand(db, items[0])).rejects.toThrow(/No judge is set up in this project yet/)
  })

  it('tell the reference only when the lead turned feedback on', () => {
    const { db, items } = twoScored(2, () => [1, 1])
    markControl(db, { itemId: items[0], score: 2, note: 'см. эталон' }, 'Вера')
    expect(controlFeedback(db, items[0])).toBeNull()
    updateControlSettings(db, { feedback: true })
    expect(controlFeedback(db, items[0])).toEqual({ referenceScore: 2, note: 'см. эталон' })
    expect(controlFeedback(db, items[1])).toBeNull()
  })
})

describe('control mixing', () => {
  /** 300 ordinary answers, the last 40 made controls; one annotator claims `claims` answers. */
  function mixed(rate: number, claims: number, seed: number) {
    const { db, responseIds } = project({ answers: 340, criteria: 1 })
    db.prepare('UPDATE control_settings SET seed = ?').run(seed)
    const controls = new Set(responseIds.slice(300))
    for (const responseId of controls) markControl(db, { itemId: itemsOf(db, responseId)[0], score: 1, note: '' }, 'Вера')
    updateControlSettings(db, { rate })
    const who = person(db, 'Анна')
    const got: number[] = []
    for (let i = 0; i < claims; i++) {
      const claim = claimNext(db, who)
      if (claim.responseId === null) break
      got.push(claim.responseId)
      score(db, who, itemsOf(db, claim.responseId)[0], 1)
    }
    return { db, got, controls }
  }

  it('hands out controls at the lead-set rate, the same sequence for the same seed', () => {
    const first = mixed(0.1, 200, 12345)
    const share = first.got.filter((id) => first.controls.has(id)).length / first.got.length
    // 200 Bernoulli(0.1) draws: sd ≈ 0.021, so ±0.07 is over 3 sd; the draw itself is checked below on 100,000.
    expect(share).toBeGreaterThan(0.03)
    expect(share).toBeLessThan(0.17)
    expect(mixed(0.1, 200, 12345).got).toEqual(first.got)
    expect(mixed(0.1, 200, 777).got).not.toEqual(first.got)
    let below = 0
    for (let claim = 0; claim < 100_000; claim++) if (controlDraw(99, 3, claim) < 0.25) below++
    expect(below / 100_000).toBeCloseTo(0.25, 2)
  })

  it('never at rate 0, and beyond the overlap k without taking a regular slot', () => {
    const none = mixed(0, 60, 1)
    expect(none.got.some((id) => none.controls.has(id))).toBe(false)
    const { db, responseIds } = project({ answers: 3, criteria: 1 })
    updateSettings(db, { overlap: 1 })
    const control = responseIds[0]
    markControl(db, { itemId: itemsOf(db, control)[0], score: 1, note: '' }, 'Вера')
    updateControlSettings(db, { rate: 1 })
    const people = ['А', 'Б', 'В', 'Г'].map((name) => person(db, name))
    for (const who of people) {
      const claim = claimNext(db, who)
      expect(claim.responseId).toBe(control)
      score(db, who, itemsOf(db, control)[0], 1)
    }
    expect(db.prepare('SELECT count(*) FROM assignments WHERE response_id = ? AND control = 1').pluck().get(control)).toBe(4)
    expect(db.prepare('SELECT slots_taken FROM responses WHERE id = ?').pluck().get(control)).toBe(0)
    // With every control done, the next claims are ordinary answers.
    expect(claimNext(db, people[0]).responseId).not.toBe(control)
  })
})

describe('control items in exports', () => {
  it('write control_score on every row and the control flag on annotator rows, and read them back', async () => {
    const { db, items } = twoScored(3, () => [1, 2])
    markControl(db, { itemId: items[0], score: 2, note: 'эталон' }, 'Вера')
    const dir = tempDir()
    await exportProject(db, 'jsonl', path.join(dir, 'out.jsonl'))
    const lines = fs.readFileSync(path.join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => [l.instruction_id, l.annotator, l.control_score, l.control_note, l.control])).toEqual([
      ['q0', 'Анна', 2, 'эталон', true],
      ['q0', 'Борис', 2, 'эталон', true],
      ['q1', 'Анна', undefined, undefined, undefined],
      ['q1', 'Борис', undefined, undefined, undefined],
      ['q2', 'Анна', undefined, undefined, undefined],
      ['q2', 'Борис', undefined, undefined, undefined],
    ])
    await exportProject(db, 'csv', path.join(dir, 'out.csv'))
    const records = parse(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[]
    expect(records.slice(0, 3).map((r) => [r.control_score, r.control_note, r.control])).toEqual([
      ['2', 'эталон', 'true'],
      ['2', 'эталон', 'true'],
      ['', '', ''],
    ])
    await exportProject(db, 'parquet', path.join(dir, 'out.parquet'))
    const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(path.join(dir, 'out.parquet')) })) as Record<string, unknown>[]
    expect(rows.slice(0, 3).map((r) => [r.control_score, r.control])).toEqual([
      [2, 'true'],
      [2, 'true'],
      [null, null],
    ])

    for (const name of ['out.jsonl', 'out.csv', 'out.parquet']) {
      const again = openProject(path.join(dir, `re-${name}.castor`), { create: true })
      open.push(again)
      await importFile(again, path.join(dir, name), { format: 'auto' })
      expect(listControls(again, { offset: 0, limit: 10 }).rows.map((row) => [row.score, row.note, row.source]), name).toEqual([[2, 'эталон', 'import']])
      expect((await computeProjectStats(again)).agreement.items, name).toBe(2)
    }
  })

  it('refuse a control score off the scale or differing within an item, naming the line, and change nothing', async () => {
    const dir = tempDir()
    const base = { instruction_id: 'q1', instruction: 'Вопрос', model: 'm', answer: 'Ответ', criterion: 'c', rubric: { '0': 'нет', '1': 'да' } }
    const cases: [string, Record<string, unknown>[], RegExp][] = [
      ['off.jsonl', [{ ...base, annotator: 'Анна', score: 1, control_score: 5 }], /line 1.*control_score.*not on the scale/s],
      [
        'differs.jsonl',
        [
          { ...base, annotator: 'Анна', score: 1, control_score: 1 },
          { ...base, annotator: 'Борис', score: 0, control_score: 0 },
        ],
        /line 2.*control_score.*differs/s,
      ],
      ['flag.jsonl', [{ ...base, annotator: 'Анна', score: 1, control: true }], /line 1.*control.*no control_score/s],
    ]
    for (const [name, rows, message] of cases) {
      const file = path.join(dir, name)
      fs.writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n') + '\n')
      const db = openProject(path.join(dir, `${name}.castor`), { create: true })
      open.push(db)
      await expect(importFile(db, file, { format: 'auto' }), name).rejects.toThrow(message)
      expect(db.prepare('SELECT count(*) FROM items').pluck().get(), name).toBe(0)
    }
  })
})
