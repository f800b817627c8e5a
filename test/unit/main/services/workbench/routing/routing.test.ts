import { describe, expect, it } from 'vitest'
import { CastorError } from '@shared/api/errors'
import type { Db } from '../../../../../../src/main/services/db'
import { loadProject } from '../../../../../../src/main/services/analytics/load/loadProject'
import { addAnnotator, claimNext, submit, workItem, workQueue } from '../../../../../../src/main/services/workbench'
import {
  assistSuggestions,
  itemRouting,
  recomputeRouting,
  routingState,
  updateRouting,
} from '../../../../../../src/main/services/workbench/routing'
import { defaultCalibrationSize } from '../../../../../../src/main/services/workbench/routing/calibration'
import { judgeOpinions } from '../../../../../../src/main/services/workbench/routing/judgeView'
import { closedAfterEach } from '../workbenchKit'
import { answerIndex, routingProject, routingSettings } from './routingKit'

const open = closedAfterEach()

async function project(answers = 80) {
  const made = await routingProject(answers)
  open.push(made.db)
  return made
}

const person = (db: Db, name: string) => addAnnotator(db, { name, role: 'annotator', language: 'ru', quota: null, filters: {} }).annotator.id
const update = (db: Db, patch: Parameters<typeof updateRouting>[1]) => db.transaction(() => updateRouting(db, patch)).immediate()

/** Claims and scores answers until none is left: every shown criterion gets score(itemId). Returns the answers. */
function drain(db: Db, annotatorId: number, score: (itemId: number, responseId: number) => number, limit = Infinity): { responseId: number; criteria: number }[] {
  const got: { responseId: number; criteria: number }[] = []
  while (got.length < limit) {
    const claim = claimNext(db, annotatorId)
    if (claim.responseId === null) return got
    const item = workItem(db, annotatorId, claim.responseId)
    got.push({ responseId: claim.responseId, criteria: item.criteria.length })
    for (const c of item.criteria) {
      const result = submit(db, annotatorId, { itemId: c.itemId, score: score(c.itemId, claim.responseId), notApplicable: false, rationale: 'ok', activeMs: 10 })
      expect(result.answerDone).toBe(c === item.criteria[item.criteria.length - 1])
    }
  }
  return got
}

