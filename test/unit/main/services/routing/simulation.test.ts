import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openProject } from '../../../../../src/main/services/db'
import { computeProjectStats } from '../../../../../src/main/services/analytics'
import { loadSimulation, runSimulation, simulateRepeat, summarise } from '../../../../../src/main/services/routing/simulation'
import type { SimulationData } from '../../../../../src/main/services/routing/simulation'
import { writeCompleteProject } from '../../../../helpers/completeProject'

let file: string
let data: SimulationData
let k: number

beforeAll(() => {
  // one project for the whole file (tempDir would remove it after the first test)
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'castor-sim-')), 'complete.castor')
  writeCompleteProject(file, { instructions: 300, models: 3, criteria: 2, experts: 3, committee: 3, seed: 11 })
  const db = openProject(file, { readOnly: true })
  try {
    ;({ data, k } = loadSimulation(db, 'judge', [], 'top'))
  } finally {
    db.close()
  }
})

afterAll(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }))

const settings = { policy: 'judge-guided' as const, alpha: 0.3, delta: 0.1, calibration: 250, maxExperts: 3, minItems: 50, seed: 4 }

describe('castor simulate engine on a complete project', () => {
  it('reads every item with its full panel and the judge', () => {
    expect(data.items).toBe(300 * 3 * 2)
    expect(data.answers).toBe(300 * 3)
    expect(k).toBe(3)
    expect(data.expertValues.length).toBe(data.items * 3)
    expect(data.confidence.every((c) => c >= 1 / 3 - 1e-9 && c <= 1)).toBe(true)
  })

  it('over 500 seeded repeats the violation rate stays within δ (binomial tolerance), and items are accepted', () => {
    const R = 500
    const outcomes = Array.from({ length: R }, (_, r) => simulateRepeat(data, settings, r))
    const report = summarise(data, settings, outcomes, { judge: 'judge', committee: [], calibration: { answers: 250, chosenBy: 'set' }, maxExperts: 3, k, repeats: R })
    const tolerance = 3 * Math.sqrt((0.1 * 0.9) / R)
    for (const criterion of Object.values(report.byCriterion)) {
      expect(criterion.itemLevel.violationRate).toBeLessThanOrEqual(0.1 + tolerance)
      expect(criterion.itemLevel.populationViolationRate).toBeLessThanOrEqual(0.1 + tolerance)
    }
    expect(report.itemLevel.violationRate).toBeLessThanOrEqual(0.1 + tolerance)
    expect(report.itemLevel.acceptedShare).toBeGreaterThan(0.2)
    expect(report.expertScores.savedShare).toBeGreaterThan(0.3)
    expect(report.expertScores.used).toBeLessThan(report.expertScores.fixedK)
    // the PPI intervals cover the full-panel means at about 95 % and are narrower than expert-only
    expect(report.estimates.coverage!).toBeGreaterThan(0.95 - 3 * Math.sqrt((0.95 * 0.05) / (R * 3)))
    expect(report.estimates.ciWidthRatio!).toBeLessThan(1)
  })

  it('probabilistic routing (π_min): more experts, weighted estimates over every expert-scored item still cover', () => {
    const R = 200
    const run = (piMin?: number) => {
      const outcomes = Array.from({ length: R }, (_, r) => simulateRepeat(data, { ...settings, piMin }, r))
      return summarise(data, { ...settings, piMin }, outcomes, { judge: 'judge', committee: [], calibration: { answers: 250, chosenBy: 'set' }, maxExperts: 3, k, repeats: R })
    }
    const fixed = run()
    const weighted = run(0.1)
    expect(weighted.piMin).toBe(0.1)
    expect(weighted.expertScores.used).toBeGreaterThan(fixed.expertScores.used)
    expect(weighted.itemLevel.acceptedShare).toBeLessThan(fixed.itemLevel.acceptedShare)
    for (const report of [weighted, ...Object.values(weighted.byCriterion)]) {
      expect(report.estimates.coverage!).toBeGreaterThan(0.95 - 3 * Math.sqrt((0.95 * 0.05) / (R * 3)))
      expect(report.estimates.ciWidthRatio!).toBeLessThan(1)
    }
  })

  it('an accepting-everything check: with α = 0.99 all non-calibration items are accepted and only calibration is paid', () => {
    const outcome = simulateRepeat(data, { ...settings, alpha: 0.99 }, 0)
    const accepted = outcome.accepted.reduce((s, v) => s + v, 0)
    expect(accepted).toBe(data.items - 250 * 2)
    expect(outcome.used.reduce((s, v) => s + v, 0)).toBe(250 * 2 * 3)
  })

  it('escalation: one expert, a second when it differs from the judge, a third when two differ', () => {
    // α tiny: nothing accepted; every non-calibration item pays 1, 2 or 3 experts by the rule
    const outcome = simulateRepeat(data, { ...settings, alpha: 0.0001, calibration: 0 }, 0)
    const used = outcome.used.reduce((s, v) => s + v, 0)
    expect(outcome.accepted.every((v) => v === 0)).toBe(true)
    expect(used).toBeGreaterThan(data.items)
    expect(used).toBeLessThan(data.items * 3)
    const capped = simulateRepeat(data, { ...settings, alpha: 0.0001, calibration: 0, maxExperts: 1 }, 0)
    expect(capped.used.reduce((s, v) => s + v, 0)).toBe(data.items)
  })

  it('breadth with a budget of one expert per item: every item labeled once, estimates defined', () => {
    const outcome = simulateRepeat(data, { ...settings, policy: 'breadth', budget: data.items }, 0)
    expect(outcome.used.reduce((s, v) => s + v, 0)).toBe(data.items)
    expect(outcome.modelDefined).toBe(3)
  })

  it('the same report whatever the number of threads', async () => {
    const input = { policy: 'judge-guided' as const, judge: 'judge', alpha: 'ceiling' as const, delta: 0.1, repeats: 24, seed: 9 }
    const one = await runSimulation(file, input, { threads: 1 })
    const two = await runSimulation(file, input, { threads: 2 })
    expect(two).toEqual(one)
    expect(one.calibration.chosenBy).toMatch(/5 × min-items/)
  })

  it('a committee: probabilities are the vote shares of the runs', async () => {
    const db = openProject(file, { readOnly: true })
    try {
      const committee = loadSimulation(db, 'judge', ['vote-1', 'vote-2', 'vote-3'], 'top').data
      for (let i = 0; i < 50; i++) {
        // four votes: the top share is 0.5, 0.75 or 1 (ties keep the lowest score)
        expect([0.5, 0.75, 1]).toContain(committee.confidence[i])
      }
    } finally {
      db.close()
    }
  })

  it('castor stats carries PPI estimates per run with probabilities; a pure-noise judge is never wider than experts', async () => {
    // experts kept on every fifth answer only (the answers are i.i.d., so this is a uniform sample)
    const sampled = path.join(path.dirname(file), 'sampled.castor')
    fs.copyFileSync(file, sampled)
    const db = openProject(sampled)
    db.prepare('DELETE FROM annotations WHERE item_id IN (SELECT id FROM items WHERE response_id % 5 <> 0)').run()
    db.close()
    const report = await computeProjectStats(sampled)
    expect(Object.keys(report.estimates).sort()).toEqual(['judge', 'noise'])
    const noise = report.estimates.noise
    const judge = report.estimates.judge
    for (const rows of Object.values(noise.byCriterion)) {
      for (const row of Object.values(rows)) {
        expect(row.labeled).toBeGreaterThan(40)
        expect(row.unlabeled).toBeGreaterThan(4 * 40)
        expect(row.widthRatio.value!).toBeLessThanOrEqual(1 + 1e-12)
      }
    }
    for (const rows of Object.values(judge.byCriterion)) for (const row of Object.values(rows)) expect(row.widthRatio.value!).toBeLessThan(0.95)
    expect(judge.byModel['model-1'].ppi.ci).toHaveLength(2)
    expect(judge.ranking.map((r) => r.model)).toEqual(['model-3', 'model-2', 'model-1'])
    // with every item scored, PPI is the expert-only estimate (nothing unlabeled)
    const full = await computeProjectStats(file)
    expect(full.estimates.judge.byModel['model-1'].unlabeled).toBe(0)
    expect(full.estimates.judge.byModel['model-1'].ppi).toEqual(full.estimates.judge.byModel['model-1'].expertOnly)
  })
})
