import { describe, expect, it } from 'vitest'
import type { Db } from '../../../../../src/main/services/db'
import { addAnnotator, candidateSql, claimNext, submit, updateSettings } from '../../../../../src/main/services/workbench'
import { RANDOM_WALK, ROUTED_WALK } from '../../../../../src/main/services/workbench/policies'
import { updateRouting } from '../../../../../src/main/services/workbench/routing'
import { closedAfterEach, itemsOf, makeWorkbenchProject } from './workbenchKit'

const open = closedAfterEach()

function project(answers: number) {
  const made = makeWorkbenchProject({ answers })
  open.push(made.db)
  return made
}

const person = (db: Db, name: string) => addAnnotator(db, { name, role: 'annotator', language: 'ru', quota: null, filters: {} }).annotator.id

function finish(db: Db, annotatorId: number, responseId: number): void {
  for (const itemId of itemsOf(db, responseId)) submit(db, annotatorId, { itemId, score: 1, notApplicable: false, rationale: 'ok', activeMs: 1000 })
}

/** Each annotator in turn claims and finishes one answer; returns the claims in order as [annotator, answer]. */
function roundRobin(db: Db, people: number[], rounds: number): [number, number][] {
  const claims: [number, number][] = []
  for (let r = 0; r < rounds; r++) {
    for (const p of people) {
      const claim = claimNext(db, p)
      if (claim.responseId === null) continue
      claims.push([p, claim.responseId])
      finish(db, p, claim.responseId)
    }
  }
  return claims
}

const setPolicy = (db: Db, policy: 'breadth' | 'depth' | 'random', seed = 1) => db.transaction(() => updateRouting(db, { policy, seed })).immediate()

describe('assignment policies', () => {
  it('breadth (the default) gives every answer its first annotator before any gets its second', () => {
    const { db, responseIds } = project(4)
    const people = ['А', 'Б'].map((n) => person(db, n))
    const claims = roundRobin(db, people, 2)
    expect(claims.map(([, r]) => r)).toEqual(responseIds)
  })

  it('depth: an answer reaches k before a new one opens', () => {
    const { db, responseIds } = project(4)
    setPolicy(db, 'depth')
    const people = ['А', 'Б'].map((n) => person(db, n))
    const claims = roundRobin(db, people, 4)
    expect(claims.map(([p, r]) => [people.indexOf(p), responseIds.indexOf(r)])).toEqual([
      [0, 0], [1, 0], [0, 1], [1, 1], [0, 2], [1, 2], [0, 3], [1, 3],
    ])
  })

  it('depth with k = 3 and three annotators fills each answer before opening the next', () => {
    const { db, responseIds } = project(3)
    updateSettings(db, { overlap: 3 })
    setPolicy(db, 'depth')
    const people = ['А', 'Б', 'В'].map((n) => person(db, n))
    const order = roundRobin(db, people, 3).map(([, r]) => responseIds.indexOf(r))
    expect(order).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2])
  })

  it('random: a seeded order, the same for the same seed, another for another seed, still least-assigned first', () => {
    const orders = [7, 7, 8].map((seed) => {
      const { db, responseIds } = project(30)
      setPolicy(db, 'random', seed)
      const people = ['А', 'Б'].map((n) => person(db, n))
      const claims = roundRobin(db, people, 30).map(([, r]) => responseIds.indexOf(r))
      // every answer gets its first annotator before any gets its second
      expect(new Set(claims.slice(0, 30)).size).toBe(30)
      expect(claims).toHaveLength(60)
      return claims.slice(0, 30)
    })
    expect(orders[0]).toEqual(orders[1])
    expect(orders[0]).not.toEqual(orders[2])
    expect(orders[0]).not.toEqual([...orders[0]].sort((a, b) => a - b))
  })

  it('finds the next answer through an index for the random and judge-guided walks, without a scan or a sort', () => {
    const { db } = project(3)
    for (const [walk, index] of [
      [RANDOM_WALK, 'responses_by_random'],
      [ROUTED_WALK, 'responses_routed'],
    ] as const) {
      for (const after of [true, false]) {
        const { sql, params } = candidateSql({ tasks: ['QA'] }, after, walk)
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ level: 0, cursor: 0, me: 1, ...params }) as { detail: string }[]
        const details = plan.map((p) => p.detail).join('\n')
        expect(details).toContain(`SEARCH r USING INDEX ${index} (slots_taken=?`)
        expect(details).not.toMatch(/SCAN r|SCAN it|SCAN a\b|TEMP B-TREE/)
      }
    }
  })
})
