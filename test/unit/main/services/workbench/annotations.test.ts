import { describe, expect, it } from 'vitest'
import {
  addAnnotator,
  adjudicationQueue,
  callerForToken,
  claimNext,
  issueLink,
  progress,
  reveal,
  reviewList,
  revise,
  revokeAnnotator,
  saveDraft,
  setAdjudication,
  submit,
  tokenHash,
  updateSettings,
  workItem,
} from '../../../../../src/main/services/workbench'
import { closedAfterEach, itemsOf, makeWorkbenchProject } from './workbenchKit'

const open = closedAfterEach()

function setup(answers = 1, criteria = 2) {
  const made = makeWorkbenchProject({ answers, criteria })
  open.push(made.db)
  const { db } = made
  const add = (name: string) => addAnnotator(db, { name, role: 'annotator', language: 'ru', quota: null, filters: {} })
  const a = add('Анна')
  const b = add('Борис')
  return { ...made, a: a.annotator.id, b: b.annotator.id, linkA: a.link, linkB: b.link }
}

const values = (itemId: number, score: number | null, rationale = 'потому что', extra: { notApplicable?: boolean; activeMs?: number } = {}) => ({
  itemId,
  score,
  rationale,
  notApplicable: extra.notApplicable ?? false,
  activeMs: extra.activeMs ?? 1000,
})

describe('drafts', () => {
  it('keeps a draft on the server with its active time, and shows it only to its author', () => {
    const { db, a, b } = setup()
    const responseId = claimNext(db, a).responseId as number
    claimNext(db, b)
    const [item] = itemsOf(db, responseId)
    saveDraft(db, a, values(item, 1, 'пишу…', { activeMs: 5000 }))
    saveDraft(db, a, values(item, 2, 'пишу дальше', { activeMs: 3000 }))
    const mine = workItem(db, a, responseId).criteria[0].annotation
    expect(mine).toMatchObject({ score: 2, rationale: 'пишу дальше', status: 'draft', activeMs: 5000, revision: 0, first: null })
    expect(workItem(db, b, responseId).criteria[0].annotation).toBeNull()
  })

  it('refuses a score that is not a level, and a value together with not applicable', () => {
    const { db, a } = setup()
    const [item] = itemsOf(db, claimNext(db, a).responseId as number)
    expect(() => saveDraft(db, a, values(item, 7))).toThrow(/not a level/)
    expect(() => saveDraft(db, a, values(item, 1, '', { notApplicable: true }))).toThrow(/not-applicable/)
    expect(saveDraft(db, a, values(item, null, '', { notApplicable: true }))).toMatchObject({ notApplicable: true, score: null })
  })

  it('refuses to write to an answer that is not assigned to the annotator', () => {
    const { db, a, b } = setup(2)
    const responseId = claimNext(db, a).responseId as number
    const [item] = itemsOf(db, responseId)
    expect(() => saveDraft(db, b, values(item, 1))).toThrow(/not assigned to you/)
    expect(() => submit(db, b, values(item, 1))).toThrow(/not assigned to you/)
    expect(() => workItem(db, b, responseId)).toThrow(/not assigned to you/)
  })
})