describe('judge-guided routing', () => {
  it('calibrates on a seeded sample with all criteria, then accepts what the judge settles and escalates the rest', async () => {
    const { db, runId } = await project()
    const state = update(db, routingSettings(runId))
    expect(state.status).toMatchObject({ phase: 'calibration', calibration: { answers: 40, complete: 0 }, items: { calibration: 80, pending: 80 } })
    const [a, b, c] = ['А', 'Б', 'В'].map((n) => person(db, n))

    // calibration: every answer shows both criteria; the experts give 1 everywhere (the judge is right where sure)
    const calibrationA = drain(db, a, () => 1)
    expect(calibrationA).toHaveLength(40)
    expect(calibrationA.every((x) => x.criteria === 2)).toBe(true)
    expect(routingState(db).status.phase).toBe('calibration')
    const calibrationB = drain(db, b, () => 1, 40)
    expect(calibrationB.map((x) => x.responseId).sort()).toEqual(calibrationA.map((x) => x.responseId).sort())

    // the last calibration score computed the thresholds
    const routed = routingState(db).status
    expect(routed.phase).toBe('routed')
    const [c0, c1] = routed.thresholds
    expect(c0).toMatchObject({ criterion: 'c0', alpha: 0.2, delta: 0.1, calibrationItems: 40 })
    expect(c0.lambda).toBeGreaterThan(0.45)
    expect(c0.lambda).toBeLessThanOrEqual(0.9)
    expect(c1.lambda).toBe(0)
    expect(routed.items.escalated).toBe(c0.acceptedShare === null ? 0 : Math.round(40 * (1 - c0.acceptedShare)))
    const escalatedAnswers = new Set(
      db.prepare("SELECT it.response_id FROM item_routing ir JOIN items it ON it.id = ir.item_id WHERE ir.role = 'escalated'").pluck().all() as number[],
    )
    expect([...escalatedAnswers].every((id) => answerIndex(db, id) % 2 === 1)).toBe(true)

    // an accepted item records why (score, λ, α, δ, calibration size)
    const accepted = db.prepare("SELECT item_id FROM item_routing WHERE role = 'accepted' LIMIT 1").pluck().get() as number
    expect(itemRouting(db, accepted)).toMatchObject({ role: 'accepted', judgeScore: 1, confidence: 0.9, alpha: 0.2, delta: 0.1, calibrationSize: 40, routingProbability: 0 })

    // one expert per escalated item, seeing only the escalated criterion; disagreeing with the judge on half of them
    const disagreeOn = (responseId: number) => answerIndex(db, responseId) % 4 === 1
    const firstPass = drain(db, c, (_item, responseId) => (disagreeOn(responseId) ? 2 : 0))
    expect(new Set(firstPass.map((x) => x.responseId))).toEqual(escalatedAnswers)
    expect(firstPass.every((x) => x.criteria === 1)).toBe(true)
    // the queue counts the criteria routed to the expert
    const queue = workQueue(db, c, { offset: 0, limit: 500, status: 'all' })
    expect(queue.rows.every((row) => row.criteria === 1 && row.submitted === 1 && row.status === 'done')).toBe(true)

    // a second expert only where the first differed from the judge's most probable score
    const secondPass = drain(db, a, () => 0)
    expect(secondPass.map((x) => x.responseId).sort()).toEqual(firstPass.filter((x) => disagreeOn(x.responseId)).map((x) => x.responseId).sort())
    // the two experts differ (2 vs 0) on all of them: a third, up to the maximum of 3
    const thirdPass = drain(db, b, () => 0)
    expect(thirdPass.map((x) => x.responseId).sort()).toEqual(secondPass.map((x) => x.responseId).sort())
    const d = person(db, 'Г')
    expect(drain(db, d, () => 1)).toEqual([])

    // nobody ever got an all-accepted answer outside calibration
    const calibrationSet = new Set(calibrationA.map((x) => x.responseId))
    const everAssigned = db.prepare('SELECT DISTINCT response_id FROM assignments').pluck().all() as number[]
    expect(everAssigned.filter((id) => !calibrationSet.has(id) && !escalatedAnswers.has(id))).toEqual([])
    const status = routingState(db).status
    expect(status.expertScores.fixedK).toBe(160 * 2)
    expect(status.expertScores.given).toBe(160 + firstPass.length + 2 * secondPass.length)
  })

  it('counts expert scores imported from files: calibration answers scored on file are not handed out again', async () => {
    const { db, runId } = await project()
    // one expert's scores on file for every item (an import: annotations without assignments)
    const onFile = person(db, 'Из файла')
    db.prepare("INSERT INTO annotations (item_id, annotator_id, score, status) SELECT id, ?, 1, 'submitted' FROM items").run(onFile)
    update(db, routingSettings(runId))
    const a = person(db, 'А')
    // k = 2 and one expert is on file: each calibration answer goes to one more expert only, with every criterion
    const calibration = drain(db, a, () => 1, 40)
    expect(calibration.every((x) => x.criteria === 2)).toBe(true)
    expect(routingState(db).status.phase).toBe('routed')
    expect(drain(db, person(db, 'Б'), () => 1).every((x) => !calibration.some((c) => c.responseId === x.responseId))).toBe(true)

    // two experts on file everywhere: the calibration is complete at once and nothing is handed out
    const second = await project()
    for (const name of ['Файл 1', 'Файл 2']) {
      const id = person(second.db, name)
      second.db.prepare("INSERT INTO annotations (item_id, annotator_id, score, status) SELECT id, ?, 1, 'submitted' FROM items").run(id)
    }
    update(second.db, routingSettings(second.runId))
    expect(routingState(second.db).status.phase).toBe('routed')
    expect(drain(second.db, person(second.db, 'В'), () => 1)).toEqual([])
  })

  it('recompute routes answers imported after the calibration started, with the judge\'s latest opinions', async () => {
    const { db, runId } = await project()
    update(db, routingSettings(runId))
    drain(db, person(db, 'А'), () => 1)
    drain(db, person(db, 'Б'), () => 1, 40)
    // a later import: one more answer with both criteria, judged sure on both
    const instruction = Number(db.prepare("INSERT INTO instructions (external_id, text) VALUES ('late', 'Поздний вопрос')").run().lastInsertRowid)
    const response = Number(db.prepare("INSERT INTO responses (instruction_id, model, text) VALUES (?, 'model-a', 'Поздний ответ')").run(instruction).lastInsertRowid)
    const criteria = db.prepare('SELECT id FROM criteria ORDER BY id').pluck().all() as number[]
    for (const criterion of criteria) {
      const item = Number(db.prepare('INSERT INTO items (response_id, criterion_id) VALUES (?, ?)').run(response, criterion).lastInsertRowid)
      db.prepare(`INSERT INTO judgments (run_id, item_id, score, score_probabilities) VALUES (?, ?, 1, '{"0":0.02,"1":0.96,"2":0.02}')`).run(runId, item)
    }
    db.transaction(() => recomputeRouting(db)).immediate()
    const roles = db.prepare('SELECT ir.role, ir.confidence FROM item_routing ir JOIN items it ON it.id = ir.item_id WHERE it.response_id = ?').all(response)
    expect(roles).toEqual([
      { role: 'accepted', confidence: 0.96 },
      { role: 'accepted', confidence: 0.96 },
    ])
    expect(db.prepare('SELECT expert_target FROM responses WHERE id = ?').pluck().get(response)).toBe(0)
  })

  it('accepts nothing of a criterion whose threshold is backed by too few calibration items, and says why', async () => {
    const { db, runId } = await project(40)
    update(db, { ...routingSettings(runId), calibrationSize: 8 })
    const [a, b] = ['А', 'Б'].map((n) => person(db, n))
    drain(db, a, () => 1)
    drain(db, b, () => 1, 8)
    const { thresholds, items } = routingState(db).status
    expect(thresholds.every((t) => t.lambda === null && t.reason === 'few-items' && /fewer than the minimum of 10/.test(t.reasonText ?? ''))).toBe(true)
    expect(items).toMatchObject({ accepted: 0, escalated: 64 })
  })

  it('"no worse than one more expert": α is the experts\' own leave-one-out disagreement at its bound', async () => {
    const { db, runId } = await project()
    update(db, { ...routingSettings(runId), alpha: null })
    const [a, b] = ['А', 'Б'].map((n) => person(db, n))
    drain(db, a, () => 1)
    drain(db, b, (itemId) => (itemId % 5 === 0 ? 2 : 1), 40)
    const { thresholds } = routingState(db).status
    for (const t of thresholds) {
      expect(t.alpha).toBeGreaterThan(0)
      expect(t.alpha).toBeLessThan(1)
    }
  })

  it('probabilistic routing keeps every item at least π_min likely to reach an expert and stores that probability', async () => {
    const { db, runId } = await project()
    update(db, { ...routingSettings(runId), piMin: 0.3 })
    drain(db, person(db, 'А'), () => 1)
    drain(db, person(db, 'Б'), () => 1, 40)
    const rows = db.prepare("SELECT role, routing_probability AS p FROM item_routing WHERE role IN ('accepted', 'escalated')").all() as { role: string; p: number }[]
    expect(rows.every((r) => r.p >= 0.3)).toBe(true)
    const aboveLambda = rows.filter((r) => r.p === 0.3)
    const escalatedAbove = aboveLambda.filter((r) => r.role === 'escalated').length / aboveLambda.length
    expect(escalatedAbove).toBeGreaterThan(0.1)
    expect(escalatedAbove).toBeLessThan(0.5)
  })

  it('recompute is refused while routing is off, and a judge-guided project needs a judge run', async () => {
    const { db } = await project(10)
    expect(() => db.transaction(() => recomputeRouting(db)).immediate()).toThrow(CastorError)
    expect(() => update(db, { policy: 'judge-guided' })).toThrow(/needs a judge run/)
    expect(() => update(db, { policy: 'judge-guided', judgeRunIds: [999] })).toThrow(/No judge run 999/)
    expect(routingState(db).settings.policy).toBe('breadth')
  })

  it('chooses a default calibration size that makes the guarantee reachable, and says how', () => {
    const chosen = defaultCalibrationSize(1000, 0.5, { minItems: 50, alpha: 0.1, delta: 0.1 })
    expect(chosen).toEqual({
      size: 200,
      answers: 1000,
      setByLead: false,
      minItems: 50,
      zeroErrorItems: 22,
      alpha: 0.1,
      alphaAssumed: false,
      delta: 0.1,
      perCriterion: 100,
      rarestShare: 0.5,
      capped: false,
    })
    expect(defaultCalibrationSize(30, 1, { minItems: 50, alpha: null, delta: 0.1 })).toMatchObject({ size: 30, capped: true, alphaAssumed: true })
    // a strict α needs more than the minimum: ⌈ln 0.05 / ln 0.98⌉ = 149 items
    expect(defaultCalibrationSize(10_000, 1, { minItems: 50, alpha: 0.02, delta: 0.05 })).toMatchObject({ zeroErrorItems: 149, size: 298 })
  })
})

