import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../../../../src/main/services/db'
import { loadProject } from '../../../../../../src/main/services/analytics/load/loadProject'
import { computeEstimates } from '../../../../../../src/main/services/analytics/engine/estimates'
import { addAnnotator, claimNext, submit, workItem } from '../../../../../../src/main/services/workbench'
import { updateRouting } from '../../../../../../src/main/services/workbench/routing'
import { routingProject, routingSettings } from './routingKit'

const open: Db[] = []
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})

async function project() {
  const made = await routingProject(80)
  open.push(made.db)
  return made
}
const person = (db: Db, name: string) => addAnnotator(db, { name, role: 'annotator', language: 'ru', quota: null, filters: {} }).annotator.id
const update = (db: Db, patch: Parameters<typeof updateRouting>[1]) => db.transaction(() => updateRouting(db, patch)).immediate()

/** Claims and scores answers until none is left (or `limit`): every shown criterion gets `score`. */
function drain(db: Db, annotatorId: number, score: number, limit = Infinity): number {
  let answers = 0
  while (answers < limit) {
    const claim = claimNext(db, annotatorId)
    if (claim.responseId === null) break
    answers++
    for (const c of workItem(db, annotatorId, claim.responseId).criteria) {
      submit(db, annotatorId, { itemId: c.itemId, score, notApplicable: false, rationale: 'ok', activeMs: 10 })
    }
  }
  return answers
}

/** Items of one criterion × model: role, stored π, first expert's score and expert mean. */
function routedItems(db: Db, criterion: string, model: string) {
  return db
    .prepare(
      `SELECT ir.role, ir.routing_probability AS p,
              (SELECT a.score FROM annotations a WHERE a.item_id = it.id AND a.status = 'submitted' ORDER BY a.id LIMIT 1) AS first,
              (SELECT avg(a.score) FROM annotations a WHERE a.item_id = it.id AND a.status = 'submitted') AS mean
         FROM items it JOIN criteria c ON c.id = it.criterion_id JOIN responses r ON r.id = it.response_id
         JOIN item_routing ir ON ir.item_id = it.id WHERE c.name = ? AND r.model = ?`,
    )
    .all(criterion, model) as { role: string; p: number | null; first: number | null; mean: number | null }[]
}

describe('estimates on a judge-guided project', () => {
  it('deterministic routing: the calibration sample only; escalated items\' scores are left out and said so', async () => {
    const { db, runId } = await project()
    update(db, routingSettings(runId))
    // calibration: two experts give 1 everywhere; then the escalated items get 2 (they are where the judge is unsure)
    drain(db, person(db, 'А'), 1)
    drain(db, person(db, 'Б'), 1, 40)
    expect(drain(db, person(db, 'В'), 2)).toBeGreaterThan(0)
    const estimates = computeEstimates(loadProject(db)).llm
    expect(estimates.design).toBe('calibration')
    expect(estimates.sample).toMatch(/^calibration sample only .*: 80 expert-scored items; \d+ expert-scored routed items left out: deterministic routing/)
    for (const [criterion, row] of Object.entries(estimates.byCriterion)) {
      for (const [model, estimate] of Object.entries(row)) {
        const items = routedItems(db, criterion, model)
        expect(estimate.labeled).toBe(items.filter((i) => i.role === 'calibration').length)
        expect(estimate.unlabeled).toBe(items.length - estimate.labeled)
        // only the calibration experts' 1s: the escalated 2s would pull it up
        expect(estimate.expertOnly.value).toBe(1)
      }
    }
    for (const estimate of Object.values(estimates.byModel)) expect(estimate.expertOnly.value).toBe(1)
  })

  it('probabilistic routing: routed items join with their first expert\'s score, weighted by 1/π', async () => {
    const { db, runId } = await project()
    update(db, { ...routingSettings(runId), piMin: 0.3 })
    drain(db, person(db, 'А'), 1)
    drain(db, person(db, 'Б'), 1, 40)
    // before the escalated items are scored, only the calibration sample counts
    const early = computeEstimates(loadProject(db)).llm
    expect(early.design).toBe('calibration')
    expect(early.sample).toMatch(/escalated items have no expert score yet/)
    // the first expert gives 2 (≠ the judge's most probable score, so a second is asked, who gives 0)
    drain(db, person(db, 'В'), 2)
    drain(db, person(db, 'Г'), 0)
    const estimates = computeEstimates(loadProject(db)).llm
    expect(estimates.design).toBe('weighted')
    expect(estimates.sample).toMatch(/^calibration sample \(80 items.*\+ \d+ routed items weighted by 1\/π/)
    const all: { role: string; p: number | null; first: number | null; mean: number | null }[] = []
    for (const [criterion, row] of Object.entries(estimates.byCriterion)) {
      for (const [model, estimate] of Object.entries(row)) {
        const items = routedItems(db, criterion, model)
        all.push(...items)
        const labeled = items.filter((i) => i.role === 'calibration' || (i.role === 'escalated' && i.first !== null))
        expect(estimate.labeled).toBe(labeled.length)
        // Horvitz–Thompson: Σ Y/π over the labeled, over all items; calibration: π = 1, the experts' mean
        const ht = labeled.reduce((s, i) => s + (i.role === 'calibration' ? i.mean! : i.first! / i.p!), 0) / items.length
        expect(estimate.expertOnly.value).toBeCloseTo(ht, 10)
        expect(estimate.ppi.ci![1] - estimate.ppi.ci![0]).toBeLessThanOrEqual(estimate.expertOnly.ci![1] - estimate.expertOnly.ci![0] + 1e-12)
      }
    }
    expect(all.some((i) => i.role === 'escalated' && i.p === 0.3 && i.first === 2)).toBe(true)
    // per model: items as units (π differ within an answer)
    for (const [model, estimate] of Object.entries(estimates.byModel)) {
      const items = [...routedItems(db, 'c0', model), ...routedItems(db, 'c1', model)]
      const ht = items.reduce((s, i) => s + (i.role === 'calibration' ? i.mean! : i.role === 'escalated' && i.first !== null ? i.first / i.p! : 0), 0) / items.length
      expect(estimate.expertOnly.value).toBeCloseTo(ht, 10)
    }
  })

  it('every item scored on file (an imported complete project): all scores are used, routing drew no sample', async () => {
    const { db, runId } = await project()
    const onFile = person(db, 'Из файла')
    db.prepare("INSERT INTO annotations (item_id, annotator_id, score, status) SELECT id, ?, 1, 'submitted' FROM items").run(onFile)
    update(db, routingSettings(runId))
    const estimates = computeEstimates(loadProject(db)).llm
    expect(estimates.design).toBe('uniform')
    expect(estimates.sample).toMatch(/^every item has expert scores/)
    expect(estimates.byModel['model-a'].unlabeled + estimates.byModel['model-b'].unlabeled).toBe(0)
  })

  it('routing off: every expert-scored item, taken as a uniform sample', async () => {
    const { db } = await project()
    drain(db, person(db, 'А'), 1, 10)
    const estimates = computeEstimates(loadProject(db)).llm
    expect(estimates.design).toBe('uniform')
    expect(estimates.byModel['model-a'].labeled + estimates.byModel['model-b'].labeled).toBe(10)
  })
})