describe('submit and revise', () => {
  it('needs a rationale unless the project says otherwise', () => {
    const { db, a } = setup()
    const [first, second] = itemsOf(db, claimNext(db, a).responseId as number)
    expect(() => submit(db, a, values(first, 1, '   '))).toThrow(/rationale is required/)
    expect(() => submit(db, a, values(first, null, 'x'))).toThrow(/Choose a score/)
    updateSettings(db, { rationaleRequired: false })
    expect(submit(db, a, values(first, 1, '')).annotation.status).toBe('submitted')
    expect(submit(db, a, values(second, null, '', { notApplicable: true })).answerDone).toBe(true)
  })

  it('keeps every revision and the blind first submission', () => {
    const { db, a } = setup(1, 1)
    const responseId = claimNext(db, a).responseId as number
    const [item] = itemsOf(db, responseId)
    saveDraft(db, a, values(item, 0, 'черновик'))
    const first = submit(db, a, values(item, 0, 'слепая оценка'))
    expect(first).toMatchObject({ answerDone: true, annotation: { revision: 1, first: { score: 0, rationale: 'слепая оценка' } } })
    // A retried identical submit is answered, not refused; a different one must be a revision.
    expect(submit(db, a, values(item, 0, 'слепая оценка')).annotation.revision).toBe(1)
    expect(() => submit(db, a, values(item, 1, 'другая'))).toThrow(/revise/)
    expect(() => saveDraft(db, a, values(item, 1, 'другая'))).toThrow(/revise/)

    revise(db, a, values(item, 1, 'после обсуждения'))
    const last = revise(db, a, values(item, 2, 'окончательно', { activeMs: 9000 })).annotation
    expect(last).toMatchObject({ score: 2, rationale: 'окончательно', revision: 3, activeMs: 9000, first: { score: 0, rationale: 'слепая оценка' } })
    const history = db.prepare('SELECT revision, score, rationale FROM annotation_revisions ORDER BY revision').all()
    expect(history).toEqual([
      { revision: 1, score: 0, rationale: 'слепая оценка' },
      { revision: 2, score: 1, rationale: 'после обсуждения' },
    ])
  })

  it('refuses to revise what was never submitted', () => {
    const { db, a } = setup()
    const [item] = itemsOf(db, claimNext(db, a).responseId as number)
    expect(() => revise(db, a, values(item, 1))).toThrow(/Submit this score/)
  })
})

describe('reveal', () => {
  it("shows others' and the judge's scores only for items the viewer has submitted", () => {
    const { db, a, b } = setup(1, 2)
    const responseId = claimNext(db, a).responseId as number
    expect(claimNext(db, b).responseId).toBe(responseId)
    const [first, second] = itemsOf(db, responseId)
    const run = Number(db.prepare("INSERT INTO judge_runs (name, model) VALUES ('pollux-judge', 'pollux-7b')").run().lastInsertRowid)
    db.prepare("INSERT INTO judgments (run_id, item_id, score, rationale, score_probabilities) VALUES (?, ?, 2, 'судья', '{\"0\":0.1,\"2\":0.9}')").run(run, first)
    submit(db, b, values(first, 0, 'Борис: плохо'))
    saveDraft(db, b, values(second, 1, 'Борис: черновик'))

    const before = reveal(db, responseId, a)
    expect(before.every((item) => !item.revealed && item.others.length === 0 && item.judges.length === 0)).toBe(true)

    submit(db, a, values(first, 2, 'Анна: хорошо'))
    const after = reveal(db, responseId, a)
    expect(after[0]).toMatchObject({
      revealed: true,
      mine: { score: 2 },
      others: [{ annotator: 'Борис', score: 0, rationale: 'Борис: плохо', revised: false }],
      judges: [{ run: 'pollux-judge', score: 2, probabilities: { '0': 0.1, '2': 0.9 } }],
    })
    // Borís's draft on the second item never shows, and that item stays hidden until Anna submits it.
    expect(after[1]).toMatchObject({ revealed: false, others: [], judges: [] })
  })
})

describe('sign-in links', () => {
  it('stores only the SHA-256 of a token, and a new link or a revocation ends the old one', () => {
    const { db, a, linkA } = setup()
    const stored = db.prepare('SELECT token_sha256 FROM annotator_tokens WHERE annotator_id = ?').pluck().all(a) as string[]
    expect(stored).toEqual([tokenHash(linkA.token)])
    expect(JSON.stringify(db.prepare('SELECT * FROM annotator_tokens').all())).not.toContain(linkA.token)
    expect(callerForToken(db, linkA.token)).toEqual({ role: 'annotator', annotatorId: a, name: 'Анна' })

    const next = issueLink(db, a)
    expect(callerForToken(db, linkA.token)).toBeNull()
    expect(callerForToken(db, next.token)).toMatchObject({ annotatorId: a })
    revokeAnnotator(db, a)
    expect(callerForToken(db, next.token)).toBeNull()
    expect(callerForToken(db, 'not-a-token')).toBeNull()
  })
})

