import { describe, expect, it } from 'vitest'
import type { Db } from '../../../../../src/main/services/db'
import {
  addAnnotator,
  candidateSql,
  claimNext,
  removeAnnotator,
  saveDraft,
  submit,
  updateSettings,
  workQueue,
} from '../../../../../src/main/services/workbench'
import { closingProjects, itemsOf } from './workbenchKit'

const project = closingProjects()

function person(db: Db, name: string, extra: Partial<Parameters<typeof addAnnotator>[1]> = {}): number {
  return addAnnotator(db, { name, role: 'annotator', language: 'ru', quota: null, filters: {}, ...extra }).annotator.id
}

/** Submits every criterion of the answer for the annotator. */
function finish(db: Db, annotatorId: number, responseId: number): void {
  for (const itemId of itemsOf(db, responseId)) submit(db, annotatorId, { itemId, score: 1, notApplicable: false, rationale: 'ok', activeMs: 1000 })
}

/** Claims and finishes answers until the annotator gets none; returns the answers in order. */
function drain(db: Db, annotatorId: number): number[] {
  const got: number[] = []
  for (;;) {
    const claim = claimNext(db, annotatorId)
    if (claim.responseId === null) return got
    got.push(claim.responseId)
    finish(db, annotatorId, claim.responseId)
  }
}

const assignmentsByAnswer = (db: Db) =>
  db.prepare('SELECT response_id AS responseId, count(*) AS n, count(DISTINCT annotator_id) AS people FROM assignments GROUP BY response_id').all() as {
    responseId: number
    n: number
    people: number
  }[]

describe('assignment', () => {
  it('gives every answer to exactly k distinct annotators and no more', () => {
    const { db, responseIds } = project({ answers: 7 })
    const people = ['А', 'Б', 'В'].map((name) => person(db, name))
    // Interleave the three annotators until nobody gets anything.
    let active = [...people]
    while (active.length) {
      active = active.filter((id) => {
        const claim = claimNext(db, id)
        if (claim.responseId === null) return false
        finish(db, id, claim.responseId)
        return true
      })
    }
    const rows = assignmentsByAnswer(db)
    expect(rows).toHaveLength(responseIds.length)
    for (const row of rows) expect(row).toMatchObject({ n: 2, people: 2 })
    expect(db.prepare('SELECT count(*) FROM responses WHERE slots_taken <> 2').pluck().get()).toBe(0)
  })

  it('hands out least-assigned answers first, and all criteria of an answer together', () => {
    const { db, responseIds } = project({ answers: 4, criteria: 3 })
    const a = person(db, 'А')
    const b = person(db, 'Б')
    const first: number[] = []
    for (let round = 0; round < 2; round++) {
      for (const id of [a, b]) {
        const claim = claimNext(db, id)
        expect(claim.responseId).not.toBeNull()
        first.push(claim.responseId as number)
        expect(workQueue(db, id, { offset: 0, limit: 10, status: 'open' }).rows[0]).toMatchObject({ responseId: claim.responseId, criteria: 3 })
        finish(db, id, claim.responseId as number)
      }
    }
    // Four claims over four answers: each answer got its first annotator before any got a second.
    expect(new Set(first)).toEqual(new Set(responseIds))
  })

  it('returns the unfinished answer again instead of claiming another', () => {
    const { db } = project({ answers: 3 })
    const a = person(db, 'А')
    const first = claimNext(db, a)
    const again = claimNext(db, a)
    expect(again).toMatchObject({ responseId: first.responseId, claimed: false })
    expect(db.prepare('SELECT count(*) FROM assignments').pluck().get()).toBe(1)
  })

  it('stops at the quota', () => {
    const { db } = project({ answers: 5 })
    const a = person(db, 'А', { quota: 2 })
    expect(drain(db, a)).toHaveLength(2)
    expect(claimNext(db, a)).toEqual({ responseId: null, reason: 'quota-reached' })
  })

  it('gives an annotator only answers that match their task and criterion-group filters', () => {
    const { db, responseIds } = project({ answers: 6, taskOf: (i) => (i % 2 ? 'Creative Writing / Poem' : 'QA / Math') })
    const poet = person(db, 'Поэт', { filters: { tasks: ['Creative Writing'] } })
    const got = drain(db, poet)
    expect(got).toEqual(responseIds.filter((_, i) => i % 2 === 1))
    const nobody = person(db, 'Никто', { filters: { criterionGroups: ['нет такой группы'] } })
    expect(claimNext(db, nobody)).toEqual({ responseId: null, reason: 'none-left' })
    const grouped = person(db, 'Группа', { filters: { criterionGroups: ['g1'], languages: ['ru'] } })
    expect(drain(db, grouped)).toHaveLength(6)
  })

  it('frees the unfinished answers of a removed annotator (drafts go, submitted scores stay)', () => {
    const { db } = project({ answers: 2, criteria: 2 })
    updateSettings(db, { overlap: 1 })
    const a = person(db, 'А')
    const b = person(db, 'Б')
    const done = claimNext(db, a).responseId as number
    finish(db, a, done)
    const half = claimNext(db, a).responseId as number
    const [first, second] = itemsOf(db, half)
    submit(db, a, { itemId: first, score: 2, notApplicable: false, rationale: 'верно', activeMs: 10 })
    saveDraft(db, a, { itemId: second, score: 1, notApplicable: false, rationale: 'черновик', activeMs: 10 })
    expect(claimNext(db, b)).toEqual({ responseId: null, reason: 'none-left' })

    const { freedAnswers } = removeAnnotator(db, a)
    expect(freedAnswers).toBe(1)
    expect(db.prepare("SELECT count(*) FROM annotations WHERE annotator_id = ? AND status = 'draft'").pluck().get(a)).toBe(0)
    expect(db.prepare("SELECT count(*) FROM annotations WHERE annotator_id = ? AND status = 'submitted'").pluck().get(a)).toBe(3)
    expect(db.prepare('SELECT slots_taken FROM responses WHERE id = ?').pluck().get(half)).toBe(0)
    expect(claimNext(db, b)).toMatchObject({ responseId: half, claimed: true })
  })

  it('refuses in the schema an assignment beyond k, whoever writes it', () => {
    const { db, responseIds } = project({ answers: 1 })
    const ids = ['А', 'Б', 'В'].map((name) => person(db, name))
    const insert = db.prepare('INSERT INTO assignments (response_id, annotator_id) VALUES (?, ?)')
    insert.run(responseIds[0], ids[0])
    insert.run(responseIds[0], ids[1])
    expect(() => insert.run(responseIds[0], ids[2])).toThrow(/overlap/)
    expect(() => insert.run(responseIds[0], ids[0])).toThrow()
  })

  it('finds the next answer through indexes, without a scan or a sort', () => {
    const { db } = project({ answers: 3 })
    for (const after of [true, false]) {
      const { sql, params } = candidateSql({ tasks: ['QA'], criterionGroups: ['g0'] }, after)
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ level: 0, cursor: 0, me: 1, ...params }) as { detail: string }[]
      const details = plan.map((p) => p.detail).join('\n')
      expect(details).toMatch(/SEARCH r USING (COVERING )?INDEX responses_by_slots \(slots_taken=\? AND (rowid|id)[<>]=?\?\)/)
      expect(details).toMatch(/SEARCH a USING COVERING INDEX sqlite_autoindex_assignments_1 \(response_id=\? AND annotator_id=\?\)/)
      expect(details).not.toMatch(/SCAN r|SCAN it|SCAN a\b|TEMP B-TREE/)
    }
  })
})