describe('assisted mode', () => {
  it('shows the judge beside the rubric only in assisted mode, marks assisted scores and keeps them out of statistics', async () => {
    const { db, runId } = await project(4)
    const a = person(db, 'А')
    const claim = claimNext(db, a)
    if (claim.responseId === null) throw new Error('no answer')
    expect(assistSuggestions(db, a, claim.responseId)).toEqual([])
    expect(() => assistSuggestions(db, person(db, 'Б'), claim.responseId!)).toThrow(/not assigned to you/)
    update(db, { annotationMode: 'assisted', judgeRunIds: [runId] })
    const suggestions = assistSuggestions(db, a, claim.responseId)
    expect(suggestions).toHaveLength(2)
    expect(suggestions[1]).toMatchObject({ score: 1, probabilities: { '0': 0.05, '1': 0.9, '2': 0.05 }, run: 'llm' })
    expect(suggestions[1].rationale).toMatch(/^судья/)
    for (const s of suggestions) submit(db, a, { itemId: s.itemId, score: 1, notApplicable: false, rationale: 'ok', activeMs: 5 })
    expect(db.prepare('SELECT count(*) FROM annotations WHERE assisted = 1').pluck().get()).toBe(2)
    expect(routingState(db).status.assisted).toEqual({ submitted: 2, keptJudge: suggestions.filter((s) => s.score === 1).length })
    expect(loadProject(db).scores.length).toBe(0)
    update(db, { assistedInStatistics: true })
    expect(loadProject(db).scores.length).toBe(2)
  })
})