describe('lead views', () => {
  it('ranks disagreement, keeps the blind first score for it, and records final scores', () => {
    const { db, a, b } = setup(3, 1)
    const c = addAnnotator(db, { name: 'Вера', role: 'lead', language: null, quota: null, filters: {} }).annotator.id
    const { responseIds } = { responseIds: db.prepare('SELECT id FROM responses ORDER BY id').pluck().all() as number[] }
    const pairs: [number, number][] = [
      [0, 2],
      [1, 1],
      [1, 2],
    ]
    const scores: Record<number, [number, number]> = {}
    // Each of A and B claims and scores every answer (in whatever order the claims come).
    for (const [who, side] of [
      [a, 0],
      [b, 1],
    ] as const) {
      for (let i = 0; i < 3; i++) {
        const responseId = claimNext(db, who).responseId as number
        const [item] = itemsOf(db, responseId)
        const pair = pairs[responseIds.indexOf(responseId)]
        submit(db, who, values(item, pair[side]))
        scores[item] = pair
      }
    }
    const items = Object.keys(scores).map(Number)
    // After the reveal A changes the widest split to agree; the queue still uses the blind first score.
    revise(db, a, values(items[0], 2, 'передумала'))
    const queue = adjudicationQueue(db, { offset: 0, limit: 10, unresolvedOnly: true, range: 'all' })
    expect(queue.rows.map((r) => [r.itemId, r.range])).toEqual([
      [items[0], 2],
      [items[2], 1],
      [items[1], 0],
    ])
    updateSettings(db, { agreementSource: 'latest' })
    expect(adjudicationQueue(db, { offset: 0, limit: 10, unresolvedOnly: true }).rows[0].itemId).toBe(items[2])

    expect(() => setAdjudication(db, { itemId: items[2], score: 5, notApplicable: false, note: '' }, { id: c, name: 'Вера' })).toThrow(/not a level/)
    setAdjudication(db, { itemId: items[2], score: 2, notApplicable: false, note: 'по эталону' }, { id: c, name: 'Вера' })
    const after = adjudicationQueue(db, { offset: 0, limit: 10, unresolvedOnly: true, range: 'all' })
    expect(after.total).toBe(2)
    expect(after.rows.map((r) => r.itemId)).not.toContain(items[2])
    const review = reviewList(db, { offset: 0, limit: 10, annotatorId: b, score: 2 })
    expect(review.rows.map((r) => r.itemId)).toEqual([items[0], items[2]])
    expect(review.rows[1]).toMatchObject({ final: { score: 2, note: 'по эталону', adjudicator: 'Вера' } })
    expect(review.rows[1].annotations.map((x) => x.annotator)).toEqual(['Анна', 'Борис'])
  })

  it('counts progress per annotator and overall', () => {
    const { db, a, b } = setup(2, 1)
    for (const id of [a, b]) {
      const responseId = claimNext(db, id).responseId as number
      submit(db, id, values(itemsOf(db, responseId)[0], 1, 'x', { activeMs: 4000 }))
    }
    claimNext(db, a)
    const result = progress(db)
    expect(result.overall).toMatchObject({ overlap: 2, answers: 2, slots: 4, assigned: 3, done: 2, answersComplete: 0, itemsSubmitted: 2, medianMsPerItem: 4000 })
    const anna = result.annotators.find((p) => p.annotatorId === a)
    expect(anna).toMatchObject({ assigned: 2, done: 1, itemsSubmitted: 1, medianMsPerItem: 4000 })
  })
})