describe('judge opinions', () => {
  it('a committee of runs gives vote-share probabilities, and routes by them', async () => {
    const { db, runId } = await project(4)
    const items = db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[]
    const addRun = (name: string, scores: number[]) => {
      const id = Number(db.prepare("INSERT INTO judge_runs (name, model) VALUES (?, 'm')").run(name).lastInsertRowid)
      scores.forEach((score, i) => db.prepare('INSERT INTO judgments (run_id, item_id, score) VALUES (?, ?, ?)').run(id, items[i], score))
      return id
    }
    const second = addRun('second', [1, 2, 0, 1])
    const third = addRun('third', [1, 2, 2, 1])
    const opinions = judgeOpinions(db, [runId, second, third], 'top')
    // llm says 1 on item 0 (c0 of an even answer): three votes for 1
    expect(opinions.get(items[0])).toMatchObject({ top: 1, probabilities: [0, 1, 0], confidence: 1 })
    // item 1: llm 1, second 2, third 2 → shares 0, 1/3, 2/3
    expect(opinions.get(items[1])!.probabilities).toEqual([0, 1 / 3, 2 / 3])
    expect(opinions.get(items[1])).toMatchObject({ top: 2, confidence: 2 / 3 })
    // item 2: llm 0, second 0, third 2
    expect(opinions.get(items[2])!.probabilities).toEqual([2 / 3, 0, 1 / 3])
    update(db, { policy: 'judge-guided', judgeRunIds: [runId, second, third], calibrationSize: 1 })
    expect(db.prepare('SELECT confidence FROM item_routing WHERE item_id = ?').pluck().get(items[1])).toBeCloseTo(2 / 3)
  })

  it('confidence may be 1 − normalised entropy', async () => {
    const { db, runId } = await project(2)
    const item = db.prepare('SELECT id FROM items ORDER BY id LIMIT 1').pluck().get() as number
    const p = [0.05, 0.9, 0.05]
    const entropy = -p.reduce((s, x) => s + x * Math.log(x), 0)
    expect(judgeOpinions(db, [runId], 'entropy').get(item)!.confidence).toBeCloseTo(1 - entropy / Math.log(3))
    expect(judgeOpinions(db, [runId], 'top').get(item)!.confidence).toBeCloseTo(0.9)
  })

  it('a new α once routed recomputes the thresholds at once', async () => {
    const { db, runId } = await project()
    update(db, routingSettings(runId))
    drain(db, person(db, 'А'), () => 1)
    drain(db, person(db, 'Б'), () => 1, 40)
    expect(routingState(db).status.thresholds[0].alpha).toBe(0.2)
    update(db, { alpha: 0.05 })
    const [c0] = routingState(db).status.thresholds
    expect(c0.alpha).toBe(0.05)
    // 40 calibration items: at α 0.05, δ 0.1 even a threshold without errors needs 45, so nothing passes
    expect(c0.lambda).toBeNull()
    expect(c0.reason).toBe('exceeds')
  })
})

